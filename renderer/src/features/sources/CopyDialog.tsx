import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow } from '../../../../shared/index';
import { api } from '../../api/index';
import { Dialog } from '../../components/Dialog';
import { asBerthError } from '../../lib/errors';
import { attachJobs, isActive, useJobs } from '../../state/jobs';
import { currentSource, useSources } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { JobProgress } from '../jobs/JobProgress';
import { rowRef } from '../images/row-key';
import { sourceLabel } from './labels';
import { copyTargets } from './source-logic';
import { SourceDot } from './SourceDot';
import { whenJobFinishes } from './watch-job';

/** Copies the chosen images to another source as a job; the dialog follows it, a toast says when it is done. */
export function CopyDialog({ rows, onClose }: { rows: ImageRow[]; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [from] = useState(currentSource);
  const list = useSources((s) => s.list);
  const targets = copyTargets(list ?? [], from);
  const [to, setTo] = useState<string | undefined>(targets[0]?.id);
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const push = useToasts((s) => s.push);
  const refs = [...new Set(rows.map((r) => r.reference ?? r.id))];

  useEffect(() => {
    if (!to && targets[0]) setTo(targets[0].id);
  }, [to, targets]);

  const start = async (): Promise<void> => {
    if (!to) return;
    setBusy(true);
    setError(undefined);
    try {
      attachJobs();
      const { jobId: id } = await api.call('images.copy', { from, to, refs });
      setJobId(id);
      const where = sourceLabel(useSources.getState().list, to, t);
      whenJobFinishes(id, (done) => {
        if (done.state === 'succeeded') push({ kind: 'success', title: t('copy.done', { target: where }), description: refs.join('\n') });
        else if (done.state === 'failed') push({ kind: 'error', title: t('copy.failed', { target: where }), description: done.error?.message ?? '' });
      });
    } catch (e) {
      setError(asBerthError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <>
      {job && isActive(job) && (
        <button type="button" className="button secondary" onClick={() => void api.call('jobs.cancel', { id: job.id })}>{t('jobs.cancel')}</button>
      )}
      <button type="button" className={job ? 'button primary' : 'button secondary'} onClick={onClose} data-testid="copy-close">
        {job && isActive(job) ? t('pull.background') : job ? t('dialog.close') : t('dialog.cancel')}
      </button>
      {!job && (
        <button type="button" className="button primary" disabled={!to || busy} onClick={() => void start()} data-testid="copy-submit">
          {t('copy.submit', { count: refs.length })}
        </button>
      )}
    </>
  );
  return (
    <Dialog title={t('copy.title', { count: refs.length })} onClose={onClose} size="medium" testId="copy-dialog" footer={footer}
      description={t('copy.description', { source: sourceLabel(list, from, t) })}>
      <ul className="copy-refs">{rows.slice(0, 8).map((r) => <li key={`${r.id}\n${r.reference ?? ''}`}><code>{rowRef(r)}</code></li>)}</ul>
      {rows.length > 8 && <p className="muted-text">{t('copy.more', { count: rows.length - 8 })}</p>}
      {!job && (targets.length === 0 ? (
        <p className="field-hint" data-testid="copy-no-target">{t('copy.noTarget')}</p>
      ) : (
        <fieldset className="radio-cards">
          <legend className="field-label">{t('copy.to')}</legend>
          {targets.map((s) => (
            <label key={s.id} className="radio-card" data-testid="copy-target" data-source={s.id}>
              <input type="radio" name="copy-to" value={s.id} checked={to === s.id} onChange={() => setTo(s.id)} />
              <span className="radio-card-title"><SourceDot source={s} /> {sourceLabel(list, s.id, t)}</span>
              <span className="radio-card-body mono">{s.endpoint ?? t('sources.embeddedEndpoint')}</span>
            </label>
          ))}
        </fieldset>
      ))}
      {error && <p className="field-error" role="alert" data-testid="copy-error">{error}</p>}
      {job && (
        <>
          <JobProgress job={job} />
          {job.messages.length > 0 && <pre className="job-messages">{job.messages.join('\n')}</pre>}
          {job.error && <p className="field-error" role="alert">{job.error.message}</p>}
        </>
      )}
    </Dialog>
  );
}
