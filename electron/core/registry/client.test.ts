// Transport and client behaviour against small local HTTP servers: redirects,
// retries, warnings, bearer token flow, manifest checks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from './client';
import { digestOf } from './digest';
import { getManifest } from './manifests';
import { discard, readText, Transport } from './transport';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Server[] = [];

async function serve(handler: Handler): Promise<{ port: number; seen: { url: string; auth?: string; method: string; body: string }[] }> {
  const seen: { url: string; auth?: string; method: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', method: req.method ?? '', body, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      handler(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('transport redirects', () => {
  it('follows relative Location, keeps Authorization on the same origin, drops it on another', async () => {
    const other = await serve((_req, res) => res.end('landed'));
    const first = await serve((req, res) => {
      if (req.url === '/a') return res.writeHead(302, { location: '/b' }).end();
      // localhost is a different origin from 127.0.0.1 even on the same machine
      res.writeHead(307, { location: `http://localhost:${other.port}/blob?sig=1` }).end();
    });
    const t = new Transport();
    const res = await t.send({ method: 'GET', url: `http://127.0.0.1:${first.port}/a`, headers: { Authorization: 'Bearer sekrit' } });
    expect(await readText(res)).toBe('landed');
    expect(res.url).toBe(`http://localhost:${other.port}/blob?sig=1`);
    expect(first.seen.map((s) => [s.url, s.auth])).toEqual([['/a', 'Bearer sekrit'], ['/b', 'Bearer sekrit']]);
    expect(other.seen[0]?.auth).toBeUndefined();
    await t.close();
  });

  it('stops after the hop bound', async () => {
    const loop = await serve((req, res) => res.writeHead(302, { location: `/r${Number((req.url ?? '/r0').slice(2)) + 1}` }).end());
    const t = new Transport({ maxRedirects: 3 });
    await expect(t.send({ method: 'GET', url: `http://127.0.0.1:${loop.port}/r0` })).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('stopped after 3 redirects') });
    expect(loop.seen).toHaveLength(4);
    await t.close();
  });

  it('reports refused connections as NETWORK in Go wording', async () => {
    const gone = await serve(() => undefined);
    const port = gone.port;
    await new Promise((r) => servers.pop()?.close(r));
    const t = new Transport();
    await expect(t.send({ method: 'GET', url: `http://127.0.0.1:${port}/v2/` })).rejects.toMatchObject({
      code: 'NETWORK',
      message: `Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
    await t.close();
  });
});

describe('client retries and warnings', () => {
  it('honours Retry-After on 429, counts down, and surfaces each warning once', async () => {
    let n = 0;
    const srv = await serve((_req, res) => {
      n++;
      const h = { warning: '299 - "repository is deprecated"' };
      if (n < 3) return res.writeHead(429, { ...h, 'retry-after': '1', 'content-type': 'application/json' }).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow"}]}');
      res.writeHead(200, h).end('ok');
    });
    const warnings: string[] = [];
    const ticks: number[] = [];
    const c = new RegistryClient({ host: `127.0.0.1:${srv.port}`, onWarning: (w) => warnings.push(w), onRetry: (r) => ticks.push(r.seconds), retry: { maxRetryAfterMs: 1_000 } });
    const res = await c.request({ method: 'GET', path: '/v2/' });
    expect(await readText(res)).toBe('ok');
    expect(n).toBe(3);
    expect(ticks).toEqual([1, 1]);
    expect(warnings).toEqual(['repository is deprecated']);
    await c.close();
  });

  it('gives up after the attempt limit with the registry error', async () => {
    const srv = await serve((_req, res) => res.writeHead(503).end());
    const c = new RegistryClient({ host: `127.0.0.1:${srv.port}`, retry: { attempts: 3, delayMs: () => 10 } });
    await expect(c.request({ method: 'GET', path: '/v2/' })).rejects.toMatchObject({ code: 'NETWORK', message: expect.stringContaining('503 Service Unavailable') });
    expect(srv.seen).toHaveLength(3);
    await c.close();
  });

  it('does not retry a POST', async () => {
    const srv = await serve((_req, res) => res.writeHead(503).end());
    const c = new RegistryClient({ host: `127.0.0.1:${srv.port}`, retry: { delayMs: () => 10 } });
    await expect(c.request({ method: 'POST', path: '/v2/x/blobs/uploads/', expect: [202] })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(srv.seen).toHaveLength(1);
    await c.close();
  });
});

describe('bearer token flow', () => {
  async function tokenRegistry(opts: { refresh?: boolean } = {}) {
    let issued = 0;
    const auth = await serve((req, res, body) => {
      issued++;
      const u = new URL(req.url ?? '/', 'http://x');
      const scopes = req.method === 'POST' ? new URLSearchParams(body).get('scope')?.split(' ') ?? [] : u.searchParams.getAll('scope');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        access_token: `tok-${issued}-${scopes.join('|')}`, token: 'ignored', expires_in: 300, ...(opts.refresh ? { refresh_token: 'refresh-xyz' } : {}),
      }));
    });
    const reg = await serve((req, res) => {
      const want = req.url?.includes('/other/') ? 'repository:other:pull' : 'repository:app:pull';
      if (req.headers.authorization?.startsWith('Bearer tok-') && req.headers.authorization.includes(want)) return res.writeHead(200).end('ok');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${auth.port}/token",service="test-registry",scope="${want}"`, 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    });
    return { auth, reg };
  }

  it('fetches an anonymous token with one scope parameter per scope, and reuses it', async () => {
    const { auth, reg } = await tokenRegistry();
    const c = new RegistryClient({ host: `127.0.0.1:${reg.port}` });
    for (let i = 0; i < 2; i++) await discard(await c.request({ method: 'GET', path: '/v2/app/tags/list', scopes: ['repository:app:pull'] }));
    expect(auth.seen).toHaveLength(1);
    const u = new URL(auth.seen[0]?.url ?? '', 'http://x');
    expect(u.searchParams.get('service')).toBe('test-registry');
    expect(u.searchParams.getAll('scope')).toEqual(['repository:app:pull']);
    expect(auth.seen[0]?.auth).toBeUndefined();
    // a new scope set needs a new token
    await discard(await c.request({ method: 'GET', path: '/v2/other/tags/list', scopes: ['repository:other:pull'] }));
    expect(auth.seen).toHaveLength(2);
    expect(reg.seen.filter((s) => s.auth === undefined)).toHaveLength(1); // only the very first request went unauthenticated
    await c.close();
  });

  it('sends Basic credentials to the token server and uses refresh tokens with a POST', async () => {
    const { auth, reg } = await tokenRegistry({ refresh: true });
    const refreshTokens: string[] = [];
    const c = new RegistryClient({ host: `127.0.0.1:${reg.port}`, credentials: { username: 'u', password: 'p' }, offlineToken: true, onRefreshToken: (t) => refreshTokens.push(t) });
    await discard(await c.request({ method: 'GET', path: '/v2/app/tags/list', scopes: ['repository:app:pull'] }));
    expect(auth.seen[0]?.auth).toBe('Basic ' + Buffer.from('u:p').toString('base64'));
    expect(new URL(auth.seen[0]?.url ?? '', 'http://x').searchParams.get('offline_token')).toBe('true');
    expect(refreshTokens).toEqual(['refresh-xyz']);

    const c2 = new RegistryClient({ host: `127.0.0.1:${reg.port}`, credentials: { identityToken: 'refresh-xyz' } });
    await discard(await c2.request({ method: 'GET', path: '/v2/app/tags/list', scopes: ['repository:app:pull'] }));
    const post = auth.seen.at(-1);
    expect(post?.method).toBe('POST');
    const form = new URLSearchParams(post?.body);
    expect([form.get('grant_type'), form.get('refresh_token'), form.get('scope'), form.get('service')]).toEqual(['refresh_token', 'refresh-xyz', 'repository:app:pull', 'test-registry']);
    await c.close();
    await c2.close();
  });

  it('re-fetches once when the registry rejects the cached token, even when a stale 401 arrives after the new token', async () => {
    let issued = 0;
    const auth = await serve((_req, res) => {
      issued++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `tok-${issued}`, expires_in: 300 }));
    });
    // Tokens below `valid` are expired. The second stale 401 is held back until a
    // request has succeeded with the new token, so it lands after the re-fetch.
    let valid = 1;
    let stale = 0;
    let renewed: () => void = () => undefined;
    const renewedOnce = new Promise<void>((r) => (renewed = r));
    const reg = await serve((req, res) => {
      const n = Number(/^Bearer tok-(\d+)$/.exec(req.headers.authorization ?? '')?.[1] ?? 0);
      if (n >= valid) {
        if (n > 1) renewed();
        return res.writeHead(200).end('ok');
      }
      const challenge = `Bearer realm="http://127.0.0.1:${auth.port}/token",service="test-registry",scope="repository:app:pull"`;
      const reject = (): void => {
        res.writeHead(401, { 'www-authenticate': n === 0 ? challenge : `${challenge},error="invalid_token"`, 'content-type': 'application/json' })
          .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      };
      if (n > 0 && ++stale > 1) void renewedOnce.then(reject);
      else reject();
    });
    const c = new RegistryClient({ host: `127.0.0.1:${reg.port}` });
    const get = async (): Promise<string> => readText(await c.request({ method: 'GET', path: '/v2/app/tags/list', scopes: ['repository:app:pull'] }));
    expect(await get()).toBe('ok');
    expect(issued).toBe(1);
    valid = 2; // tok-1 expires at the registry while the client still caches it
    expect(await Promise.all([get(), get()])).toEqual(['ok', 'ok']);
    expect(stale).toBe(2);
    expect(issued).toBe(2);
    const sent = reg.seen.map((s) => s.auth ?? '-');
    expect(sent.slice(0, 2)).toEqual(['-', 'Bearer tok-1']);
    expect(sent.slice(2).sort()).toEqual(['Bearer tok-1', 'Bearer tok-1', 'Bearer tok-2', 'Bearer tok-2']);
    await c.close();
  });
});

describe('manifest checks', () => {
  const oci = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: 'sha256:' + 'a'.repeat(64), size: 2 }, layers: [] });

  async function manifestServer(headers: Record<string, string>, body: string) {
    return serve((_req, res) => res.writeHead(200, headers).end(body));
  }
  const target = (port: number, reference = 'v1') => ({ repo: 'app', reference, names: { name: `127.0.0.1:${port}/app`, ref: `127.0.0.1:${port}/app:v1`, full: `127.0.0.1:${port}/app:v1` } });

  it('accepts a matching manifest and checks Docker-Content-Digest', async () => {
    const ok = await manifestServer({ 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': digestOf(Buffer.from(oci)) }, oci);
    const c = new RegistryClient({ host: `127.0.0.1:${ok.port}` });
    expect((await getManifest(c, target(ok.port))).digest).toBe(digestOf(Buffer.from(oci)));
    const bad = await manifestServer({ 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': 'sha256:' + 'b'.repeat(64) }, oci);
    const c2 = new RegistryClient({ host: `127.0.0.1:${bad.port}` });
    await expect(getManifest(c2, target(bad.port))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    // fetching by digest trusts the requested digest, not the header
    await expect(getManifest(c2, target(bad.port, digestOf(Buffer.from(oci))))).resolves.toMatchObject({ digest: digestOf(Buffer.from(oci)) });
    await c.close();
    await c2.close();
  });

  it('refuses a mediaType that contradicts Content-Type, schema1, and oversized manifests', async () => {
    const mismatch = await manifestServer({ 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' }, oci);
    const c1 = new RegistryClient({ host: `127.0.0.1:${mismatch.port}` });
    await expect(getManifest(c1, target(mismatch.port))).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('media type mismatch') });
    const s1 = await manifestServer({ 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' }, JSON.stringify({ schemaVersion: 1, name: 'app' }));
    const c2 = new RegistryClient({ host: `127.0.0.1:${s1.port}` });
    await expect(getManifest(c2, target(s1.port))).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: `Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed. Suggest the author of 127.0.0.1:${s1.port}/app:v1 to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2. More information at https://docs.docker.com/go/deprecated-image-specs/`,
    });
    const big = await manifestServer({ 'content-type': 'application/vnd.oci.image.manifest.v1+json' }, ' '.repeat(4 * 1048 * 1048 + 1));
    const c3 = new RegistryClient({ host: `127.0.0.1:${big.port}` });
    await expect(getManifest(c3, target(big.port))).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('byte manifest') });
    for (const c of [c1, c2, c3]) await c.close();
  });
});
