/**
 * `docker rmi`: dockerd 20.10's ImageDelete rules. By name: untag (and the
 * repository's digest refs when its last tag goes), delete only when no
 * reference remains. By ID (prefix): refuse an image referenced by several
 * repositories unless forced, else untag everything and delete. Records are
 * Docker's: `Untagged: <familiar>`, `Deleted: <image ID>`, then
 * `Deleted: <chain ID>` for each layer no other image uses, top layer first.
 * Without parent images in this store, --no-prune changes nothing.
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord, RemoveResult } from '../../../shared/schemas';
import { parseNormalizedNamed, repositoryName, familiarString, formatReference } from '../reference';
import type { Store, StoreImage, Txn } from '../store';
import { dryRunIn } from './dry-run';
import { dropImage, liveImages, liveRefs, lookupLive, removeRef } from './live';
import { canonical, notFoundName } from './lookup';
import { familiarOf, repoOf, shortId } from './refs';

export interface RemoveInput {
  refs: readonly string[];
  force: boolean;
  noPrune: boolean;
  /** Work out the records, failures and bytes freed without changing anything. */
  dryRun?: boolean;
}

export async function removeImages(store: Store, input: RemoveInput): Promise<RemoveResult> {
  if (input.dryRun) {
    // One transaction, so each argument sees what the previous ones would have done.
    const plan = await dryRunIn(store, (tx) => removeEach(input, (edit) => edit(tx)));
    return { ...plan.value, reclaimed: plan.wouldFree, containersRemoved: [] };
  }
  const result = await removeEach(input, (edit) => store.update(edit));
  const deleted = result.records.some((r) => 'deleted' in r);
  return { ...result, reclaimed: deleted ? (await store.gc()).reclaimed : 0, containersRemoved: [] };
}

type Outcome = Pick<RemoveResult, 'records' | 'failures'>;
type Apply = (edit: (tx: Txn) => DeleteRecord[]) => DeleteRecord[] | Promise<DeleteRecord[]>;

/** Docker processes each argument on its own: a failure is recorded and the rest go on. */
async function removeEach(input: RemoveInput, apply: Apply): Promise<Outcome> {
  const out: Outcome = { records: [], failures: [] };
  for (const ref of input.refs) {
    try {
      out.records.push(...(await apply((tx) => removeOne(tx, ref, input.force))));
    } catch (e) {
      out.failures.push(failureOf(ref, e));
    }
  }
  return out;
}

function failureOf(ref: string, e: unknown): RemoveResult['failures'][number] {
  if (!(e instanceof BerthError)) throw e;
  return { ref, code: e.code, message: e.message };
}

/** One argument of rmi, inside a transaction. */
export function removeOne(tx: Txn, input: string, force: boolean): DeleteRecord[] {
  const img = lookupLive(tx, input, notFoundName(input)).image;
  const records: DeleteRecord[] = [];
  if (!isIdPrefix(img.id, input)) {
    const named = canonical(parseNormalizedNamed(input));
    const full = formatReference(named);
    removeRef(tx, img, full);
    records.push({ untagged: familiarString(named) });
    let remaining = liveRefs(tx, img);
    if (named.digest === null) {
      const repo = repositoryName(named);
      const tagLeft = remaining.some((r) => !r.includes('@') && repoOf(r) === repo);
      if (!tagLeft) {
        for (const r of remaining.filter((x) => x.includes('@') && repoOf(x) === repo)) {
          removeRef(tx, img, r);
          records.push({ untagged: familiarOf(r) });
        }
        remaining = liveRefs(tx, img);
      }
    }
    if (remaining.length > 0) return records;
  } else {
    const refs = liveRefs(tx, img);
    if (refs.length > 0 && !isSingleReference(refs) && !force) {
      throw new BerthError(
        'CONFLICT',
        `conflict: unable to delete ${shortId(img.id)} (must be forced) - image is referenced in multiple repositories`,
      );
    }
  }
  return [...records, ...deleteImage(tx, img)];
}

/** Untags what is left, drops the image, and reports the layers it alone used. */
export function deleteImage(tx: Txn, img: StoreImage): DeleteRecord[] {
  const records: DeleteRecord[] = [];
  for (const r of liveRefs(tx, img)) {
    removeRef(tx, img, r);
    records.push({ untagged: familiarOf(r) });
  }
  const others = liveImages(tx).filter((o) => o.id !== img.id);
  dropImage(tx, img);
  records.push({ deleted: img.id });
  const stillUsed = new Set(others.flatMap((o) => o.layers.map((l) => l.chainID)));
  // The layer store releases from the top layer down and stops at the first layer still in use.
  for (const l of [...img.layers].reverse()) {
    if (stillUsed.has(l.chainID)) break;
    records.push({ deleted: l.chainID });
  }
  return records;
}

/** dockerd's isImageIDPrefix: the argument is a prefix of the ID, with or without `sha256:`. */
export function isIdPrefix(id: string, input: string): boolean {
  return id.startsWith(input) || id.slice(id.indexOf(':') + 1).startsWith(input);
}

/** One tag, optionally with digest refs of that same repository (or digest refs of one repository only). */
export function isSingleReference(refs: readonly string[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  const digestRepos = new Set<string>();
  let single: string | undefined;
  for (const r of refs) {
    if (r.includes('@')) digestRepos.add(repoOf(r));
    else if (single === undefined) single = r;
    else return false;
  }
  return digestRepos.size === 1 && digestRepos.has(repoOf(single ?? refs[0]!));
}
