import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../../components/icons';
import { SearchIcon } from '../../components/action-icons';
import { useImages } from '../../state/images';
import { parseFilterQuery } from './filter-query';

const FILTER_DELAY_MS = 150;

/** The filter box: search words filter at once; Docker filters go to the core after a short pause. */
export function FilterBox({ error }: { error: string | undefined }): ReactElement {
  const { t } = useTranslation();
  const query = useImages((s) => s.query);
  const setQuery = useImages((s) => s.setQuery);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => useImages.getState().setFilters(parseFilterQuery(query).filters), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  useEffect(() => {
    const focus = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', focus);
    return () => window.removeEventListener('keydown', focus);
  }, []);
  return (
    <div className="filter-box">
      <div className={`input-with-icon${error ? ' invalid' : ''}`}>
        <SearchIcon />
        <input
          ref={input}
          type="search"
          className="input"
          value={query}
          placeholder={t('images.filter.placeholder')}
          aria-label={t('images.filter.label')}
          aria-describedby="filter-help"
          aria-invalid={error ? true : undefined}
          spellCheck={false}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.stopPropagation();
              setQuery('');
            }
          }}
          data-testid="images-filter"
        />
        {query && (
          <button type="button" className="icon-button small" aria-label={t('images.filter.clear')} onClick={() => setQuery('')}>
            <CloseIcon />
          </button>
        )}
      </div>
      <span id="filter-help" className="visually-hidden">{t('images.filter.help')}</span>
      {error && (
        <div className="filter-error" role="alert" data-testid="filter-error">
          {error}
        </div>
      )}
    </div>
  );
}
