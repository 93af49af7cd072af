import type { Job } from '../../../../shared/index';
import { useJobs } from '../../state/jobs';

/** Calls `onFinish` once when the job ends (succeeded, failed or cancelled), whoever is on screen by then. */
export function whenJobFinishes(jobId: string, onFinish: (job: Job) => void): () => void {
  const check = (job: Job | undefined): boolean => {
    if (!job || job.finishedAt === null) return false;
    onFinish(job);
    return true;
  };
  if (check(useJobs.getState().jobs[jobId])) return () => {};
  const off = useJobs.subscribe((s) => {
    if (check(s.jobs[jobId])) off();
  });
  return off;
}
