import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PruneResult } from '../../../../shared/index';
import { api } from '../../api/index';
import { Dialog } from '../../components/Dialog';
import { useKeyedCall } from '../../hooks/useKeyedCall';
import { asBerthError } from '../../lib/errors';
import { useSource } from '../../state/sources';
import { humanSize } from './format';
import { recordLines } from './records';

type Mode = 'dangling' | 'all';
type Preview = { state: 'loading' } | { state: 'ready'; result: PruneResult } | { state: 'error'; message: string };

/** `docker image prune [-a]`: a dry run shows what would go and what it frees; confirming does it. */
export function PruneDialog({ onClose }: { onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('dangling');
  const [done, setDone] = useState<PruneResult>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const source = useSource();
  const dry = useKeyedCall(`${source}\n${mode}`, () => api.call('images.prune', { source, all: mode === 'all', filters: [], dryRun: true }));
  const preview: Preview = failure ? { state: 'error', message: failure } : !dry ? { state: 'loading' }
    : dry.ok ? { state: 'ready', result: dry.value } : { state: 'error', message: dry.error.message };
  const prune = async (): Promise<void> => {
    setBusy(true);
    try {
      setDone(await api.call('images.prune', { source, all: mode === 'all', filters: [], dryRun: false }));
    } catch (e) {
      setFailure(asBerthError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const nothing = preview.state === 'ready' && preview.result.records.length === 0;
  return (
    <Dialog title={t('prune.title')} onClose={onClose} size="large" testId="prune-dialog"
      footer={done ? (
        <button type="button" className="button secondary" onClick={onClose}>{t('dialog.close')}</button>
      ) : (
        <>
          <button type="button" className="button secondary" onClick={onClose}>{t('dialog.cancel')}</button>
          <button type="button" className="button danger" disabled={busy || preview.state !== 'ready' || nothing}
            onClick={() => void prune()} data-testid="prune-confirm">
            {t('prune.confirm')}
          </button>
        </>
      )}
    >
      {done ? <PruneLines result={done} testId="prune-result" /> : (
        <>
          <fieldset className="radio-cards">
            <legend className="visually-hidden">{t('prune.mode')}</legend>
            {(['dangling', 'all'] as const).map((m) => (
              <label key={m} className="radio-card">
                <input type="radio" name="prune-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                <span className="radio-card-title">{t(`prune.${m}.title`)}</span>
                <span className="radio-card-body">{t(`prune.${m}.body`)}</span>
              </label>
            ))}
          </fieldset>
          {preview.state === 'loading' && <p className="loading">{t('prune.previewing')}</p>}
          {preview.state === 'error' && <p className="field-error" role="alert">{preview.message}</p>}
          {preview.state === 'ready' && <PruneLines result={preview.result} testId="prune-preview" preview />}
        </>
      )}
    </Dialog>
  );
}

/** Docker's prune output: `Deleted Images:`, the records, `Total reclaimed space: …`. */
function PruneLines({ result, testId, preview }: { result: PruneResult; testId: string; preview?: boolean }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="plan" data-testid={testId}>
      {result.records.length === 0 ? (
        <p>{t(preview ? 'prune.nothingToDo' : 'prune.nothingDone')}</p>
      ) : (
        <>
          <p>{t(preview ? 'prune.wouldDelete' : 'prune.deleted')}</p>
          <ul className="record-list">
            {recordLines(result.records).map((l, i) => <li key={i} className="record">{l.replace(/^(\w)/, (c) => c.toLowerCase())}</li>)}
          </ul>
        </>
      )}
      <p className="plan-total" data-testid={`${testId}-total`}>
        {t(preview ? 'prune.wouldReclaim' : 'prune.reclaimed', { size: humanSize(result.reclaimed, 4) })}
      </p>
    </div>
  );
}
