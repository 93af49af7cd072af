/**
 * The references and images as they are inside a transaction that already
 * removed some: rmi and prune may untag and delete several things in one Txn,
 * while its snapshot still shows the store as it was when the lock was taken.
 */
import type { StoreImage, Txn } from '../store';
import { lookupImage, noSuchImage, type Found } from './lookup';

export interface LiveState {
  removedRefs: Set<string>;
  droppedImages: Set<string>;
}

const states = new WeakMap<Txn, LiveState>();

export function live(tx: Txn): LiveState {
  let s = states.get(tx);
  if (!s) states.set(tx, (s = { removedRefs: new Set(), droppedImages: new Set() }));
  return s;
}

/** Tags and repo digests still pointing at the image, in dockerd's order (sorted full strings). */
export function liveRefs(tx: Txn, img: StoreImage): string[] {
  const { removedRefs } = live(tx);
  return [...img.tags, ...img.repoDigests].filter((r) => !removedRefs.has(r)).sort();
}

export function liveImages(tx: Txn): StoreImage[] {
  const { droppedImages } = live(tx);
  return [...tx.snapshot.images.values()].filter((i) => !droppedImages.has(i.id));
}

export function lookupLive(tx: Txn, input: string, notFound: string): Found {
  const s = live(tx);
  const found = lookupImage(tx.snapshot, input);
  if (s.droppedImages.has(found.image.id) || (found.matchedRef && s.removedRefs.has(found.matchedRef))) {
    throw noSuchImage(notFound);
  }
  return found;
}

/** Removes one tag or repo digest (full form) from the index or the metadata. */
export function removeRef(tx: Txn, img: StoreImage, full: string): void {
  if (full.includes('@')) tx.removeRepoDigest(img.id, full);
  else tx.untag(full);
  live(tx).removedRefs.add(full);
}

export function dropImage(tx: Txn, img: StoreImage): void {
  tx.dropImage(img.id);
  live(tx).droppedImages.add(img.id);
}
