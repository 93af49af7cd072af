import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../shared/index';
import { api } from '../../api/index';
import { asBerthError } from '../../lib/errors';
import { useSources } from '../../state/sources';
import { checkEndpoint } from './source-logic';

/** An engine endpoint to add (unix:///…sock or tcp://127.0.0.1:PORT); the core's refusal shows inline. */
export function AddEngineForm({ id, onAdded, autoFocus }: { id: string; onAdded?(added: Source | undefined): void; autoFocus?: boolean }): ReactElement {
  const { t } = useTranslation();
  const [endpoint, setEndpoint] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const check = checkEndpoint(endpoint);
  const hint = !check.ok && check.reason !== 'empty' ? t(`sources.endpointHint.${check.reason}`) : undefined;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!check.ok || busy) return;
    setBusy(true);
    setError(undefined);
    const before = new Set((useSources.getState().list ?? []).map((s) => s.id));
    try {
      const list = await api.call('sources.add', { endpoint: endpoint.trim() });
      useSources.getState().setList(list);
      setEndpoint('');
      onAdded?.(list.find((s) => !before.has(s.id)) ?? list.find((s) => s.endpoint === endpoint.trim() || s.id === endpoint.trim()));
    } catch (err) {
      setError(asBerthError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={id} className="add-engine" onSubmit={(e) => void submit(e)} data-testid="add-engine-form">
      <label htmlFor={`${id}-endpoint`} className="field-label">{t('sources.endpoint')}</label>
      <div className="add-engine-row">
        <input id={`${id}-endpoint`} className={`input mono${hint ? ' invalid' : ''}`} value={endpoint} autoFocus={autoFocus}
          spellCheck={false} autoComplete="off" placeholder="unix:///run/user/1000/podman/podman.sock"
          aria-invalid={Boolean(hint) || undefined} aria-describedby={`${id}-feedback`} data-testid="add-engine-endpoint"
          onChange={(e) => { setEndpoint(e.target.value); setError(undefined); }} />
        <button type="submit" className="button primary" disabled={!check.ok || busy} data-testid="add-engine-submit">
          {t('sources.add')}
        </button>
      </div>
      <div id={`${id}-feedback`} className="field-feedback" aria-live="polite">
        {hint ? <p className="field-hint">{hint}</p> : <p className="field-hint">{t('sources.endpointHelp')}</p>}
        {error && <p className="field-error" role="alert" data-testid="add-engine-error">{error}</p>}
      </div>
    </form>
  );
}
