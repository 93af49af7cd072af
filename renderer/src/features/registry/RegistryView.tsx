import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ViewHeader } from '../../components/ViewHeader';
import './registry.css';
import { useRegistries } from './registries';
import { RemoteDetails } from './RemoteDetails';
import { ResultsList } from './ResultsList';
import type { SearchQuery, SortKey } from './results';
import { SavedLists } from './SavedLists';
import { SearchControls } from './SearchControls';
import { TagsPanel } from './TagsPanel';
import { usePull } from './usePull';
import { useSearch } from './useSearch';

const START: SearchQuery = { term: '', registry: 'docker.io', minStars: 0, officialOnly: false, automatedOnly: false };

/**
 * `docker search` as a panel: search as you type, filter and sort, open a
 * repository's tags, read a tag's details without pulling, pull a tag or one
 * of its platforms.
 */
export function RegistryView(): ReactElement {
  const { t } = useTranslation();
  const registries = useRegistries();
  const [query, setQuery] = useState<SearchQuery>(START);
  const [sort, setSort] = useState<SortKey>('relevance');
  const [repository, setRepository] = useState<string | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const search = useSearch(query);
  const { pulls, pull } = usePull();
  const open = (name: string): void => {
    setRepository(name);
    setTag(null);
  };

  return (
    <section className="view registry-view" aria-labelledby="view-title">
      <ViewHeader title={t('registry.title')} />
      <SearchControls query={query} onQuery={setQuery} sort={sort} onSort={setSort} registries={registries} />
      <div className={`registry-body${repository ? ' with-detail' : ''}`}>
        <div className="registry-results">
          {query.term.trim() === '' && (
            <SavedLists onOpen={open} onSearch={(s) => setQuery({ ...query, term: s.term, registry: s.registry })} />
          )}
          {query.term.trim() !== '' && search.loading && !search.answer && <p className="loading">{t('registry.results.searching')}</p>}
          {query.term.trim() !== '' && search.error && (
            <p className="registry-error" role="alert" data-testid="search-error">{search.error.message}</p>
          )}
          {query.term.trim() !== '' && search.answer && (
            <ResultsList answer={search.answer} term={search.answeredTerm ?? ''} sort={sort} selected={repository} onOpen={open} />
          )}
        </div>
        {repository && (
          <div className="registry-detail">
            <div className="registry-panel-head">
              <span className="muted">{t('registry.details.repository')}</span>
              <button type="button" className="link-button" aria-label={t('registry.details.close')} onClick={() => setRepository(null)}>×</button>
            </div>
            {tag === null ? (
              <TagsPanel key={repository} repository={repository} onOpenTag={setTag} pulls={pulls} pull={pull} />
            ) : (
              <RemoteDetails key={`${repository}:${tag}`} reference={`${repository}:${tag}`} onBack={() => setTag(null)} pulls={pulls} pull={pull} />
            )}
          </div>
        )}
      </div>
    </section>
  );
}
