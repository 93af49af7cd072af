/**
 * `docker image prune`: dangling images by default, every image with `all`
 * (there are no containers to keep any in use), narrowed by `until=` and
 * `label=`/`label!=`. Deletes go through rmi's rules; the space reclaimed is
 * what GC actually freed on disk (for a dry run: what it would free). GC runs
 * even when nothing matched, so prune also clears what a crashed job left.
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord, PruneResult } from '../../../shared/schemas';
import type { Store, StoreImage, Txn } from '../store';
import { dryRunIn } from './dry-run';
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
  if (input.dryRun) {
    const plan = await dryRunIn(store, (tx) => pruneInTxn(tx, !input.all, args, until));
    return { records: plan.value, reclaimed: plan.wouldFree };
  }
  const records = await store.update((tx) => pruneInTxn(tx, !input.all, args, until));
  // GC runs even when no image went: blobs a crashed job left unreachable are reclaimed here.
  const { reclaimed } = await store.gc();
  const deleted = records.some((r) => 'deleted' in r);
  return { records, reclaimed: deleted ? reclaimed : 0 };
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
