import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegistryEntry } from './registries';
import type { SearchQuery, SortKey } from './results';

const SORTS: SortKey[] = ['relevance', 'stars', 'name'];

export function SearchControls(props: {
  query: SearchQuery;
  onQuery(q: SearchQuery): void;
  sort: SortKey;
  onSort(s: SortKey): void;
  registries: RegistryEntry[];
}): ReactElement {
  const { t } = useTranslation();
  const { query, onQuery, sort, onSort, registries } = props;
  const set = (patch: Partial<SearchQuery>): void => onQuery({ ...query, ...patch });
  return (
    <div className="registry-controls" role="search">
      <div className="registry-search-row">
        <label className="sr-only" htmlFor="registry-term">{t('registry.search.label')}</label>
        <input
          id="registry-term"
          className="registry-input registry-term"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('registry.search.placeholder')}
          value={query.term}
          onChange={(e) => set({ term: e.target.value })}
        />
        <label className="sr-only" htmlFor="registry-select">{t('registry.search.registry')}</label>
        <select id="registry-select" className="select" value={query.registry} onChange={(e) => set({ registry: e.target.value })}>
          {registries.map((r) => (
            <option key={r.host} value={r.host}>{r.hub ? t('registry.hub') : r.host}</option>
          ))}
        </select>
      </div>
      <div className="registry-filter-row">
        <label className="registry-field">
          <span>{t('registry.filters.minStars')}</span>
          <input
            className="registry-input registry-stars"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            value={query.minStars === 0 ? '' : query.minStars}
            placeholder="0"
            onChange={(e) => set({ minStars: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
          />
        </label>
        <label className="registry-check">
          <input type="checkbox" checked={query.officialOnly} onChange={(e) => set({ officialOnly: e.target.checked })} />
          <span>{t('registry.filters.official')}</span>
        </label>
        <label className="registry-check" title={t('registry.filters.automatedDeprecated')}>
          <input type="checkbox" checked={query.automatedOnly} onChange={(e) => set({ automatedOnly: e.target.checked })} />
          <span>{t('registry.filters.automated')}</span>
        </label>
        <label className="registry-field registry-sort">
          <span>{t('registry.sort.label')}</span>
          <select className="select" value={sort} onChange={(e) => onSort(e.target.value as SortKey)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>{t(`registry.sort.${s}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {query.automatedOnly && (
        <p className="registry-warning" role="status" data-testid="automated-warning">{t('registry.filters.automatedWarning')}</p>
      )}
    </div>
  );
}
