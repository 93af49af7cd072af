/**
 * Finding the image a user means, the way dockerd's GetImage does: a
 * reference (normalized, `latest` by default) or digest reference from the
 * reference store, else an ID or unambiguous ID prefix (with or without
 * `sha256:`). Anything else is `No such image: <familiar ref>`.
 */
import { BerthError } from '../../../shared/errors';
import {
  familiarString,
  formatReference,
  isDigestReference,
  parseAnyReference,
  repositoryName,
  withDefaultTag,
  type Reference,
} from '../reference';
import type { StoreImage } from '../store';

/** What lookup needs of an image: the embedded store's, or an engine's as Berth models it. */
export interface LookupImage {
  id: string;
  repoDigests: readonly string[];
}

/** Images by ID and by full tag reference (a store snapshot, or an engine's listing). */
export interface LookupSource<I extends LookupImage> {
  images: ReadonlyMap<string, I>;
  byTag: ReadonlyMap<string, I>;
}

export interface Found<I extends LookupImage = StoreImage> {
  image: I;
  /** The named reference the user gave, normalized (digest refs keep only name@digest). */
  named: Reference | null;
  /** Full form of `named` when it matched a stored tag or repo digest. */
  matchedRef: string | null;
}

export function noSuchImage(input: string): BerthError {
  return new BerthError('NOT_FOUND', `No such image: ${input}`);
}

/** The text Docker's ErrImageDoesNotExist shows for what the user typed. */
export function notFoundName(input: string): string {
  let ref: ReturnType<typeof parseAnyReference>;
  try {
    ref = parseAnyReference(input);
  } catch {
    return input;
  }
  if (isDigestReference(ref)) return ref.digest;
  return familiarString(withDefaultTag(ref));
}

export function lookupImage<I extends LookupImage = StoreImage>(snap: LookupSource<I>, input: string): Found<I> {
  const ref = parseAnyReference(input); // invalid input: INVALID_REFERENCE, as dockerd's InvalidParameter
  if (isDigestReference(ref)) {
    const image = snap.images.get(ref.digest);
    if (!image) throw noSuchImage(ref.digest);
    return { image, named: null, matchedRef: null };
  }
  const named = canonical(ref);
  const full = formatReference(named);
  const byRef = named.digest === null ? snap.byTag.get(full) : findRepoDigest(snap, full);
  if (byRef) return { image: byRef, named, matchedRef: full };
  const byId = searchId(snap, input);
  if (byId) return { image: byId, named: null, matchedRef: null };
  throw noSuchImage(familiarString(named));
}

/** Tag-only refs get `latest`; a ref with both tag and digest is looked up by its digest. */
export function canonical(ref: Reference): Reference {
  if (ref.digest !== null) return { ...ref, tag: null };
  return withDefaultTag(ref);
}

export function findRepoDigest<I extends LookupImage>(snap: LookupSource<I>, full: string): I | undefined {
  for (const img of snap.images.values()) if (img.repoDigests.includes(full)) return img;
  return undefined;
}

/** dockerd's digest-set search: unique prefix of a stored ID; ambiguous counts as not found. */
export function searchId<I extends LookupImage>(snap: Pick<LookupSource<I>, 'images'>, input: string): I | undefined {
  const hex = input.startsWith('sha256:') ? input.slice(7) : input;
  if (!/^[a-f0-9]{1,64}$/.test(hex)) return undefined;
  let hit: I | undefined;
  for (const img of snap.images.values()) {
    if (!img.id.startsWith(`sha256:${hex}`)) continue;
    if (hit) return undefined;
    hit = img;
  }
  return hit;
}

/** Every stored tag and repo digest of `repo` (full repository name) on an image. */
export function refsOfRepo(image: StoreImage, repo: string): { tags: string[]; digests: string[] } {
  const inRepo = (r: string): boolean => r.startsWith(`${repo}:`) || r.startsWith(`${repo}@`);
  return { tags: image.tags.filter(inRepo), digests: image.repoDigests.filter(inRepo) };
}

export { repositoryName };
