import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { codeForMessage, compareVersions, connectFailure, jsonLines } from './client';

describe('engine client pieces', () => {
  it('splits a progress stream into messages whatever the chunking', async () => {
    const text = '{"status":"Pulling from library/busybox","id":"1.35"}\r\n{"status":"Downloading","progressDetail":{"current":5,"total":9},"id":"abc"}\n\n{"status":"Done"}';
    for (const size of [1, 7, text.length]) {
      const chunks = [];
      for (let i = 0; i < text.length; i += size) chunks.push(Buffer.from(text.slice(i, i + size)));
      const got = [];
      for await (const m of jsonLines(Readable.from(chunks))) got.push(m);
      expect(got.map((m) => m.status)).toEqual(['Pulling from library/busybox', 'Downloading', 'Done']);
      expect(got[1]!.progressDetail).toEqual({ current: 5, total: 9 });
    }
  });

  it('refuses a line that is not a JSON object, naming it', async () => {
    const bad = jsonLines(Readable.from([Buffer.from('<html>oops</html>\n')]));
    await expect(bad.next()).rejects.toThrow(/not a JSON object: <html>oops/);
  });

  it("maps the engine's answers onto the contract's codes", () => {
    expect(codeForMessage('conflict: unable to remove repository reference', 409)).toBe('CONFLICT');
    expect(codeForMessage('No such image: x:latest', 404)).toBe('NOT_FOUND');
    expect(codeForMessage('pull access denied for x, repository does not exist or may require \'docker login\'', 500)).toBe('AUTH_REQUIRED');
    expect(codeForMessage('manifest unknown', 500)).toBe('NOT_FOUND');
    expect(codeForMessage('something odd', 500)).toBe('INTERNAL');
  });

  it("says why a connection failed as the docker CLI does: permission, or a daemon that is not there", () => {
    const denied = connectFailure('unix:///var/run/docker.sock', Object.assign(new Error('connect EACCES'), { code: 'EACCES' }));
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.message).toBe('permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: connect: permission denied');
    const wrapped = connectFailure('unix:///x.sock', Object.assign(new Error('fetch failed'), { cause: { code: 'EACCES' } }));
    expect(wrapped.code).toBe('FORBIDDEN');
    const down = connectFailure('unix:///x.sock', Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }));
    expect([down.code, down.message]).toEqual(['NETWORK', 'Cannot connect to the Docker daemon at unix:///x.sock. Is the docker daemon running?']);
  });

  it('compares API versions as numbers', () => {
    expect(compareVersions('1.9', '1.41')).toBeLessThan(0);
    expect(compareVersions('1.41', '1.41')).toBe(0);
    expect(compareVersions('1.47', '1.41')).toBeGreaterThan(0);
  });
});
