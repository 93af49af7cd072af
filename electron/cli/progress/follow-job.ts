/**
 * Starts a job through the contract and follows its 'job.updated' events to
 * the end, in-process on the same core the GUI uses. Events are buffered
 * from before the call, so none are missed however fast the job is.
 */
import type { Job } from '../../../shared/jobs';
import type { CliContext } from '../context';

const FINAL = new Set<Job['state']>(['succeeded', 'failed', 'cancelled']);

export async function followJob(ctx: CliContext, start: () => Promise<{ jobId: string }>, onUpdate: (job: Job) => void): Promise<Job> {
  const core = await ctx.core();
  const early: Job[] = [];
  let jobId: string | undefined;
  let settle: ((job: Job) => void) | undefined;
  const done = new Promise<Job>((resolve) => (settle = resolve));
  const seen = (job: Job): void => {
    onUpdate(job);
    if (FINAL.has(job.state)) settle?.(job);
  };
  const off = core.bus.on('job.updated', (job) => {
    if (jobId === undefined) early.push(job);
    else if (job.id === jobId) seen(job);
  });
  const stopOnSignal = cancelOnInterrupt(ctx, () => jobId);
  try {
    jobId = (await start()).jobId;
    for (const job of early.splice(0)) if (job.id === jobId) seen(job);
    return await done;
  } finally {
    off();
    stopOnSignal();
  }
}

/** Ctrl-C cancels the job (its temp files go with it) before the process ends. */
function cancelOnInterrupt(ctx: CliContext, id: () => string | undefined): () => void {
  if (ctx.io.stdout !== process.stdout) return () => {};
  const onSigint = (): void => {
    const jobId = id();
    if (jobId === undefined) process.exit(130);
    void ctx.call('jobs.cancel', { id: jobId }).finally(() => {
      process.exitCode = 130;
    });
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}
