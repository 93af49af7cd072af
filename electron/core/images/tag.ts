/**
 * `docker tag SOURCE TARGET`: source by reference or ID (prefix), target a
 * normalized name (`latest` added); Docker's refusals, word for word. An
 * existing tag moves silently; its old image may become `<none>`.
 */
import { BerthError } from '../../../shared/errors';
import { familiarName, formatReference, parseAnyReference, parseNormalizedNamed, withDefaultTag, type Reference } from '../reference';
import { nowGoTime, refName, type Store, type Txn } from '../store';
import { lookupImage } from './lookup';

export interface TagResult {
  /** Full normalized target reference. */
  target: string;
  /** True when the target tag pointed at another image before. */
  moved: boolean;
}

export function parseTagTarget(source: string, target: string): Reference {
  try {
    parseAnyReference(source);
  } catch (e) {
    throw parseError(source, e);
  }
  let ref: Reference;
  try {
    ref = parseNormalizedNamed(target);
  } catch (e) {
    throw parseError(target, e);
  }
  if (ref.digest !== null) throw new BerthError('INVALID_ARGUMENT', 'refusing to create a tag with a digest reference');
  ref = withDefaultTag(ref);
  if (familiarName(ref) === 'sha256') {
    throw new BerthError('INVALID_ARGUMENT', 'refusing to create an ambiguous tag using digest algorithm as name');
  }
  return ref;
}

function parseError(input: string, cause: unknown): BerthError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new BerthError('INVALID_REFERENCE', `error parsing reference: ${JSON.stringify(input)} is not a valid repository/tag: ${why}`);
}

export async function tagImage(store: Store, source: string, target: string): Promise<TagResult> {
  const full = formatReference(parseTagTarget(source, target));
  return store.update((tx) => applyTag(tx, source, full));
}

export function applyTag(tx: Txn, source: string, full: string): TagResult {
  const found = lookupImage(tx.snapshot, source);
  const img = found.image;
  // Tag what the source name points at (an index stays an index); by ID, the image's first descriptor.
  const ref = found.matchedRef;
  const digest = ref?.includes('@') ? ref.slice(ref.indexOf('@') + 1) : undefined;
  const byName = ref ? img.descriptors.find((d) => (digest ? d.digest === digest : refName(d) === ref)) : undefined;
  const descriptor = byName ?? img.descriptors[0]!;
  const { moved } = tx.setTag(full, descriptor);
  tx.imageMeta(img.id).lastTagTime = nowGoTime();
  return { target: full, moved };
}
