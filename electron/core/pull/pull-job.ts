/**
 * `docker pull` as a job: one reference, or every tag of a repository (-a),
 * ending with Docker's "Status:" line. The request is checked before the
 * job starts, so a bad reference fails the call, not a job.
 */
import { BerthError, isBerthError } from '../../../shared/errors';
import type { JobResult, JobWork } from '../jobs';
import { familiarName, familiarString, formatReference, parseNormalizedNamed, withDefaultTag, type Reference } from '../reference';
import { hostPlatform, listTags, parsePlatform, type Platform, type RegistryClient } from '../registry';
import type { TransferContext } from './context';
import { pullReference } from './pull-reference';

export interface PullRequest {
  ref: string;
  platform?: string | undefined;
  allTags: boolean;
}

export interface PlannedJob {
  title: string;
  work: JobWork;
}

export function planPull(ctx: TransferContext, req: PullRequest): PlannedJob {
  const parsed = parseNormalizedNamed(req.ref);
  if (req.allTags && (parsed.tag !== null || parsed.digest !== null)) {
    throw new BerthError('INVALID_ARGUMENT', "tag can't be used with --all-tags/-a");
  }
  const platform = req.platform ? parsePlatform(req.platform) : hostPlatform();
  const ref = req.allTags ? parsed : withDefaultTag(parsed);
  return {
    title: formatReference(ref),
    work: async (job) => {
      const client = await ctx.remote.client(ref.domain);
      try {
        return req.allTags ? await pullAllTags(ctx, job, client, ref, platform) : await pullOne(ctx, job, client, ref, platform);
      } finally {
        await client.close();
      }
    },
  };
}

type Job = Parameters<JobWork>[0];

function status(updated: boolean, name: string): string {
  return updated ? `Status: Downloaded newer image for ${name}` : `Status: Image is up to date for ${name}`;
}

async function pullOne(ctx: TransferContext, job: Job, client: RegistryClient, ref: Reference, platform: Platform): Promise<JobResult> {
  const pulled = await pullReference(ctx, job, client, ref, platform);
  job.message(status(pulled.updated, familiarString(ref)));
  return { imageIds: [pulled.id], references: [formatReference(ref)], digest: pulled.digest };
}

/** Docker pulls each tag in turn, logs a tag that fails and goes on; one Status line at the end. */
async function pullAllTags(ctx: TransferContext, job: Job, client: RegistryClient, ref: Reference, platform: Platform): Promise<JobResult> {
  const tags = await listTags(client, ref.path, { name: familiarName(ref), signal: job.signal });
  const result: JobResult = { imageIds: [], references: [], digest: null };
  let updated = false;
  let lastError: unknown;
  for (const tag of tags) {
    job.clearLayers();
    const tagged: Reference = { ...ref, tag, digest: null };
    try {
      const pulled = await pullReference(ctx, job, client, tagged, platform);
      updated ||= pulled.updated;
      if (!result.imageIds.includes(pulled.id)) result.imageIds.push(pulled.id);
      result.references.push(formatReference(tagged));
    } catch (e) {
      if (job.signal.aborted || (isBerthError(e) && e.code === 'CANCELLED')) throw e;
      lastError = e;
    }
  }
  if (result.references.length === 0 && lastError !== undefined) throw lastError;
  job.message(status(updated, familiarName(ref)));
  return result;
}
