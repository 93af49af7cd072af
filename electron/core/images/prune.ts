/**
 * `docker image prune`: dangling images by default, every image with `all`
 * (there are no containers to keep any in use), narrowed by `until=` and
 * `label=`/`label!=`. Deletes go through rmi's rules; the space reclaimed is
 * what GC actually freed on disk (for a dry run: what it would free).
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord, PruneResult } from '../../../shared/schemas';
import { reachableBlobs, type Store, type StoreImage, type Txn } from '../store';
import { labelsMatch, parseFilters, parseUntil, type FilterArgs } from './filters';
import { labelsOf } from './list';
import { liveImages, liveRefs } from './live';
import { deleteImage, removeOne } from './remove';
import { byCreatedDesc } from './sizes';

export const PRUNE_FILTERS = ['until', 'label', 'label!'] as const;

export interface PruneInput {
  all: boolean;
  filters: readonly string[];
  dryRun: boolean;
}

export async function pruneImages(store: Store, input: PruneInput): Promise<PruneResult> {
  const args = parseFilters(input.filters, PRUNE_FILTERS);
  const until = untilOf(args);
  const plan = await store.update(async (tx) => {
    const records = pruneInTxn(tx, !input.all, args, until);
    if (!input.dryRun) return { records, wouldFree: 0 };
    const wouldFree = await freedBytes(store, tx);
    // A dry run computes everything and writes nothing.
    tx.indexChanged = false;
    tx.metaChanged = false;
    return { records, wouldFree };
  });
  if (input.dryRun) return { records: plan.records, reclaimed: plan.wouldFree };
  const deleted = plan.records.some((r) => 'deleted' in r);
  return { records: plan.records, reclaimed: deleted ? (await store.gc()).reclaimed : 0 };
}

function untilOf(args: FilterArgs): number | null {
  const values = args.get('until');
  if (!values) return null;
  if (values.length > 1) throw new BerthError('INVALID_ARGUMENT', 'more than one until filter specified');
  return parseUntil(values[0]!);
}

function pruneInTxn(tx: Txn, danglingOnly: boolean, args: FilterArgs, until: number | null): DeleteRecord[] {
  const candidates = liveImages(tx)
    .filter((img) => until === null || img.created.ms <= until)
    .filter((img) => labelsMatch(labelsOf(img), args))
    .sort(byCreatedDesc);
  const records: DeleteRecord[] = [];
  for (const img of candidates) {
    const refs = liveRefs(tx, img);
    if (refs.length === 0) {
      records.push(...deleteImage(tx, img));
      continue;
    }
    const hasTag = refs.some((r) => !r.includes('@'));
    if (danglingOnly && hasTag) continue;
    for (const r of refs) records.push(...removeQuietly(tx, r, img));
  }
  return records;
}

/** dockerd runs ImageDelete per reference and skips the ones that fail. */
function removeQuietly(tx: Txn, ref: string, img: StoreImage): DeleteRecord[] {
  if (!liveRefs(tx, img).includes(ref)) return [];
  try {
    return removeOne(tx, ref, false);
  } catch (e) {
    if (e instanceof BerthError) return [];
    throw e;
  }
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
