import { create } from 'zustand';
import { BerthError, type Job } from '../../../shared/index';
import { api } from '../api/index';
import { addSample, rate, type Sample } from '../features/jobs/progress-math';

interface JobsState {
  jobs: Record<string, Job>;
  /** Bytes per second of each running job, from the snapshots' arrival times. */
  rates: Record<string, number | null>;
  /** Set when jobs.list fails (UNSUPPORTED until the job engine lands). */
  error: BerthError | undefined;
  attached: boolean;
  upsert(job: Job): void;
  reload(): Promise<void>;
}

export const useJobs = create<JobsState>()((set) => ({
  jobs: {},
  rates: {},
  error: undefined,
  attached: false,
  upsert: (job) =>
    set((s) => {
      const next = newer(s.jobs[job.id], job);
      return { jobs: { ...s.jobs, [job.id]: next }, rates: { ...s.rates, [job.id]: measure(next) } };
    }),
  reload: async () => {
    try {
      const list = await api.call('jobs.list', {});
      set((s) => {
        const jobs = { ...s.jobs };
        for (const j of list) jobs[j.id] = newer(jobs[j.id], j);
        return { jobs, error: undefined };
      });
    } catch (e) {
      set({ error: e instanceof BerthError ? e : new BerthError('INTERNAL', String(e)) });
    }
  },
}));

const samples = new Map<string, Sample[]>();

function measure(job: Job): number | null {
  if (job.state !== 'running') {
    samples.delete(job.id);
    return null;
  }
  const list = addSample(samples.get(job.id) ?? [], { at: performance.now(), bytes: job.progress.current });
  samples.set(job.id, list);
  return rate(list);
}

/** Snapshots can cross (list answer vs. event): a finished job never goes back to running. */
function newer(old: Job | undefined, next: Job): Job {
  if (!old) return next;
  const done = (j: Job): boolean => j.finishedAt !== null;
  if (done(old) && !done(next)) return old;
  return next;
}

/**
 * Re-attaches to the main process's jobs: the list now, every snapshot after,
 * and the list again after a reconnect (events may have been missed). Once per page.
 */
export function attachJobs(): void {
  if (useJobs.getState().attached) return;
  useJobs.setState({ attached: true });
  api.on('job.updated', (job) => useJobs.getState().upsert(job));
  let wasDown = false;
  api.onStatus((s) => {
    if (s === 'open' && wasDown) void useJobs.getState().reload();
    wasDown = s !== 'open';
  });
  void useJobs.getState().reload();
}

export function sortedJobs(jobs: Record<string, Job>): Job[] {
  return Object.values(jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export function isActive(job: Job): boolean {
  return job.state === 'queued' || job.state === 'running';
}
