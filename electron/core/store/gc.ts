/**
 * Garbage collection: removes blobs that nothing in index.json reaches and no
 * live lease holds. Runs inside the store lock. If any reachable manifest or
 * index cannot be read, nothing is removed: deleting what an unreadable
 * document might point at would turn a corrupt blob into lost images.
 */
import type { BlobStore } from './blobs';
import { crashPoint } from './crash-point';
import type { DocCache } from './doc-cache';
import { leasedDigests } from './leases';
import type { StoreMeta } from './meta';
import { isIndexType, isManifestType, type IndexDoc } from './oci';
import { isSha256Digest, type StorePaths } from './paths';

export interface GcResult {
  removed: string[];
  /** Bytes freed on disk (sum of the removed blobs' sizes). */
  reclaimed: number;
  /** True when GC refused to delete because a reachable document was unreadable. */
  skipped: boolean;
}

export async function reachableBlobs(
  index: IndexDoc,
  docs: DocCache,
  blobs: BlobStore,
): Promise<{ reachable: Set<string>; uncertain: boolean }> {
  const reachable = new Set<string>();
  let uncertain = false;
  const visit = async (digest: string, mediaType: string | undefined): Promise<void> => {
    if (reachable.has(digest)) return;
    reachable.add(digest);
    if (!(await blobs.has(digest))) return; // an index's absent children are fine
    try {
      if (isIndexType(mediaType)) {
        for (const c of (await docs.index(digest)).manifests) await visit(c.digest, c.mediaType);
      } else if (isManifestType(mediaType)) {
        const m = await docs.manifest(digest);
        for (const d of [m.config, ...m.layers]) reachable.add(d.digest);
      } else {
        await visitUnknown(digest);
      }
    } catch {
      uncertain = true;
    }
  };
  // Other tools may store artifacts with their own media types: follow whatever shape they have.
  const visitUnknown = async (digest: string): Promise<void> => {
    try {
      const m = await docs.manifest(digest);
      for (const d of [m.config, ...m.layers]) reachable.add(d.digest);
    } catch {
      for (const c of (await docs.index(digest)).manifests) await visit(c.digest, c.mediaType);
    }
  };
  for (const d of index.manifests) await visit(d.digest, d.mediaType);
  return { reachable, uncertain };
}

export async function collectGarbage(
  paths: StorePaths,
  index: IndexDoc,
  docs: DocCache,
  blobs: BlobStore,
): Promise<GcResult> {
  const { reachable, uncertain } = await reachableBlobs(index, docs, blobs);
  if (uncertain) return { removed: [], reclaimed: 0, skipped: true };
  const names = await blobs.list();
  // Leases are read after listing: a blob renamed in later was leased before it appeared.
  const leased = await leasedDigests(paths);
  const removed: string[] = [];
  let reclaimed = 0;
  for (const name of names) {
    const digest = `sha256:${name}`;
    if (!isSha256Digest(digest) || reachable.has(digest) || leased.has(digest)) continue;
    const size = await blobs.size(digest);
    crashPoint('gc.before-remove');
    await blobs.remove(digest);
    removed.push(digest);
    reclaimed += size ?? 0;
  }
  if (removed.length > 0) crashPoint('gc.removed');
  return { removed, reclaimed, skipped: false };
}

/** Drops metadata about blobs and images that are gone; returns whether anything changed. */
export function pruneMeta(meta: StoreMeta, reachable: Set<string>, imageIds: Set<string>): boolean {
  let changed = false;
  for (const key of ['layers', 'tops'] as const) {
    for (const d of Object.keys(meta[key])) {
      if (!reachable.has(d)) {
        delete meta[key][d];
        changed = true;
      }
    }
  }
  for (const id of Object.keys(meta.images)) {
    if (!imageIds.has(id)) {
      delete meta.images[id];
      changed = true;
    }
  }
  return changed;
}
