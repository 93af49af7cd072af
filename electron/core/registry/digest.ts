/** Content digests: compute and compare (sha256, sha384 and sha512 as in OCI). */
import { createHash, type Hash } from 'node:crypto';
import { BerthError } from '../../../shared/errors';

const ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

export function digestAlgorithm(digest: string): string {
  const algo = digest.split(':')[0] ?? '';
  const node = ALGORITHMS[algo];
  if (!node) throw new BerthError('UNSUPPORTED', `unsupported digest algorithm: ${algo}`);
  return node;
}

export function hasherFor(digest: string): Hash {
  return createHash(digestAlgorithm(digest));
}

export function digestOf(bytes: Uint8Array, algorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export function isWellFormedDigest(d: string): boolean {
  return /^sha256:[a-f0-9]{64}$|^sha384:[a-f0-9]{96}$|^sha512:[a-f0-9]{128}$/.test(d);
}
