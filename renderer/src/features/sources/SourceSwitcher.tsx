import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../../state/nav';
import { attachSources, useSources } from '../../state/sources';
import { AddEngineDialog } from './AddEngineDialog';
import { sourceLabel } from './labels';
import { SourceDot } from './SourceDot';

/**
 * Which image source the app shows: the embedded store or a Docker/Podman
 * engine. A menu button with radio items (arrows, Enter, Escape), then
 * "Add engine…" and the settings where engines are managed.
 */
export function SourceSwitcher(): ReactElement | null {
  const { t } = useTranslation();
  useEffect(attachSources, []);
  const list = useSources((s) => s.list);
  const current = useSources((s) => s.current);
  const choose = useSources((s) => s.choose);
  const [adding, setAdding] = useState(false);
  const shown = list?.find((s) => s.id === current);
  const label = sourceLabel(list, current, t);
  if (!list) return null;
  return (
    <div className="sidebar-source">
      <span className="sidebar-source-label" aria-hidden="true">{t('sources.label')}</span>
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger className="source-switcher" data-testid="source-switcher" data-source={current} title={shown?.endpoint ?? undefined}
          aria-label={t('sources.switcherLabel', { name: label })}>
          {shown && <SourceDot source={shown} />}
          <span className="source-switcher-text">
            <span className="source-switcher-name">{label}</span>
            <span className="source-switcher-endpoint">{shown?.endpoint ?? t('sources.embeddedEndpoint')}</span>
          </span>
          <svg className="icon chevron" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" /></svg>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu source-menu" side="top" align="start" sideOffset={4} data-testid="source-menu">
            <DropdownMenu.Label className="menu-heading">{t('sources.heading')}</DropdownMenu.Label>
            <DropdownMenu.RadioGroup value={current} onValueChange={choose}>
              {list.map((s) => (
                <DropdownMenu.RadioItem key={s.id} value={s.id} className="menu-item source-item" data-testid="source-item" data-source={s.id}>
                  <span className="menu-icon"><SourceDot source={s} /></span>
                  <span className="source-item-text">
                    <span className="source-item-name">{sourceLabel(list, s.id, t)}</span>
                    <span className="source-item-endpoint">{s.state === 'connected' ? (s.endpoint ?? t('sources.embeddedEndpoint')) : t('sources.unreachableShort', { endpoint: s.endpoint ?? '' })}</span>
                  </span>
                  <DropdownMenu.ItemIndicator className="menu-check">✓</DropdownMenu.ItemIndicator>
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
            <DropdownMenu.Separator className="menu-separator" />
            <DropdownMenu.Item className="menu-item" onSelect={() => setAdding(true)} data-testid="source-add">
              <span className="menu-icon" />
              <span className="menu-label">{t('sources.addMenu')}</span>
            </DropdownMenu.Item>
            <DropdownMenu.Item className="menu-item" onSelect={() => useNav.getState().go('settings')} data-testid="source-manage">
              <span className="menu-icon" />
              <span className="menu-label">{t('sources.manage')}</span>
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {adding && <AddEngineDialog onClose={() => setAdding(false)} />}
    </div>
  );
}
