/**
 * Image references the way Docker reads and prints them: a port of
 * distribution/reference (grammar, normalization, familiar forms) with
 * go-digest's digest checks, built on linear scanners instead of regexps.
 */
export type { DigestReference, Reference } from './types';
export { DEFAULT_DOMAIN, DEFAULT_TAG, REPOSITORY_NAME_MAX_LENGTH, TAG_MAX_LENGTH } from './types';
export { parseReference } from './parse';
export {
  isDigestReference,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  splitDockerDomain,
  withDefaultTag,
} from './normalize';
export { formatReference, repositoryName } from './format';
export { familiarName, familiarString } from './familiar';
export { trimNamed, validateTagName, withDigest, withTag } from './compose';
export { isDigest, validateDigest } from './digest';
export { isFullIdentifier } from './grammar';
export { familiarMatch, pathMatch } from './match';
