/**
 * Previews for destructive operations (prune, rmi): the same transaction code
 * runs against the store, nothing is written, and the bytes GC would free are
 * measured from what becomes unreachable.
 */
import { reachableBlobs, type Store, type Txn } from '../store';

export async function dryRunIn<T>(store: Store, edit: (tx: Txn) => T | Promise<T>): Promise<{ value: T; wouldFree: number }> {
  return store.update(async (tx) => {
    const value = await edit(tx);
    const wouldFree = await freedBytes(store, tx);
    tx.indexChanged = false;
    tx.metaChanged = false;
    return { value, wouldFree };
  });
}

/** Blob bytes reachable before the transaction's edits and unreachable after. */
async function freedBytes(store: Store, tx: Txn): Promise<number> {
  const before = await store.readIndex();
  const [was, now] = await Promise.all([
    reachableBlobs(before, store.docs, store.blobs),
    reachableBlobs(tx.index, store.docs, store.blobs),
  ]);
  let bytes = 0;
  for (const d of was.reachable) if (!now.reachable.has(d)) bytes += (await store.blobs.size(d)) ?? 0;
  return bytes;
}
