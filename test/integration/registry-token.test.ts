// Bearer token auth against a real distribution registry (`auth: token:`)
// whose token server is the test's own issuer (JWTs signed with a key made at
// start, x5c chained to the registry's rootcertbundle). Proves: anonymous pull
// of a public repository, Docker's wording when a private one is refused,
// `berth pull`/`berth push` with config.json credentials, one token per scope
// set, re-authentication when the registry rejects an expired cached token,
// `berth login` storing the issuer's refresh token and later pulls using it,
// and that no secret ever travels in a URL.
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBlobBytes, getManifest, manifestTarget, RegistryClient } from '../../electron/core/registry';
import { digestOf } from '../../electron/core/registry/digest';
import { parseNormalizedNamed } from '../../electron/core/reference';
import { buildImageLayout, type LayoutImage } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import {
  DISTRIBUTION_LEEWAY_S,
  PUBLIC_PREFIX,
  startTokenIssuer,
  TOKEN_PASSWORD,
  TOKEN_USER,
  type IssuerRequest,
  type TokenIssuer,
} from '../fixtures/token-issuer';
import { run, runOk, tempDir, type RunResult, type TempDir } from '../fixtures/tools';

const BIN = fileURLToPath(new URL('../../bin/berth.mjs', import.meta.url));
const PRIVATE = 'private/busybox';
const PUBLIC = `${PUBLIC_PREFIX}busybox`;
const TAG = '1.35-amd64';
const CREDS = `${TOKEN_USER}:${TOKEN_PASSWORD}`;

let issuer: TokenIssuer;
let reg: RegistryHandle;
let home: TempDir;
let image: LayoutImage;

beforeAll(async () => {
  issuer = await startTokenIssuer();
  [reg, home] = await Promise.all([startRegistry({ tokenAuth: issuer.registryAuth }), tempDir('berth-registry-token')]);
  const layout = await buildImageLayout(join(home.path, 'layout'));
  image = layout.images[TAG];
  // skopeo authenticates through the same token flow (GET with Basic credentials).
  await Promise.all(
    [PRIVATE, PUBLIC].map((repo) =>
      runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', '--dest-creds', CREDS, `oci:${layout.dir}:${TAG}`, `docker://${reg.host}/${repo}:${TAG}`]),
    ),
  );
});

afterAll(async () => {
  await reg?.stop();
  await issuer?.stop();
  await home?.remove();
});

const target = (repo: string) => manifestTarget(parseNormalizedNamed(`${reg.host}/${repo}:${TAG}`));
const since = (mark: number): IssuerRequest[] => issuer.requests.slice(mark);
const registryLog = (): string => readFileSync(join(reg.dir, `registry-${reg.port}.log`), 'utf8');
const scopeSet = (r: IssuerRequest): string => JSON.stringify([...r.scopes].sort());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dirs = 0;
/** A fresh directory under the test's temp dir. */
async function freshDir(what: string): Promise<string> {
  const dir = join(home.path, `${what}-${++dirs}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** `berth` as a user runs it: a separate process, from the sources, with its own DOCKER_CONFIG. */
function berth(store: string, dockerConfig: string, args: string[], input?: string): Promise<RunResult> {
  const env = { ...process.env, BERTH_FROM_SOURCE: '1', DOCKER_CONFIG: dockerConfig, BERTH_CONFIG_DIR: join(home.path, 'berth-config') };
  return run('node', [BIN, '--store', store, ...args], { env, timeoutMs: 120_000, ...(input !== undefined ? { input } : {}) });
}

async function writeDockerConfig(auths: Record<string, unknown>): Promise<string> {
  const dir = await freshDir('docker');
  await writeFile(join(dir, 'config.json'), JSON.stringify({ auths }), { mode: 0o600 });
  return dir;
}

async function remoteDigest(ref: string): Promise<string> {
  const r = await runOk('skopeo', ['inspect', '--tls-verify=false', '--creds', CREDS, `docker://${ref}`]);
  return (JSON.parse(r.stdout) as { Digest: string }).Digest;
}

describe('anonymous access', () => {
  it('pulls a public repository with one pull-scoped anonymous token for all its requests', async () => {
    const mark = issuer.requests.length;
    const client = new RegistryClient({ host: reg.host });
    try {
      const m = await getManifest(client, target(PUBLIC));
      expect(m.digest).toBe(image.digest);
      const config = await fetchBlobBytes(client, PUBLIC, { digest: image.configDigest as string, size: -1 });
      expect(digestOf(config)).toBe(image.configDigest);
      for (const layer of image.layers) {
        const bytes = await fetchBlobBytes(client, PUBLIC, { digest: layer.digest, size: layer.size });
        expect(digestOf(bytes)).toBe(layer.digest);
      }
    } finally {
      await client.close();
    }
    expect(since(mark)).toEqual([
      expect.objectContaining({
        method: 'GET',
        service: issuer.registryAuth.service,
        scopes: [`repository:${PUBLIC}:pull`],
        grant: 'anonymous',
        status: 200,
        granted: [`repository:${PUBLIC}:pull`],
      }),
    ]);
  });

  it("refuses a private repository with Docker's pull-access wording after trying an anonymous token", async () => {
    const mark = issuer.requests.length;
    const client = new RegistryClient({ host: reg.host });
    try {
      await expect(getManifest(client, target(PRIVATE))).rejects.toMatchObject({
        code: 'AUTH_REQUIRED',
        message: `pull access denied for ${reg.host}/${PRIVATE}, repository does not exist or may require 'docker login': unauthorized: authentication required`,
      });
    } finally {
      await client.close();
    }
    expect(since(mark)).toEqual([expect.objectContaining({ scopes: [`repository:${PRIVATE}:pull`], grant: 'anonymous', status: 200, granted: [] })]);
  });

  it('refuses wrong credentials at the issuer without echoing them', async () => {
    const client = new RegistryClient({ host: reg.host, credentials: { username: TOKEN_USER, password: 'wrong-secret-31f' } });
    try {
      const e = (await getManifest(client, target(PRIVATE)).catch((x: unknown) => x)) as Error & { code: string; details?: unknown };
      expect(e.code).toBe('AUTH_REQUIRED');
      expect(e.message).toBe('unauthorized: incorrect username or password');
      expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain('wrong-secret-31f');
    } finally {
      await client.close();
    }
    expect(issuer.requests.at(-1)).toMatchObject({ grant: 'basic', status: 401 });
  });
});

describe('the token issuer itself', () => {
  it('answers the OAuth2 password grant with a refresh token and a JWT the registry accepts', async () => {
    const form = new URLSearchParams({ grant_type: 'password', username: TOKEN_USER, password: TOKEN_PASSWORD, service: issuer.registryAuth.service, client_id: 'test', access_type: 'offline', scope: `repository:${PRIVATE}:pull` });
    const res = await fetch(issuer.registryAuth.realm, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; access_token: string; expires_in: number; issued_at: string; refresh_token?: string };
    expect(body).toMatchObject({ access_token: body.token, expires_in: 300 });
    expect(issuer.refreshTokens()).toContain(body.refresh_token);
    const manifest = await fetch(`${reg.url}/v2/${PRIVATE}/manifests/${TAG}`, {
      headers: { authorization: `Bearer ${body.token}`, accept: image.mediaType },
    });
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('docker-content-digest')).toBe(image.digest);
    await manifest.arrayBuffer();
    // The token is good for the scope granted, not for another repository.
    const other = await fetch(`${reg.url}/v2/${PUBLIC}/manifests/${TAG}`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(other.status).toBe(401);
    expect(other.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    await other.arrayBuffer();
  });
});

describe('berth pull and push with config.json credentials', () => {
  it('without an auths entry, berth pulls the public repository and is denied the private one in the daemon wording', async () => {
    const store = await freshDir('store');
    const docker = await writeDockerConfig({});
    const pub = await berth(store, docker, ['pull', `${reg.host}/${PUBLIC}:${TAG}`]);
    expect(pub.stderr).toBe('');
    expect(pub.stdout).toContain(`Status: Downloaded newer image for ${reg.host}/${PUBLIC}:${TAG}\n`);
    const r = await berth(store, docker, ['pull', `${reg.host}/${PRIVATE}:${TAG}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Error response from daemon: pull access denied for ${reg.host}/${PRIVATE}, repository does not exist or may require 'docker login': unauthorized: authentication required\n`,
    );
  });

  it('pulls and pushes; one token per scope set, and the push token carries pull,push', async () => {
    const docker = await writeDockerConfig({ [reg.host]: { auth: Buffer.from(CREDS).toString('base64') } });
    const store = await freshDir('store');
    const ref = `${reg.host}/${PRIVATE}:${TAG}`;

    let mark = issuer.requests.length;
    const logMark = registryLog().length;
    const pulled = await berth(store, docker, ['pull', ref]);
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain(`Digest: ${image.digest}\nStatus: Downloaded newer image for ${ref}\n`);
    const inspected = await berth(store, docker, ['image', 'inspect', '-f', '{{.Id}}', ref]);
    expect(inspected.stdout).toBe(`${image.configDigest}\n`);
    // One token for the whole pull, although the registry answered a request per manifest and blob.
    expect(since(mark)).toEqual([
      expect.objectContaining({ method: 'GET', scopes: [`repository:${PRIVATE}:pull`], grant: 'basic', subject: TOKEN_USER, account: TOKEN_USER, status: 200 }),
    ]);
    const served = registryLog()
      .slice(logMark)
      .split('\n')
      .filter((l) => /"GET \/v2\/private\/busybox\/(manifests|blobs)\/\S+ HTTP\/1\.1" 200 /.test(l));
    expect(served.length).toBeGreaterThanOrEqual(2 + image.layers.length);

    const pushedRef = `${reg.host}/pushed/bb:1`;
    expect((await berth(store, docker, ['tag', ref, pushedRef])).code).toBe(0);
    mark = issuer.requests.length;
    const pushed = await berth(store, docker, ['push', pushedRef]);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    const tokens = since(mark);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.status === 200 && t.grant === 'basic')).toBe(true);
    expect(new Set(tokens.map(scopeSet)).size).toBe(tokens.length);
    expect(tokens.some((t) => t.scopes.includes('repository:pushed/bb:pull,push') && t.granted.includes('repository:pushed/bb:pull,push'))).toBe(true);
    expect(await remoteDigest(pushedRef)).toBe(image.digest);
  });
});

describe('expired tokens', () => {
  it('re-authenticates once when the registry rejects a cached token that expired', async () => {
    const client = new RegistryClient({ host: reg.host, credentials: { username: TOKEN_USER, password: TOKEN_PASSWORD } });
    const normal = issuer.lifetime;
    // The registry allows DISTRIBUTION_LEEWAY_S past exp: this token is good for about 5 s more.
    // expires_in 1 is below the client's 60 s floor, so the client keeps using it after that.
    issuer.lifetime = { expiresIn: 1, exp: 5 - DISTRIBUTION_LEEWAY_S };
    const mark = issuer.requests.length;
    try {
      expect((await getManifest(client, target(PRIVATE))).digest).toBe(image.digest);
      issuer.lifetime = normal;
      expect((await getManifest(client, target(PRIVATE))).digest).toBe(image.digest);
      expect(since(mark)).toHaveLength(1); // cached
      const first = since(mark)[0] as IssuerRequest;

      await sleep(((first.exp as number) + DISTRIBUTION_LEEWAY_S + 1) * 1000 - Date.now());
      const logMark = registryLog().length;
      // Several requests at once meet the stale token: still one new token between them.
      const results = await Promise.all([
        getManifest(client, target(PRIVATE)),
        ...image.layers.map((l) => fetchBlobBytes(client, PRIVATE, { digest: l.digest, size: l.size })),
      ]);
      expect(results[0]).toMatchObject({ digest: image.digest });
      expect(registryLog().slice(logMark)).toContain('token not to be used after');
      const all = since(mark);
      expect(all).toHaveLength(2);
      expect(all.map(scopeSet)).toEqual([scopeSet(first), scopeSet(first)]);
      expect(all[1]).toMatchObject({ status: 200, grant: 'basic', granted: [`repository:${PRIVATE}:pull`] });
    } finally {
      issuer.lifetime = normal;
      await client.close();
    }
  });
});

describe('refresh tokens', () => {
  it('berth login stores the identity token the issuer handed out, and a later pull redeems it', async () => {
    const docker = await freshDir('docker');
    const store = await freshDir('store');
    let mark = issuer.requests.length;
    const login = await berth(store, docker, ['login', '-u', TOKEN_USER, '--password-stdin', reg.host], `${TOKEN_PASSWORD}\n`);
    expect(login.code).toBe(0);
    expect(login.stdout).toBe('Login Succeeded\n');
    expect(login.stdout + login.stderr).not.toContain(TOKEN_PASSWORD);
    expect(since(mark)).toEqual([expect.objectContaining({ method: 'GET', grant: 'basic', offline: true, clientId: 'berth', refreshTokenIssued: true, status: 200 })]);

    const text = await readFile(join(docker, 'config.json'), 'utf8');
    expect(text).not.toContain(TOKEN_PASSWORD);
    const entry = (JSON.parse(text) as { auths: Record<string, { auth?: string; identitytoken?: string }> }).auths[reg.host];
    expect(issuer.refreshTokens()).toContain(entry?.identitytoken);
    expect(Buffer.from(entry?.auth ?? '', 'base64').toString()).toBe(`${TOKEN_USER}:`);

    mark = issuer.requests.length;
    const ref = `${reg.host}/${PRIVATE}:${TAG}`;
    const pulled = await berth(store, docker, ['pull', ref]);
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toContain(`Status: Downloaded newer image for ${ref}\n`);
    expect(since(mark)).toEqual([
      expect.objectContaining({ method: 'POST', grant: 'refresh_token', subject: TOKEN_USER, scopes: [`repository:${PRIVATE}:pull`], status: 200 }),
    ]);
  });
});

describe('secrets', () => {
  it('no password, basic credential or refresh token ever appeared in a URL the issuer or the registry saw', () => {
    const secrets = [TOKEN_PASSWORD, encodeURIComponent(TOKEN_PASSWORD), Buffer.from(CREDS).toString('base64'), ...issuer.refreshTokens()];
    expect(issuer.requests.length).toBeGreaterThan(5);
    const urls = issuer.requests.map((r) => r.url).join('\n');
    const log = registryLog();
    expect(log).toContain('GET /v2/');
    for (const s of secrets) {
      expect(urls).not.toContain(s);
      expect(log).not.toContain(s);
    }
  });
});
