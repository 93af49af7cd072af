/**
 * Docker's normalization of what people type ("ubuntu", "user/app:1",
 * "localhost:5000/x") into full references (distribution/reference's
 * ParseNormalizedNamed, ParseDockerRef, ParseAnyReference, TagNameOnly).
 */
import { isDigest } from './digest';
import { isFullIdentifier } from './grammar';
import { MSG, referenceError } from './messages';
import { parseReference } from './parse';
import { goToLower } from './text';
import {
  DEFAULT_DOMAIN,
  DEFAULT_TAG,
  LEGACY_DEFAULT_DOMAIN,
  OFFICIAL_REPO_PREFIX,
  type DigestReference,
  type Reference,
} from './types';

/**
 * Splits a familiar name into registry domain and the rest (which may still
 * carry ":tag" and "@digest"). Does not validate; the caller parses the result.
 */
export function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  // A single element is always a Docker Hub name, even "localhost" or "foo:5000" (a tag).
  if (slash === -1) return { domain: DEFAULT_DOMAIN, remainder: OFFICIAL_REPO_PREFIX + name };
  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  const domain = hubOrDomain(first);
  if (domain === null) return { domain: DEFAULT_DOMAIN, remainder: withLibrary(name) };
  return { domain, remainder: domain === DEFAULT_DOMAIN ? withLibrary(rest) : rest };
}

/** The domain a first path element names, or null when it is a Docker Hub namespace. */
function hubOrDomain(first: string): string | null {
  if (first === 'localhost') return first;
  if (first === LEGACY_DEFAULT_DOMAIN) return DEFAULT_DOMAIN;
  if (first.includes('.') || first.includes(':')) return first;
  // Namespaces are lowercase, so an uppercase first element can only be a host.
  if (goToLower(first) !== first) return first;
  return null;
}

/** Official images live under "library/" on Docker Hub: "docker.io/ubuntu" is "docker.io/library/ubuntu". */
function withLibrary(remainder: string): string {
  return remainder.includes('/') ? remainder : OFFICIAL_REPO_PREFIX + remainder;
}

/**
 * Docker's ParseNormalizedNamed: "ubuntu" → docker.io/library/ubuntu (no tag added).
 * Throws BerthError('INVALID_REFERENCE', <Docker's message>).
 */
export function parseNormalizedNamed(input: string): Reference {
  if (isFullIdentifier(input)) throw referenceError(MSG.hexName(input));
  const { domain, remainder } = splitDockerDomain(input);
  const colon = remainder.indexOf(':');
  const remote = colon === -1 ? remainder : remainder.slice(0, colon);
  if (goToLower(remote) !== remote) throw referenceError(MSG.remoteUppercase(remote));
  return parseReference(`${domain}/${remainder}`);
}

/** TagNameOnly: adds "latest" only when the reference has neither tag nor digest. */
export function withDefaultTag(ref: Reference): Reference {
  return ref.tag === null && ref.digest === null ? { ...ref, tag: DEFAULT_TAG } : ref;
}

/** ParseDockerRef: normalized; a digest wins over a tag; "latest" when neither is given. */
export function parseDockerRef(input: string): Reference {
  const ref = parseNormalizedNamed(input);
  if (ref.tag !== null && ref.digest !== null) return { ...ref, tag: null };
  return withDefaultTag(ref);
}

/**
 * ParseAnyReference: a 64-hex image ID becomes a sha256 digest, a valid
 * "algo:hex" stays a digest, anything else is a normalized name.
 */
export function parseAnyReference(input: string): Reference | DigestReference {
  if (isFullIdentifier(input)) return { digest: `sha256:${input}` };
  if (isDigest(input)) return { digest: input };
  return parseNormalizedNamed(input);
}

/** Narrows parseAnyReference's result. */
export function isDigestReference(ref: Reference | DigestReference): ref is DigestReference {
  return !('path' in ref);
}
