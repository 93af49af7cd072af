/**
 * distribution/reference's Parse: one full reference, no normalization.
 *
 * The grammar has exactly one way to cut a string into name, tag and digest
 * (only the digest holds "@", a tag follows the last "/", the name part after
 * its last "/" never holds ":"), so the cut is made with indexOf and each part
 * is checked by its own linear scanner.
 */
import { validateDigest } from './digest';
import { isDomain, isPath, isReferenceDigest, isTag } from './grammar';
import { MSG, referenceError } from './messages';
import { goToLower } from './text';
import { REPOSITORY_NAME_MAX_LENGTH, type Reference } from './types';

/** The whole-string reference match: name [":" tag] ["@" digest], or null. */
export function splitReference(s: string): Reference | null {
  const at = s.indexOf('@');
  const digest = at === -1 ? null : s.slice(at + 1);
  if (digest !== null && !isReferenceDigest(digest)) return null;
  const named = at === -1 ? s : s.slice(0, at);
  const colon = named.indexOf(':', named.lastIndexOf('/') + 1);
  const tag = colon === -1 ? null : named.slice(colon + 1);
  if (tag !== null && !isTag(tag)) return null;
  const name = splitName(colon === -1 ? named : named.slice(0, colon));
  return name === null ? null : { ...name, tag, digest };
}

/**
 * [domain "/"] path. Like the upstream regexp, a first component that is a
 * valid domain is taken as one whenever the rest is a valid path ("foo/bar"
 * has domain "foo" here; normalization is what sends it to Docker Hub).
 */
export function splitName(name: string): { domain: string; path: string } | null {
  const slash = name.indexOf('/');
  if (slash !== -1 && isDomain(name, 0, slash) && isPath(name, slash + 1)) {
    return { domain: name.slice(0, slash), path: name.slice(slash + 1) };
  }
  return isPath(name) ? { domain: '', path: name } : null;
}

/**
 * Parses an already-full reference (for example an OCI ref.name annotation).
 * Throws BerthError('INVALID_REFERENCE', <Docker's message>).
 */
export function parseReference(s: string): Reference {
  if (s === '') throw referenceError(MSG.nameEmpty);
  const ref = splitReference(s);
  if (ref === null) throw referenceError(whyUnparsable(s));
  if (ref.path.length > REPOSITORY_NAME_MAX_LENGTH) throw referenceError(MSG.nameTooLong);
  if (ref.digest !== null) validateDigest(ref.digest);
  return ref;
}

/** Upstream reports "must be lowercase" when lower-casing the whole input would make it parse. */
function whyUnparsable(s: string): string {
  const lower = goToLower(s);
  return lower !== s && splitReference(lower) !== null ? MSG.nameUppercase : MSG.invalidFormat;
}
