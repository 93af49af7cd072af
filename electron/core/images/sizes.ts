/** Layer sharing between images, by chain ID (Docker's layer identity). */
import type { Snapshot, StoreImage } from '../store';

const refcounts = new WeakMap<Snapshot, Map<string, number>>();

/** How many images use each layer (chain ID); computed once per snapshot. */
export function layerRefcounts(snap: Snapshot): Map<string, number> {
  let counts = refcounts.get(snap);
  if (!counts) {
    counts = new Map();
    for (const img of snap.images.values()) {
      for (const chain of new Set(img.layers.map((l) => l.chainID))) counts.set(chain, (counts.get(chain) ?? 0) + 1);
    }
    refcounts.set(snap, counts);
  }
  return counts;
}

/** Docker's SharedSize: bytes of layers other images use too; UniqueSize is the rest. */
export function sharedSize(img: StoreImage, counts: Map<string, number>): number {
  let shared = 0;
  for (const l of uniqueLayers(img)) if ((counts.get(l.chainID) ?? 0) > 1) shared += l.size;
  return shared;
}

/** Bytes of all distinct layers of a set of images (what they take together). */
export function totalSize(images: Iterable<StoreImage>): number {
  const seen = new Set<string>();
  let total = 0;
  for (const img of images) {
    for (const l of img.layers) {
      if (seen.has(l.chainID)) continue;
      seen.add(l.chainID);
      total += l.size;
    }
  }
  return total;
}

function uniqueLayers(img: StoreImage): StoreImage['layers'] {
  const seen = new Set<string>();
  return img.layers.filter((l) => !seen.has(l.chainID) && (seen.add(l.chainID), true));
}

/** Newest first by Created, as dockerd sorts; ties by ID for a stable order. */
export function byCreatedDesc(a: StoreImage, b: StoreImage): number {
  return b.created.ms - a.created.ms || b.created.subMsNanos - a.created.subMsNanos || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
