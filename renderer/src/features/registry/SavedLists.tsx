import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaved, type RecentSearch } from './saved';

/** Shown while the search box is empty: bookmarked repositories and recent searches. */
export function SavedLists(props: { onSearch(s: RecentSearch): void; onOpen(name: string): void }): ReactElement {
  const { t } = useTranslation();
  const { bookmarks, recent, clearRecent, toggleBookmark } = useSaved();
  return (
    <div className="registry-saved">
      <section aria-labelledby="bookmarks-title" data-testid="bookmarks">
        <h2 id="bookmarks-title" className="registry-subtitle">{t('registry.bookmarks.title')}</h2>
        {bookmarks.length === 0 ? (
          <p className="muted">{t('registry.bookmarks.empty')}</p>
        ) : (
          <ul className="registry-chips">
            {bookmarks.map((name) => (
              <li key={name} className="registry-chip">
                <button type="button" className="link-button" onClick={() => props.onOpen(name)}>{name}</button>
                <button type="button" className="chip-remove" aria-label={t('registry.bookmarks.remove', { name })} onClick={() => toggleBookmark(name)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recent-title" data-testid="recent-searches">
        <h2 id="recent-title" className="registry-subtitle">
          {t('registry.recent.title')}
          {recent.length > 0 && (
            <button type="button" className="link-button registry-clear" onClick={clearRecent}>{t('registry.recent.clear')}</button>
          )}
        </h2>
        {recent.length === 0 ? (
          <p className="muted">{t('registry.recent.empty')}</p>
        ) : (
          <ul className="registry-chips">
            {recent.map((s) => (
              <li key={`${s.registry}\n${s.term}`} className="registry-chip">
                <button type="button" className="link-button" onClick={() => props.onSearch(s)}>
                  {s.term}
                  {s.registry !== 'docker.io' && <span className="muted"> · {s.registry}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
