import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { sortResults, type SearchAnswer, type SortKey } from './results';
import { useSaved } from './saved';

export function ResultsList(props: {
  answer: SearchAnswer;
  term: string;
  sort: SortKey;
  selected: string | null;
  onOpen(name: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const { answer, sort, selected, onOpen } = props;
  const bookmarks = useSaved((s) => s.bookmarks);
  const toggleBookmark = useSaved((s) => s.toggleBookmark);
  const rows = sortResults(answer.results, sort);
  return (
    <>
      <p className="registry-summary" aria-live="polite" data-testid="search-summary">
        {t('registry.results.summary', { count: rows.length, term: props.term })}
      </p>
      {answer.source === 'catalog' && (
        <p className="registry-note" data-testid="catalog-note">{t('registry.results.catalogNote', { registry: answer.registry })}</p>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table registry-table" aria-label={t('registry.results.label')} data-testid="search-results">
            <thead>
              <tr>
                <th scope="col">{t('registry.results.name')}</th>
                <th scope="col">{t('registry.results.description')}</th>
                <th scope="col" className="num">{t('registry.results.stars')}</th>
                <th scope="col">{t('registry.results.official')}</th>
                <th scope="col"><span className="sr-only">{t('registry.results.bookmark')}</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const marked = bookmarks.includes(r.name);
                return (
                  <tr key={r.name} data-testid="search-row" data-name={r.name} aria-selected={selected === r.name}>
                    <td>
                      <button type="button" className="link-button" title={r.name} onClick={() => onOpen(r.name)}>{r.name}</button>
                    </td>
                    <td className="registry-description" title={r.description || undefined}>
                      {r.description || <span className="muted">—</span>}
                    </td>
                    <td className="num" data-testid="stars">
                      {r.starCount === null ? <span className="muted" title={t('registry.results.noStars')}>—</span> : r.starCount}
                    </td>
                    <td>{r.isOfficial && <span className="registry-badge">{t('registry.results.officialBadge')}</span>}</td>
                    <td>
                      <button
                        type="button"
                        className={`icon-toggle${marked ? ' on' : ''}`}
                        aria-pressed={marked}
                        aria-label={t(marked ? 'registry.bookmarks.remove' : 'registry.bookmarks.add', { name: r.name })}
                        onClick={() => toggleBookmark(r.name)}
                      >
                        {marked ? '★' : '☆'}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
