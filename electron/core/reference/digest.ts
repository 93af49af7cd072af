/**
 * Digest validation with go-digest v1.0.0's rules and messages (the version
 * Docker links), with the algorithms a Docker binary has registered.
 */
import { isGoDigestShape, isLowerHexString } from './grammar';
import { MSG, referenceError } from './messages';
import { utf8Length } from './text';

/** Registered algorithm → hex length of its encoded value. */
const HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** Why `s` is not a usable digest, in go-digest's words; null when it is one. */
export function digestProblem(s: string): string | null {
  const colon = s.indexOf(':');
  if (colon <= 0 || colon === s.length - 1) return MSG.checksumFormat;
  const algorithm = s.slice(0, colon);
  const encoded = s.slice(colon + 1);
  const hexLength = HEX_LENGTH.get(algorithm);
  if (hexLength === undefined) return isGoDigestShape(s) ? MSG.checksumUnsupported : MSG.checksumFormat;
  if (utf8Length(encoded) !== hexLength) return MSG.checksumLength;
  return isLowerHexString(encoded) ? null : MSG.checksumFormat;
}

/** Throws BerthError('INVALID_REFERENCE', <go-digest message>) unless `s` is a valid digest. */
export function validateDigest(s: string): void {
  const problem = digestProblem(s);
  if (problem !== null) throw referenceError(problem);
}

/** go-digest's Parse succeeding: a registered algorithm with the right lowercase hex. */
export function isDigest(s: string): boolean {
  return digestProblem(s) === null;
}
