import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../../shared/index';
import { api } from '../../api/index';
import { RelativeTime } from '../images/RelativeTime';
import { useNav } from '../../state/nav';
import { isActive } from '../../state/jobs';
import { useSources } from '../../state/sources';
import { sourceLabel } from '../sources/labels';
import { EMBEDDED } from '../sources/source-logic';
import { JobProgress } from './JobProgress';
import { selectPulled } from './select-pulled';

/** One job: what, state, progress, Docker's status lines, the result or error, and cancel. */
export function JobCard({ job }: { job: Job }): ReactElement {
  const { t } = useTranslation();
  const active = isActive(job);
  const where = useSources((s) => (job.source === EMBEDDED ? undefined : sourceLabel(s.list, job.source, t)));
  const showImage = (): void => {
    // A pull into an engine shows in that engine's list.
    if (job.source !== useSources.getState().current) useSources.getState().choose(job.source);
    useNav.getState().go('images');
    void selectPulled(job);
  };
  return (
    <li className={`job-card state-${job.state}`} data-testid="job-card" data-job={job.id}>
      <header className="job-head">
        <span className={`job-kind kind-${job.kind}`}>{t(`jobs.kind.${job.kind}`)}</span>
        <code className="job-title">{job.title}</code>
        {where && <span className="chip chip-source" title={job.source} data-testid="job-source">{where}</span>}
        <span className={`chip chip-${job.state}`}>{t(`jobs.state.${job.state}`)}</span>
        <span className="muted-text"><RelativeTime iso={job.createdAt} /></span>
        <span className="toolbar-spacer" />
        {active && (
          <button type="button" className="button secondary small" onClick={() => void api.call('jobs.cancel', { id: job.id })}>
            {t('jobs.cancel')}
          </button>
        )}
        {job.state === 'succeeded' && job.kind === 'pull' && (
          <button type="button" className="button secondary small" onClick={showImage}>{t('jobs.showImage')}</button>
        )}
      </header>
      <JobProgress job={job} showLayers={active} />
      {job.messages.length > 0 && (
        <details className="job-details" open={active}>
          <summary>{t('jobs.output')}</summary>
          <pre className="job-messages">{job.messages.join('\n')}</pre>
        </details>
      )}
      {job.result && job.result.references.length > 0 && (
        <p className="job-result" data-testid="job-result">
          {job.result.references.map((r) => <code key={r}>{r}</code>)}
          {job.result.digest && <code className="muted-text">{job.result.digest}</code>}
        </p>
      )}
      {job.error && <p className="field-error" role="alert">{job.error.message}</p>}
    </li>
  );
}
