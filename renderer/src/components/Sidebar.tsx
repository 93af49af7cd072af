import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SourceSwitcher } from '../features/sources/SourceSwitcher';
import { useNav, VIEWS } from '../state/nav';
import { VIEW_ICONS } from './icons';

/**
 * Main navigation: a list of buttons in the tab order (Tab/Enter), with
 * arrow keys, Home and End moving between items like a toolbar; below it,
 * the image source the views show.
 */
export function Sidebar(): ReactElement {
  const { t } = useTranslation();
  const view = useNav((s) => s.view);
  const go = useNav((s) => s.go);
  const items = useRef<Array<HTMLButtonElement | null>>([]);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const last = VIEWS.length - 1;
    const target =
      e.key === 'ArrowDown' ? (index === last ? 0 : index + 1)
      : e.key === 'ArrowUp' ? (index === 0 ? last : index - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : undefined;
    if (target === undefined) return;
    e.preventDefault();
    items.current[target]?.focus();
  };

  return (
    <div className="sidebar">
      <nav className="sidebar-nav" aria-label={t('nav.label')}>
        <ul>
          {VIEWS.map((id, index) => {
            const Icon = VIEW_ICONS[id];
            const current = id === view;
            return (
              <li key={id}>
                <button
                  type="button"
                  ref={(el) => {
                    items.current[index] = el;
                  }}
                  className="nav-item"
                  data-view={id}
                  aria-current={current ? 'page' : undefined}
                  onClick={() => go(id)}
                  onKeyDown={(e) => onKeyDown(e, index)}
                >
                  <Icon />
                  <span>{t(`nav.${id}`)}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <SourceSwitcher />
    </div>
  );
}
