/**
 * After a load or import, successful or not, the blobs it brought in that no
 * image ended up using are removed again, so a refused archive leaves the
 * store as it found it. Only blobs this job created are considered, and
 * only under the store lock, sparing anything index.json reaches or another
 * job's lease holds (that job may be recording the same content right now).
 */
import type { Store } from '../store';
import { crashPoint, reachableBlobs } from '../store';
import { leasedDigests } from '../store/leases';

export async function removeUnclaimed(store: Store, created: ReadonlySet<string>): Promise<string[]> {
  if (created.size === 0) return [];
  return store.update(async (tx) => {
    const { reachable, uncertain } = await reachableBlobs(tx.index, store.docs, store.blobs);
    if (uncertain) return []; // an unreadable document might reach them: keep everything, as GC would
    const leased = await leasedDigests(store.paths);
    const removed: string[] = [];
    for (const d of created) {
      if (reachable.has(d) || leased.has(d)) continue;
      crashPoint('cleanup.before-remove');
      await store.blobs.remove(d);
      removed.push(d);
    }
    return removed;
  });
}
