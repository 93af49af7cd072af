import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../hooks/useCall';
import { PullButton } from './PullButton';
import { filterTags, paginate, sortTags, type TagSort } from './tags';
import type { PullState } from './usePull';

export const TAGS_PAGE_SIZE = 50;

export function TagsPanel(props: {
  repository: string;
  onOpenTag(tag: string): void;
  pulls: Record<string, PullState>;
  pull(ref: string, platform?: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const { data, error, loading } = useCall('registry.tags', { repository: props.repository });
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<TagSort>('version');
  const [page, setPage] = useState(0);
  const shown = data ? filterTags(sortTags(data.tags, sort), filter) : [];
  const current = paginate(shown, page, TAGS_PAGE_SIZE);
  return (
    <section className="registry-panel" aria-labelledby="tags-title" data-testid="tags-panel">
      <h2 id="tags-title" className="registry-panel-title">{t('registry.tags.title', { repository: props.repository })}</h2>
      {error && <p className="registry-error" role="alert">{error.message}</p>}
      {!data && loading && <p className="loading">{t('app.loading')}</p>}
      {data && (
        <>
          <div className="registry-filter-row">
            <input
              className="registry-input"
              type="search"
              aria-label={t('registry.tags.filter')}
              placeholder={t('registry.tags.filter')}
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                setPage(0);
              }}
            />
            <select className="select" aria-label={t('registry.tags.sort')} value={sort} onChange={(e) => setSort(e.target.value as TagSort)}>
              <option value="version">{t('registry.tags.byVersion')}</option>
              <option value="name">{t('registry.tags.byName')}</option>
            </select>
            <span className="muted" data-testid="tags-count">{t('registry.tags.count', { count: shown.length })}</span>
          </div>
          <ul className="registry-tags" data-testid="tags-list">
            {current.items.map((tag) => (
              <li key={tag} className="registry-tag" data-tag={tag}>
                <button type="button" className="link-button mono" onClick={() => props.onOpenTag(tag)}>{tag}</button>
                <PullButton reference={`${props.repository}:${tag}`} pulls={props.pulls} pull={props.pull} />
              </li>
            ))}
          </ul>
          {current.pages > 1 && (
            <nav className="registry-pager" aria-label={t('registry.tags.pages')}>
              <button type="button" className="small-button" disabled={current.page === 0} onClick={() => setPage(current.page - 1)}>
                {t('registry.tags.previous')}
              </button>
              <span data-testid="tags-page">{t('registry.tags.page', { page: current.page + 1, pages: current.pages })}</span>
              <button type="button" className="small-button" disabled={current.page >= current.pages - 1} onClick={() => setPage(current.page + 1)}>
                {t('registry.tags.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
