// How the client copes with a misbehaving server, against small local servers
// that answer byte by byte as told: bodies cut or lying about their length,
// rate limits asking for too long a pause, redirect loops, manifests of the
// wrong shape or without a Content-Length over the cap.
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadBlob, fetchBlobBytes } from './blobs';
import { RegistryClient } from './client';
import { listTags } from './listing';
import { getManifest, MAX_MANIFEST_BYTES } from './manifests';
import { manifestShapeProblem } from './manifest-shape';
import { isTransient } from './network-errors';
import { BerthError } from '../../../shared/errors';

/** One request as the raw server saw it. */
interface Seen {
  method: string;
  path: string;
  range?: string;
}

/** Decides the raw answer to the n-th request (0-based): bytes to write, then whether to close. */
type Answer = (req: Seen, n: number) => { head: string; body?: Buffer | string; close?: boolean };

const servers: Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function rawServer(answer: Answer): Promise<{ host: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on('error', () => undefined); // clients hang up mid-answer on purpose here
    let buf = '';
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
        const lines = buf.slice(0, end).split('\r\n');
        buf = buf.slice(end + 4);
        const [method = '', path = ''] = (lines[0] ?? '').split(' ');
        const range = lines.find((l) => /^range:/i.test(l))?.slice(6).trim();
        const req: Seen = { method, path, ...(range ? { range } : {}) };
        seen.push(req);
        const a = answer(req, seen.length - 1);
        sock.write(a.head.replace(/\n/g, '\r\n') + '\r\n\r\n');
        if (a.body !== undefined) sock.write(a.body);
        if (a.close) sock.end();
      }
    });
    sock.on('close', () => sockets.delete(sock));
  });
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origClose = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return origClose(cb);
  }) as typeof server.close;
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const fast = { attempts: 3, delayMs: () => 10, maxRetryAfterMs: 2_000 };
const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const blob = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

describe('bodies that end early or lie about their length', () => {
  it('resumes a blob whose Content-Length promised less than the blob', async () => {
    const srv = await rawServer((req) => {
      const from = Number(/bytes=(\d+)-/.exec(req.range ?? '')?.[1] ?? 0);
      if (from > 0) return { head: `HTTP/1.1 206 Partial Content\ncontent-range: bytes ${from}-${blob.length - 1}/${blob.length}\ncontent-length: ${blob.length - from}`, body: blob.subarray(from) };
      return { head: `HTTP/1.1 200 OK\ncontent-length: 3000\nconnection: close`, body: blob, close: true };
    });
    const c = new RegistryClient({ host: srv.host, retry: fast });
    const got: Buffer[] = [];
    await downloadBlob(c, 'app', { digest: sha(blob), size: blob.length }, (b) => void got.push(b));
    expect(Buffer.concat(got).equals(blob)).toBe(true);
    expect(srv.seen.map((s) => s.range)).toEqual([undefined, 'bytes=3000-']);
    await c.close();
  });

  it('accepts a blob whose Content-Length promised more once every expected byte is in', async () => {
    const srv = await rawServer(() => ({ head: `HTTP/1.1 200 OK\ncontent-length: ${blob.length + 500}\nconnection: close`, body: blob, close: true }));
    const c = new RegistryClient({ host: srv.host, retry: fast });
    expect(await downloadBlob(c, 'app', { digest: sha(blob), size: blob.length }, () => undefined)).toEqual({ digest: sha(blob), size: blob.length });
    expect(srv.seen).toHaveLength(1);
    await c.close();
  });

  it("says 'image config' when a config blob does not match its digest", async () => {
    const srv = await rawServer(() => ({ head: `HTTP/1.1 200 OK\ncontent-length: 4`, body: 'nope' }));
    const c = new RegistryClient({ host: srv.host, retry: fast });
    const digest = sha('{}{}');
    await expect(fetchBlobBytes(c, 'app', { digest, size: 4 }, { kind: 'config' })).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
      message: `image config verification failed for digest ${digest}`,
    });
    await c.close();
  });

  it('fetches a manifest again when its body is cut, and a tags page too', async () => {
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'x', digest: sha('c'), size: 1 }, layers: [] });
    const tags = JSON.stringify({ name: 'app', tags: ['a', 'b'] });
    const srv = await rawServer((req, n) => {
      const body = req.path.includes('/tags/') ? tags : manifest;
      const type = req.path.includes('/tags/') ? 'application/json' : 'application/vnd.oci.image.manifest.v1+json';
      const first = n === 0 || (req.path.includes('/tags/') && srv.seen.filter((s) => s.path.includes('/tags/')).length === 1);
      if (first) return { head: `HTTP/1.1 200 OK\ncontent-type: ${type}\ncontent-length: ${body.length}\nconnection: close`, body: body.slice(0, 10), close: true };
      return { head: `HTTP/1.1 200 OK\ncontent-type: ${type}\ncontent-length: ${body.length}`, body };
    });
    const c = new RegistryClient({ host: srv.host, retry: fast });
    expect((await getManifest(c, { repo: 'app', reference: 'v1' })).digest).toBe(sha(manifest));
    expect(await listTags(c, 'app')).toEqual(['a', 'b']);
    expect(srv.seen.map((s) => s.path)).toEqual(['/v2/app/manifests/v1', '/v2/app/manifests/v1', '/v2/app/tags/list', '/v2/app/tags/list']);
    await c.close();
  });
});

describe('servers that ask too much', () => {
  it('refuses at once when Retry-After asks for more than the cap', async () => {
    const body = '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow"}]}';
    const srv = await rawServer(() => ({
      head: `HTTP/1.1 429 Too Many Requests\ncontent-type: application/json\nretry-after: 3600\ncontent-length: ${body.length}`,
      body,
    }));
    const c = new RegistryClient({ host: srv.host, retry: fast });
    const t0 = Date.now();
    await expect(c.request({ method: 'GET', path: '/v2/' })).rejects.toMatchObject({ code: 'NETWORK', message: 'toomanyrequests: slow' });
    expect(srv.seen).toHaveLength(1);
    expect(Date.now() - t0).toBeLessThan(10_000); // not the hour Retry-After asks for
    await c.close();
  });

  it('does not retry a redirect loop', async () => {
    const srv = await rawServer((req) => ({ head: `HTTP/1.1 307 Temporary Redirect\nlocation: ${req.path}\ncontent-length: 0` }));
    const c = new RegistryClient({ host: srv.host, retry: fast, maxRedirects: 4 });
    const err = await c.request({ method: 'GET', path: '/v2/app/blobs/x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NETWORK', message: `Get "http://${srv.host}/v2/app/blobs/x": stopped after 4 redirects` });
    expect(isTransient(err)).toBe(false);
    expect(isTransient(new BerthError('NETWORK', 'read: connection reset by peer'))).toBe(true);
    expect(srv.seen).toHaveLength(5);
    await c.close();
  });

  it('refuses an oversized manifest without a Content-Length once it passes the cap', async () => {
    const srv = await rawServer(() => {
      const chunk = ' '.repeat(1 << 20);
      const chunks = Array.from({ length: 5 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n';
      return { head: 'HTTP/1.1 200 OK\ncontent-type: application/vnd.oci.image.manifest.v1+json\ntransfer-encoding: chunked', body: chunks };
    });
    const c = new RegistryClient({ host: srv.host, retry: fast });
    await expect(getManifest(c, { repo: 'app', reference: 'v1' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: `rejecting more than ${MAX_MANIFEST_BYTES} byte manifest for app:v1`,
    });
    expect(srv.seen).toHaveLength(1);
    await c.close();
  });
});

describe('manifest shape', () => {
  const d = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha('x'), size: 1 };

  it('accepts manifests and indexes whose descriptors are usable', () => {
    expect(manifestShapeProblem({ schemaVersion: 2, config: d, layers: [d, d] })).toBeUndefined();
    expect(manifestShapeProblem({ schemaVersion: 2, manifests: [{ ...d, platform: { os: 'linux', architecture: 'amd64' } }] })).toBeUndefined();
    expect(manifestShapeProblem({ schemaVersion: 1, fsLayers: [] })).toBeUndefined(); // schema1 is refused later, with Docker's text
  });

  it('names what is wrong', () => {
    expect(manifestShapeProblem(null)).toBe('not a JSON object');
    expect(manifestShapeProblem([d])).toBe('not a JSON object');
    expect(manifestShapeProblem({ layers: 7 })).toBe('layers is not a list');
    expect(manifestShapeProblem({ config: { ...d, digest: 'sha256:../../etc/passwd' } })).toBe('config has an invalid digest');
    expect(manifestShapeProblem({ layers: [d, { ...d, size: -1 }] })).toBe('layers[1] has an invalid size');
    expect(manifestShapeProblem({ manifests: ['x'] })).toBe('manifests[0] is not a descriptor');
    expect(manifestShapeProblem({ mediaType: 5 })).toBe('mediaType is not a string');
  });
});
