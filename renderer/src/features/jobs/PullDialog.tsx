import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index';
import { Dialog } from '../../components/Dialog';
import { asBerthError } from '../../lib/errors';
import { attachJobs, isActive, useJobs } from '../../state/jobs';
import { currentSource, useCurrentSource } from '../../state/sources';
import { useToasts } from '../../state/toasts';
import { JobProgress } from './JobProgress';
import { PullForm, type PullRequest } from './PullForm';
import { selectPulled } from './select-pulled';

/**
 * `docker pull` as a dialog: the form, then the job's live progress. Closing
 * leaves the job running (it stays in Jobs); a finished pull selects the image.
 */
export function PullDialog({ initial, onClose }: { initial?: string; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const [request, setRequest] = useState<PullRequest>({ ref: initial ?? '', platform: '', allTags: false });
  const [jobId, setJobId] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const job = useJobs((s) => (jobId ? s.jobs[jobId] : undefined));
  const push = useToasts((s) => s.push);
  const into = useCurrentSource();

  const start = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      attachJobs();
      const { jobId: id } = await api.call('images.pull', {
        source: currentSource(),
        ref: request.ref,
        allTags: request.allTags,
        ...(request.platform ? { platform: request.platform } : {}),
      });
      setJobId(id);
    } catch (e) {
      setError(asBerthError(e).message);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    if (job?.state !== 'succeeded') return;
    void selectPulled(job);
    push({ kind: 'success', title: t('pull.done'), description: job.title });
  }, [job?.state]); // eslint-disable-line react-hooks/exhaustive-deps -- once per finished job

  const failed = job?.state === 'failed' || job?.state === 'cancelled';
  const footer = (
    <>
      {job && isActive(job) && (
        <button type="button" className="button secondary" onClick={() => void api.call('jobs.cancel', { id: job.id })} data-testid="pull-cancel">
          {t('jobs.cancel')}
        </button>
      )}
      {(error || failed) && (
        <button type="button" className="button secondary" onClick={() => { setJobId(undefined); void start(); }} data-testid="pull-retry">
          {t('pull.retry')}
        </button>
      )}
      <button type="button" className={job || error ? 'button primary' : 'button secondary'} onClick={onClose} data-testid="pull-close">
        {job && isActive(job) ? t('pull.background') : t('dialog.close')}
      </button>
      {!job && !error && (
        <button type="submit" form="pull-form" className="button primary" disabled={busy || request.ref.trim() === ''} data-testid="pull-submit">
          {t('pull.submit')}
        </button>
      )}
    </>
  );
  return (
    <Dialog title={job ? t('pull.progressTitle', { ref: job.title }) : t('pull.title')} onClose={onClose} size="large" testId="pull-dialog" footer={footer}
      description={into && into.kind !== 'embedded' ? t('pull.into', { name: into.name }) : undefined}>
      {!job && <PullForm value={request} onChange={setRequest} onSubmit={() => void start()} busy={busy} />}
      {error && <p className="field-error" role="alert" data-testid="pull-failure">{error}</p>}
      {job && (
        <>
          <JobProgress job={job} />
          {job.messages.length > 0 && <pre className="job-messages">{job.messages.join('\n')}</pre>}
          {job.error && <p className="field-error" role="alert" data-testid="pull-failure">{job.error.message}</p>}
        </>
      )}
    </Dialog>
  );
}
