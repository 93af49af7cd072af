import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactElement } from 'react';
import type { ImageRow } from '../../../../shared/index';
import { useTranslation } from 'react-i18next';
import { MoreIcon, RefreshIcon } from '../../components/action-icons';
import { useImages } from '../../state/images';
import { ActionMenuItems } from './ActionMenu';
import type { ImageAction } from './actions';
import { SaveMenu } from '../archive';
import { ColumnsMenu } from './ColumnsMenu';
import { FilterBox } from './FilterBox';
import { rowRef } from './row-key';
import { ViewToggles } from './ViewToggles';

const TOOLBAR_ACTIONS = ['inspect', 'tag', 'untag', 'delete'] as const;

/** Filter, view toggles and the actions on the selection, all reachable with Tab. */
export function ImagesToolbar(props: { actions: ImageAction[]; filterError: string | undefined; chosen: ImageRow[] }): ReactElement {
  const { actions, filterError, chosen } = props;
  const { t } = useTranslation();
  const loading = useImages((s) => s.loading);
  return (
    <div className="toolbar" aria-label={t('images.toolbar')}>
      <FilterBox error={filterError} />
      <ViewToggles />
      <div className="toolbar-spacer" />
      <div className="toolbar-group" aria-label={t('images.selectionActions')}>
        {TOOLBAR_ACTIONS.map((id) => {
          const a = actions.find((x) => x.id === id)!;
          const Icon = a.icon;
          return (
            <button key={id} type="button" className={`tool-button${a.danger ? ' danger' : ''}`} disabled={!a.enabled}
              onClick={a.run} aria-label={a.label} title={a.shortcut ? `${a.label} (${a.shortcut})` : a.label} data-action={id}>
              {Icon && <Icon />}
              <span className="tool-label">{a.label}</span>
            </button>
          );
        })}
        <SaveMenu selectedRefs={chosen.map(rowRef)} />
        <DropdownMenu.Root modal={false}>
          <DropdownMenu.Trigger className="tool-button icon-only" aria-label={t('actions.more')}>
            <MoreIcon />
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content className="menu" align="end" sideOffset={4}>
              <ActionMenuItems actions={actions} kind="dropdown" />
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      </div>
      <div className="toolbar-divider" />
      <ColumnsMenu />
      <button type="button" className="tool-button icon-only" aria-label={t('images.refresh')} title={t('images.refresh')}
        onClick={() => void useImages.getState().refresh()} data-busy={loading || undefined}>
        <RefreshIcon />
      </button>
    </div>
  );
}
