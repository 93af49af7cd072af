import { describe, expect, it } from 'vitest';
import { formatErrorItems, parseErrorBody, registryError } from './registry-errors';

const body = (errors: unknown) => JSON.stringify({ errors });

describe('registry error bodies', () => {
  it('parses codes, messages and details, ignoring junk entries', () => {
    expect(parseErrorBody(body([{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'x' } }, 'junk', { message: 'no code' }]))).toEqual([
      { code: 'MANIFEST_UNKNOWN', message: 'manifest unknown', detail: { Tag: 'x' } },
    ]);
    expect(parseErrorBody('<html>502</html>')).toEqual([]);
    expect(parseErrorBody('')).toEqual([]);
  });

  it("formats like Go's errcode (one error, or an errors: list)", () => {
    expect(formatErrorItems([{ code: 'DENIED', message: 'requested access to the resource is denied' }])).toBe('denied: requested access to the resource is denied');
    expect(formatErrorItems([{ code: 'A_B', message: 'x' }, { code: 'C', message: '' }])).toBe('errors:\na b: x\nc\n');
  });

  const res = (status: number, b: string) => ({ method: 'GET', url: 'https://r.example/v2/x/manifests/1?sig=SECRET', status, body: b });

  it('words pull denials like Docker', () => {
    const e = registryError(res(401, body([{ code: 'UNAUTHORIZED', message: 'authentication required' }])), { op: 'pull', name: 'busybox' });
    expect(e.code).toBe('AUTH_REQUIRED');
    expect(e.message).toBe("pull access denied for busybox, repository does not exist or may require 'docker login': unauthorized: authentication required");
    const d = registryError(res(403, body([{ code: 'DENIED', message: 'requested access to the resource is denied' }])), { op: 'pull', name: 'x/y' });
    expect(d.code).toBe('FORBIDDEN');
    expect(d.message).toMatch(/^pull access denied for x\/y, .*: denied: requested access to the resource is denied$/);
  });

  it('words unknown manifests like Docker', () => {
    const e = registryError(res(404, body([{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }])), { op: 'pull', manifest: true, name: 'busybox', ref: 'busybox:nope' });
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('manifest for busybox:nope not found: manifest unknown: manifest unknown');
  });

  it('maps codes and statuses, and never shows the query string of the URL', () => {
    expect(registryError(res(400, body([{ code: 'DIGEST_INVALID', message: 'x' }]))).code).toBe('DIGEST_MISMATCH');
    expect(registryError(res(429, body([{ code: 'TOOMANYREQUESTS', message: 'slow down' }]))).code).toBe('NETWORK');
    const generic = registryError(res(502, 'bad gateway'));
    expect(generic.code).toBe('NETWORK');
    expect(generic.message).toBe('unexpected status from GET request to https://r.example/v2/x/manifests/1: 502 Bad Gateway');
    expect(registryError(res(405, '')).code).toBe('UNSUPPORTED');
  });
});
