/**
 * `docker push` as a job: "The push refers to repository [...]", then each
 * tag (one, or all of the repository's local tags with -a).
 */
import { BerthError } from '../../../shared/errors';
import type { JobResult } from '../jobs';
import { formatReference, parseNormalizedNamed, repositoryName, withDefaultTag } from '../reference';
import type { TransferContext } from '../pull/context';
import type { PlannedJob } from '../pull/pull-job';
import { localTags } from './local-image';
import { pushTag } from './push-tag';

export interface PushRequest {
  ref: string;
  allTags: boolean;
}

export function planPush(ctx: TransferContext, req: PushRequest): PlannedJob {
  const parsed = parseNormalizedNamed(req.ref);
  if (req.allTags && (parsed.tag !== null || parsed.digest !== null)) {
    throw new BerthError('INVALID_ARGUMENT', "tag can't be used with --all-tags/-a");
  }
  if (parsed.digest !== null) throw new BerthError('INVALID_ARGUMENT', 'cannot push a digest reference');
  const ref = req.allTags ? parsed : withDefaultTag(parsed);
  return {
    title: formatReference(ref),
    work: async (job) => {
      job.message(`The push refers to repository [${repositoryName(ref)}]`);
      const tags = await localTags(ctx.store, ref, req.allTags);
      const client = await ctx.remote.client(ref.domain);
      const result: JobResult = { imageIds: [], references: [], digest: null };
      try {
        for (const [i, tag] of tags.entries()) {
          if (i > 0) job.clearLayers();
          const pushed = await pushTag(ctx, job, client, tag);
          if (pushed.id && !result.imageIds.includes(pushed.id)) result.imageIds.push(pushed.id);
          result.references.push(formatReference(tag));
          result.digest = pushed.digest;
        }
      } finally {
        await client.close();
      }
      return result;
    },
  };
}
