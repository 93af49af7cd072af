/** Building references from parts, checked like distribution/reference's WithTag/WithDigest. */
import { isReferenceDigest, isTag } from './grammar';
import { MSG, referenceError } from './messages';
import type { Reference } from './types';

/** Throws BerthError('INVALID_REFERENCE', 'invalid tag format') unless `tag` is [\w][\w.-]{0,127}. */
export function validateTagName(tag: string): void {
  if (!isTag(tag)) throw referenceError(MSG.tagInvalid);
}

/** The reference with `tag` set (a digest, if any, is kept, as upstream does). */
export function withTag(ref: Reference, tag: string): Reference {
  validateTagName(tag);
  return { ...ref, tag };
}

/** The reference with `digest` set; throws 'invalid digest format' for a malformed digest. */
export function withDigest(ref: Reference, digest: string): Reference {
  if (!isReferenceDigest(digest)) throw referenceError(MSG.digestInvalid);
  return { ...ref, digest };
}

/** Just the repository: tag and digest removed (TrimNamed). */
export function trimNamed(ref: Reference): Reference {
  return { domain: ref.domain, path: ref.path, tag: null, digest: null };
}
