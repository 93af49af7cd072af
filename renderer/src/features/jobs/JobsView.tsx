import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { InfoIcon, JobsIcon } from '../../components/icons';
import { Notice } from '../../components/Notice';
import { ViewHeader } from '../../components/ViewHeader';
import { attachJobs, isActive, sortedJobs, useJobs } from '../../state/jobs';
import { JobCard } from './JobCard';

/** Running and finished jobs, re-attached from the main process after a reload. */
export function JobsView(): ReactElement {
  const { t } = useTranslation();
  const jobs = useJobs((s) => s.jobs);
  const error = useJobs((s) => s.error);
  useEffect(() => {
    attachJobs();
    void useJobs.getState().reload();
  }, []);
  const list = sortedJobs(jobs);
  const running = list.filter(isActive).length;
  return (
    <section className="view" aria-labelledby="view-title">
      <ViewHeader title={t('jobs.title')}>
        {list.length > 0 && <span>{t('jobs.summary', { running, count: list.length })}</span>}
      </ViewHeader>
      {list.length > 0 ? (
        <ul className="job-list" aria-label={t('jobs.title')}>
          {list.map((job) => <JobCard key={job.id} job={job} />)}
        </ul>
      ) : error?.code === 'UNSUPPORTED' ? (
        <Notice tone="warning" icon={<InfoIcon />} title={t('jobs.unsupported.title')} testId="jobs-unsupported">
          <p>{t('jobs.unsupported.body', { message: error.message })}</p>
        </Notice>
      ) : (
        <Notice icon={<JobsIcon />} title={t('jobs.empty.title')} testId="jobs-empty">
          <p>{error ? error.message : t('jobs.placeholder')}</p>
        </Notice>
      )}
    </section>
  );
}
