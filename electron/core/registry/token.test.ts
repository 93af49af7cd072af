import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryMessage } from './retry';
import { parseTokenResponse, TokenCache } from './token';

describe('token responses', () => {
  const now = Date.parse('2024-01-01T00:00:00Z');

  it('prefers access_token over token and enforces a 60 s minimum lifetime', () => {
    expect(parseTokenResponse(JSON.stringify({ token: 't', access_token: 'a', expires_in: 10 }), now)).toEqual({ token: 'a', expiresAt: now + 60_000 });
    expect(parseTokenResponse(JSON.stringify({ token: 't' }), now)).toEqual({ token: 't', expiresAt: now + 60_000 });
    expect(parseTokenResponse(JSON.stringify({ token: 't', expires_in: 300, refresh_token: 'r' }), now)).toEqual({ token: 't', expiresAt: now + 300_000, refreshToken: 'r' });
  });

  it('counts from issued_at, but never from a future or long-past clock', () => {
    const issued = new Date(now - 2_000).toISOString();
    expect(parseTokenResponse(JSON.stringify({ token: 't', expires_in: 100, issued_at: issued }), now).expiresAt).toBe(now - 2_000 + 100_000);
    const future = new Date(now + 3_600_000).toISOString();
    expect(parseTokenResponse(JSON.stringify({ token: 't', expires_in: 100, issued_at: future }), now).expiresAt).toBe(now + 100_000);
  });

  it('refuses responses without a token', () => {
    expect(() => parseTokenResponse('{}', now)).toThrow('did not include a token');
    expect(() => parseTokenResponse('nope', now)).toThrow('unable to decode token response');
  });

  it('caches per scope set (order-insensitive) until shortly before expiry', () => {
    const cache = new TokenCache();
    const k1 = TokenCache.key('r', 's', ['repository:a:pull', 'repository:b:pull']);
    expect(TokenCache.key('r', 's', ['repository:b:pull', 'repository:a:pull'])).toBe(k1);
    expect(TokenCache.key('r', 's', ['repository:a:pull'])).not.toBe(k1);
    cache.set(k1, { token: 'x', expiresAt: now + 60_000 });
    expect(cache.get(k1, now)?.token).toBe('x');
    expect(cache.get(k1, now + 55_000)).toBeUndefined();
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it("words the countdown like Docker", () => {
    expect(retryMessage(1)).toBe('Retrying in 1 second');
    expect(retryMessage(5)).toBe('Retrying in 5 seconds');
  });
});
