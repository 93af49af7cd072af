import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BerthError } from '../../shared/index';

/** 256 bits from the OS CSPRNG, URL-safe so it can ride in the page's query string. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,256}$/; // 22 base64url chars = 132 bits

/** A caller-chosen token must be at least as strong as a generated one's 128-bit floor. */
export function assertUsableToken(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      'host token must be 22 to 256 URL-safe characters ([A-Za-z0-9_-]), i.e. at least 128 bits',
    );
  }
}

/**
 * Constant-time comparison. Hashing first gives both sides the same length,
 * so neither the content nor the length of the real token leaks through timing.
 */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
