/**
 * `docker images`: one row per tag (familiar repository + tag), a `<none>`
 * tag row for repositories known only by digest, a `<none> <none>` row for
 * images without references; newest first; dockerd 20.10's filters.
 */
import type { ImageList, ImageRow } from '../../../shared/schemas';
import { formatPlatform, type Snapshot, type StoreImage } from '../store';
import { boolFilter, labelsMatch, parseFilters, parseUntil, type FilterArgs } from './filters';
import { lookupImage } from './lookup';
import { matchesAnyPattern } from './ref-match';
import { storedRef, familiarName } from './refs';
import { byCreatedDesc, layerRefcounts, sharedSize, totalSize } from './sizes';

export const LIST_FILTERS = ['dangling', 'label', 'before', 'since', 'reference', 'until'] as const;

export interface ListInput {
  all: boolean;
  filters: readonly string[];
}

const memo = new WeakMap<Snapshot, Map<string, ImageList>>();

/**
 * The rows for a snapshot. Snapshots are immutable, so a result is reused
 * until the store changes (except with `until=`, which depends on the clock);
 * callers must not modify it.
 */
export function listImages(snap: Snapshot, input: ListInput): ImageList {
  const key = JSON.stringify([input.all, input.filters]);
  const cached = memo.get(snap)?.get(key);
  if (cached) return cached;
  const result = computeList(snap, input);
  if (!input.filters.some((f) => f.trim().toLowerCase().startsWith('until='))) {
    let m = memo.get(snap);
    if (!m) memo.set(snap, (m = new Map()));
    m.set(key, result);
  }
  return result;
}

function computeList(snap: Snapshot, input: ListInput): ImageList {
  const args = parseFilters(input.filters, LIST_FILTERS);
  const keep = imagePredicate(snap, args);
  const patterns = args.get('reference');
  const counts = layerRefcounts(snap);
  const rows: ImageRow[] = [];
  const listed: StoreImage[] = [];
  const danglingOnly = boolFilter(args, 'dangling');
  for (const img of [...snap.images.values()].sort(byCreatedDesc)) {
    if (!keep(img)) continue;
    const tags = patterns ? img.tags.filter((r) => matchesAnyPattern(patterns, r)) : img.tags;
    const digests = patterns ? img.repoDigests.filter((r) => matchesAnyPattern(patterns, r)) : img.repoDigests;
    if (tags.length === 0 && digests.length === 0) {
      // An image without references: shown unless the filters ask for references.
      if (patterns || danglingOnly === false) continue;
    } else if (danglingOnly === true && tags.length > 0) {
      continue;
    }
    listed.push(img);
    rows.push(...rowsFor(img, tags, digests, sharedSize(img, counts)));
  }
  return { rows, totalSize: totalSize(listed), imageCount: listed.length };
}

function imagePredicate(snap: Snapshot, args: FilterArgs): (img: StoreImage) => boolean {
  // dockerd walks every value and keeps the last image found; a missing one is an error.
  const last = (key: string): StoreImage | undefined => args.get(key)?.map((v) => lookupImage(snap, v).image).pop();
  const before = last('before');
  const since = last('since');
  const until = args.get('until')?.map((v) => parseUntil(v));
  const hasLabels = args.has('label');
  return (img) => {
    if (before && !(img.created.ms < before.created.ms)) return false;
    if (since && !(img.created.ms > since.created.ms)) return false;
    if (until && !until.every((t) => img.created.ms < t)) return false;
    if (hasLabels && !labelsMatch(labelsOf(img), args)) return false;
    return true;
  };
}

export function labelsOf(img: StoreImage): Record<string, string> {
  const labels = (img.config.config as { Labels?: unknown } | null | undefined)?.Labels;
  return labels && typeof labels === 'object' ? (labels as Record<string, string>) : {};
}

function rowsFor(img: StoreImage, tags: string[], digests: string[], shared: number): ImageRow[] {
  const base = {
    id: img.id,
    created: img.created.text,
    size: img.size,
    sharedSize: shared,
    uniqueSize: img.size - shared,
    platform: formatPlatform(img.platform),
    labels: labelsOf(img),
    dangling: tags.length === 0,
  };
  return expandRows(base, tags, digests);
}

export type RowBase = Omit<ImageRow, 'repository' | 'tag' | 'reference' | 'digest'>;

/**
 * The docker CLI's row expansion of one image's full tag and digest
 * references, with the first digest of each repository in the DIGEST column
 * (shared by every image source).
 */
export function expandRows(base: RowBase, tags: readonly string[], digests: readonly string[]): ImageRow[] {
  if (tags.length === 0 && digests.length === 0) {
    return [row(base, '<none>', '<none>', null, null)];
  }
  const digestsByRepo = new Map<string, string[]>();
  for (const full of digests) {
    const r = storedRef(full);
    if (!r || r.digest === null) continue;
    const repo = familiarName(r);
    digestsByRepo.set(repo, [...(digestsByRepo.get(repo) ?? []), r.digest]);
  }
  const rows: ImageRow[] = [];
  for (const full of tags) {
    const r = storedRef(full);
    if (!r || r.tag === null) continue;
    const repo = familiarName(r);
    rows.push(row(base, repo, r.tag, full, digestsByRepo.get(repo)?.[0] ?? null));
  }
  const tagged = new Set(rows.map((r) => r.repository));
  for (const full of digests) {
    const r = storedRef(full);
    if (!r || tagged.has(familiarName(r))) continue;
    tagged.add(familiarName(r));
    rows.push(row(base, familiarName(r), '<none>', full, r.digest));
  }
  return rows;
}

/** One row; fields listed out so every row has the same shape (a spread of varying bases is slow at 10,000 images). */
function row(base: RowBase, repository: string, tag: string, reference: string | null, digest: string | null): ImageRow {
  const r: ImageRow = {
    id: base.id,
    repository,
    tag,
    reference,
    digest,
    created: base.created,
    size: base.size,
    platform: base.platform,
    labels: base.labels,
    dangling: base.dangling,
  };
  if (base.sharedSize !== undefined) r.sharedSize = base.sharedSize;
  if (base.uniqueSize !== undefined) r.uniqueSize = base.uniqueSize;
  return r;
}
