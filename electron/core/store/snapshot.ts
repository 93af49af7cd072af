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
  for (const d of index.manifests) {
    let core = cores.peek(d, meta);
    if (!core) {
      try {
        core = await cores.get(d, meta, snap.learned);
      } catch (e) {
        snap.broken.push({ descriptor: d, error: (e as Error).message });
        continue;
      }
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
