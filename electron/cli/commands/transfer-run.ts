/**
 * What pull and push share in the CLI: following the job with Docker's
 * rendering, and ending the way the Docker CLI does (the full reference on
 * success; the error with "Error response from daemon:" only when the
 * daemon had not started its stream yet).
 */
import type { Job } from '../../../shared/jobs';
import { parseNormalizedNamed, type Reference } from '../../core/reference/index';
import type { CliContext } from '../context';
import { daemonMessage } from '../daemon-errors';
import { ExitError } from '../errors';
import { followJob } from '../progress/follow-job';
import { JobRenderer } from '../progress/job-renderer';

export async function runTransfer(ctx: CliContext, quiet: boolean, start: () => Promise<{ jobId: string }>): Promise<Job> {
  const stdout = ctx.io.stdout;
  const renderer = new JobRenderer(stdout, { tty: stdout.isTTY === true, ...(stdout.columns ? { columns: stdout.columns } : {}) });
  const job = await followJob(ctx, start, (j) => {
    if (!quiet) renderer.update(j);
  });
  if (job.state === 'succeeded') return job;
  const message = job.error?.message ?? 'unknown error';
  const streamed = job.messages.length > 0 || job.layers.length > 0;
  throw new ExitError(job.state === 'cancelled' ? 130 : 1, streamed ? message : daemonMessage(message));
}

/** ParseNormalizedNamed in the CLI: its error text alone, exit 1 (as cobra prints the client's error). */
export function clientError(e: unknown): never {
  throw new ExitError(1, e instanceof Error ? e.message : String(e));
}

/**
 * The Docker CLI's checks before a pull or push starts: the name parses, -a
 * comes without a tag or digest, and a bare name says it uses `latest`.
 */
export function transferReference(ctx: CliContext, input: string, allTags: boolean, quiet: boolean): Reference {
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(input);
  } catch (e) {
    clientError(e);
  }
  if (allTags && (ref.tag !== null || ref.digest !== null)) throw new ExitError(1, "tag can't be used with --all-tags/-a");
  if (!allTags && ref.tag === null && ref.digest === null && !quiet) ctx.out('Using default tag: latest\n');
  return ref;
}
