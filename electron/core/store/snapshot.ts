/**
 * A consistent, read-only view of the store at one index.json version: the
 * images (grouped by ID, the config digest), which descriptors and tags point
 * at each, and the descriptors that cannot be resolved.
 */
import type { CoreCache, ImageCore } from './image-core';
import type { ImageMeta, StoreMeta } from './meta';
import { normalizeStoredName } from './names';
import { REF_NAME, type Descriptor, type IndexDoc } from './oci';
import type { Learned } from './resolve';

export type { StoreLayer } from './image-core';
export { chainIDs } from './image-core';

export interface StoreImage extends ImageCore {
  /** Every index.json descriptor that resolves to this image. */
  descriptors: Descriptor[];
  /** Full normalized references (`docker.io/library/x:tag`), sorted. */
  tags: string[];
  /** Full `name@digest` references recorded at pull, sorted. */
  repoDigests: string[];
  meta: ImageMeta;
}

export interface BrokenTop {
  descriptor: Descriptor;
  error: string;
}

export interface Snapshot {
  images: Map<string, StoreImage>;
  /** Full reference → image. */
  byTag: Map<string, StoreImage>;
  broken: BrokenTop[];
  learned: Learned;
}

/** The descriptor's tag as a full normalized reference, if it has a valid one. */
export function refName(d: Descriptor): string | undefined {
  const raw = d.annotations?.[REF_NAME];
  return raw === undefined ? undefined : (normalizeStoredName(raw) ?? undefined);
}

export async function buildSnapshot(index: IndexDoc, meta: StoreMeta, cores: CoreCache): Promise<Snapshot> {
  const snap: Snapshot = { images: new Map(), byTag: new Map(), broken: [], learned: { layers: {}, tops: {} } };
  const resolved = await resolveCores(index.manifests, meta, cores, snap.learned);
  for (const d of index.manifests) {
    const core = resolved.get(d.digest)!;
    if (core instanceof Error) {
      snap.broken.push({ descriptor: d, error: core.message });
      continue;
    }
    let img = snap.images.get(core.id);
    if (!img) {
      const m = meta.images[core.id];
      img = { ...core, descriptors: [], tags: [], repoDigests: [...(m?.repoDigests ?? [])].sort(), meta: m ?? {} };
      snap.images.set(img.id, img);
    }
    img.descriptors.push(d);
    const tag = refName(d);
    if (tag !== undefined && !snap.byTag.has(tag)) {
      img.tags.push(tag);
      snap.byTag.set(tag, img);
    }
  }
  for (const img of snap.images.values()) img.tags.sort();
  return snap;
}

/** Parallel reads: on a cold start each distinct top costs a manifest and a config read, and waiting on them one by one dominates. */
const READ_CONCURRENCY = 16;

async function resolveCores(
  descriptors: readonly Descriptor[],
  meta: StoreMeta,
  cores: CoreCache,
  learned: Learned,
): Promise<Map<string, ImageCore | Error>> {
  const out = new Map<string, ImageCore | Error>();
  const todo: Descriptor[] = [];
  for (const d of descriptors) {
    if (out.has(d.digest)) continue;
    const hit = cores.peek(d, meta);
    if (hit) out.set(d.digest, hit);
    else {
      out.set(d.digest, new Error('unresolved'));
      todo.push(d);
    }
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let d = todo[next++]; d; d = todo[next++]) {
      out.set(d.digest, await cores.get(d, meta, learned).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, todo.length) }, worker));
  return out;
}
