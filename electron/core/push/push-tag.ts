/**
 * Pushes one local tag: layers (top first, as Docker lists them) in the
 * shared 5-slot upload queue, then configs, child manifests by digest, and
 * the tag's manifest or index; ends with "TAG: digest: sha256:… size: N".
 */
import type { JobReporter } from '../jobs';
import { formatReference, type Reference } from '../reference';
import { putManifest, type RegistryClient } from '../registry';
import { inSlot, type TransferContext } from '../pull/context';
import { throwIfCancelled } from '../pull/errors';
import { shortId } from '../pull/layer-ids';
import { pushSource, type PushBlob } from './local-image';
import { mountSources } from './mount-sources';
import { pushBlob, type PushEvent } from './push-blob';

export const PARTIAL_INDEX_NOTE = 'Not all multiplatform-content is present and only the available single-platform image was pushed';

export interface TagPushed {
  id: string | undefined;
  digest: string;
  size: number;
}

export async function pushTag(ctx: TransferContext, job: JobReporter, client: RegistryClient, ref: Reference): Promise<TagPushed> {
  const { signal } = job;
  const src = await pushSource(ctx.store, ref);
  const snap = await ctx.store.snapshot();
  const layers = uniqueLayers(src.manifests.flatMap((m) => m.layers)).reverse();
  for (const l of layers) job.phase(shortId(l.diffID ?? l.digest), l.digest, 'Preparing');
  const pushes = layers.map((l) => pushLayer(ctx, job, client, ref, l, mountSources(snap, ref, l.digest)));
  await settleAll(pushes);
  for (const m of src.manifests) {
    throwIfCancelled(signal);
    await pushBlob({ client, repo: ref.path, blob: m.config, store: ctx.store, chunking: ctx.chunking, mountFrom: [], signal, emit: () => {} });
  }
  if (src.manifests.length > 1 || src.manifests[0]?.digest !== src.top.digest) {
    for (const m of src.manifests) await putManifest(client, ref.path, m.digest, m, { signal });
  }
  const digest = await putManifest(client, ref.path, ref.tag ?? 'latest', src.top, { signal });
  if (src.partialIndex) job.message(PARTIAL_INDEX_NOTE);
  job.message(`${ref.tag}: digest: ${digest} size: ${src.top.bytes.length}`);
  return { id: snap.byTag.get(formatReference(ref))?.id, digest, size: src.top.bytes.length };
}

function uniqueLayers(layers: PushBlob[]): PushBlob[] {
  const seen = new Set<string>();
  return layers.filter((l) => !seen.has(l.digest) && seen.add(l.digest));
}

async function pushLayer(ctx: TransferContext, job: JobReporter, client: RegistryClient, ref: Reference, l: PushBlob, mountFrom: string[]): Promise<void> {
  const id = shortId(l.diffID ?? l.digest);
  let phase = 'Preparing';
  const emit = (e: PushEvent): void => {
    if (e.type === 'phase') {
      phase = e.phase;
      job.phase(id, l.digest, e.phase);
    } else if (phase !== 'Pushing') {
      phase = 'Pushing';
      job.phase(id, l.digest, 'Pushing', { current: e.current, total: e.total });
    } else job.bytes(id, e.current, e.total);
  };
  const outcome = await inSlot(ctx.uploads, () => emit({ type: 'phase', phase: 'Waiting' }), () => {
    throwIfCancelled(job.signal);
    return pushBlob({ client, repo: ref.path, blob: l, store: ctx.store, chunking: ctx.chunking, mountFrom, signal: job.signal, emit });
  });
  job.phase(id, l.digest, outcome, { current: l.size, total: l.size });
}

/** Waits for all; the first failure is the one reported. */
async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
