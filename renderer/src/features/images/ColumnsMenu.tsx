import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, ColumnsIcon } from '../../components/action-icons';
import { COLUMN_IDS, useImagesView } from '../../state/images-view';

const ALWAYS_SHOWN = new Set(['repository', 'tag']);

/** Which columns show; remembered with the rest of the view settings. */
export function ColumnsMenu(): ReactElement {
  const { t } = useTranslation();
  const hidden = useImagesView((s) => s.hidden);
  const toggle = useImagesView((s) => s.toggleColumn);
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="tool-button icon-only" aria-label={t('images.columnsMenu')} title={t('images.columnsMenu')}>
        <ColumnsIcon />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="menu-heading">{t('images.columnsMenu')}</DropdownMenu.Label>
          {COLUMN_IDS.filter((id) => !ALWAYS_SHOWN.has(id)).map((id) => (
            <DropdownMenu.CheckboxItem
              key={id}
              className="menu-item"
              checked={!hidden.includes(id)}
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={() => toggle(id)}
              data-column={id}
            >
              <span className="menu-icon">
                <DropdownMenu.ItemIndicator>
                  <CheckIcon />
                </DropdownMenu.ItemIndicator>
              </span>
              <span className="menu-label">{t(`images.columns.${id}`)}</span>
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
