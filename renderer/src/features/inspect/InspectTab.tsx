import { useDeferredValue, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectDoc } from '../../../../shared/index';
import { CopyIcon, SearchIcon } from '../../components/action-icons';
import { copyText } from '../../lib/clipboard';
import { useToasts } from '../../state/toasts';
import { JsonTree } from './JsonTree';
import { searchJson } from './jsonpath-search';
import { TemplateBox } from './TemplateBox';

const MAX_LISTED = 50;

/** `docker image inspect`: the JSON tree with a JSONPath search, and a live `-f` template. */
export function InspectTab({ doc, target }: { doc: InspectDoc; target: string }): ReactElement {
  const { t } = useTranslation();
  const [expr, setExpr] = useState('');
  const deferred = useDeferredValue(expr);
  const search = useMemo(() => searchJson(doc, deferred), [doc, deferred]);
  return (
    <div className="inspect">
      <TemplateBox target={target} />
      <div className="inspect-search">
        <label htmlFor="jsonpath" className="field-label">{t('inspect.jsonpath')}</label>
        <div className={`input-with-icon${search.error ? ' invalid' : ''}`}>
          <SearchIcon />
          <input id="jsonpath" className="input mono" value={expr} onChange={(e) => setExpr(e.target.value)} placeholder="$.Config.Cmd"
            spellCheck={false} autoComplete="off" aria-invalid={search.error ? true : undefined} aria-describedby="jsonpath-status"
            data-testid="jsonpath-input" />
        </div>
        <p id="jsonpath-status" className={search.error ? 'field-error' : 'field-hint'} aria-live="polite" data-testid="jsonpath-status">
          {search.error ?? (deferred.trim() ? t('inspect.matches', { count: search.matches.length }) : t('inspect.jsonpathHelp'))}
        </p>
        {search.matches.length > 0 && <MatchList paths={search.matches} values={search.values} />}
      </div>
      <JsonTree doc={doc} search={search} label={t('inspect.tree')} />
    </div>
  );
}

function MatchList({ paths, values }: { paths: string[]; values: unknown[] }): ReactElement {
  const { t } = useTranslation();
  const push = useToasts((s) => s.push);
  const copy = (text: string): void => {
    copyText(text).then(
      () => push({ kind: 'success', title: t('actions.copied'), description: text.length > 120 ? `${text.slice(0, 120)}…` : text }),
      () => push({ kind: 'error', title: t('actions.copyFailed') }),
    );
  };
  return (
    <ul className="match-list" data-testid="jsonpath-matches">
      {paths.slice(0, MAX_LISTED).map((p, i) => {
        const value = JSON.stringify(values[i]);
        return (
          <li key={p} className="match">
            <code className="match-path">{p}</code>
            <code className="match-value">{value}</code>
            <button type="button" className="icon-button small" aria-label={t('inspect.copyPath', { path: p })} title={t('inspect.copyPathShort')}
              onClick={() => copy(p)}>
              <CopyIcon />
            </button>
            <button type="button" className="link-button" onClick={() => copy(value)} aria-label={t('inspect.copyValue', { path: p })}>
              {t('inspect.copyValueShort')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
