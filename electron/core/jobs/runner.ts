/**
 * Runs long work as jobs: an id comes back at once, the work runs under a
 * concurrency limit, every change is published as 'job.updated', and a job
 * can be cancelled (its AbortSignal reaches the sockets and files it uses).
 * Running jobs and a bounded history of finished ones stay listed.
 */
import PQueue from 'p-queue';
import { BerthError, isBerthError, type ErrorPayload } from '../../../shared/errors';
import type { Job, JobKind } from '../../../shared/jobs';
import type { EventBus } from '../events';
import { newJobId } from './ids';
import { JobRecord, type JobReporter, type JobResult } from './job-record';

export type JobWork = (job: JobReporter) => Promise<JobResult>;

export interface JobRunnerOptions {
  /** Jobs running at once; more wait in 'queued'. Default 4. */
  concurrency?: number;
  /** Finished jobs kept for jobs.list. Default 100. */
  history?: number;
}

export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly done = new Map<string, Promise<Job>>();
  private readonly queue: PQueue;
  private readonly history: number;

  constructor(
    private readonly bus: EventBus,
    opts: JobRunnerOptions = {},
  ) {
    this.queue = new PQueue({ concurrency: opts.concurrency ?? 4 });
    this.history = opts.history ?? 100;
  }

  /** Queues work and returns its first snapshot; progress follows as events. */
  start(kind: JobKind, title: string, work: JobWork, source = 'embedded'): Job {
    const record = new JobRecord(newJobId(), kind, title, (job) => this.bus.emit('job.updated', job), source);
    this.jobs.set(record.id, record);
    record.transition('queued');
    const first = record.snapshot();
    const finished = this.queue.add(() => this.run(record, work)).then(() => record.snapshot());
    this.done.set(record.id, finished);
    return first;
  }

  private async run(record: JobRecord, work: JobWork): Promise<void> {
    if (record.finished) return; // cancelled while queued
    if (record.signal.aborted) return this.settle(record, undefined, cancelledError());
    record.transition('running');
    try {
      this.settle(record, await work(record));
    } catch (e) {
      this.settle(record, undefined, e);
    }
  }

  private settle(record: JobRecord, result: JobResult | undefined, error?: unknown): void {
    if (result) record.transition('succeeded', { result });
    else if (record.signal.aborted || (isBerthError(error) && error.code === 'CANCELLED')) {
      record.transition('cancelled', { error: cancelledError().toPayload() });
    } else record.transition('failed', { error: toPayload(error) });
    this.trim();
  }

  /** Running and queued jobs first (oldest first), then finished ones, newest first. */
  list(): Job[] {
    const all = [...this.jobs.values()];
    const live = all.filter((j) => !j.finished);
    const finished = all.filter((j) => j.finished).reverse();
    return [...live, ...finished].map((j) => j.snapshot());
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id)?.snapshot();
  }

  /** Resolves with the final snapshot once the job has finished. */
  wait(id: string): Promise<Job> {
    const p = this.done.get(id);
    if (!p) return Promise.reject(new BerthError('NOT_FOUND', `no such job: ${id}`));
    return p;
  }

  /** True when the job was queued or running and is now being cancelled. */
  cancel(id: string): boolean {
    const record = this.jobs.get(id);
    if (!record || record.finished || record.signal.aborted) return false;
    record.controller.abort();
    // A queued job has nothing to wind down: it is over now, not when a slot frees.
    if (record.state === 'queued') this.settle(record, undefined, cancelledError());
    return true;
  }

  /** Cancels everything and waits for the work to wind down (core shutdown). */
  async close(): Promise<void> {
    for (const id of this.jobs.keys()) this.cancel(id);
    await Promise.allSettled([...this.done.values()]);
  }

  private trim(): void {
    const finished = [...this.jobs.values()].filter((j) => j.finished);
    for (const j of finished.slice(0, Math.max(0, finished.length - this.history))) {
      this.jobs.delete(j.id);
      this.done.delete(j.id);
    }
  }
}

function cancelledError(): BerthError {
  return new BerthError('CANCELLED', 'context canceled');
}

function toPayload(e: unknown): ErrorPayload {
  if (isBerthError(e)) return e.toPayload();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
