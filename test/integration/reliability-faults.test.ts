// Berth against a real registry (and a real token server) through a proxy that
// injects one kind of fault per case: resets, stalls, 5xx, 429 with
// Retry-After, truncated and tampered bodies, lying headers, redirect loops
// and chains, oversized and garbage manifests, a token realm on another host.
// Each case runs a real pull (or tags / remote inspect / push) with a fresh
// store that already holds an unrelated image, and asserts the exact outcome:
// success with the same image a clean pull gives, or a specific error code and
// message. After every case the store passes fsck, the earlier image is still
// there, and no temp file or lease is left. BERTH_SOAK=1 repeats the table
// with more seeds (the seed picks the byte offsets); BERTH_SEED replays one.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { isBerthError } from '../../shared/errors';
import type { Job } from '../../shared/jobs';
import { EventBus } from '../../electron/core/events';
import { createTransfers } from '../../electron/core/pull';
import { RemoteContext } from '../../electron/core/remote';
import { inspectRemoteImage, repositoryTags } from '../../electron/core/remote/browse';
import { RegistryClient, type HostOptions } from '../../electron/core/registry';
import { MAX_MANIFEST_BYTES } from '../../electron/core/registry/manifests';
import { Store } from '../../electron/core/store';
import { addImage, fileLayer } from '../../electron/core/store/testing/build';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../fixtures/fault-proxy';
import { recordFigures } from '../fixtures/figures';
import { buildImageLayout, seedImages, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { startTokenIssuer, TOKEN_PASSWORD, TOKEN_USER, type TokenIssuer } from '../fixtures/token-issuer';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';
import { prng, runSeed, SOAK } from './helpers/reliability';

const BASE_SEED = runSeed();
const SEEDS = SOAK ? [0, 1, 2, 3, 4, 5, 6, 7].map((i) => (BASE_SEED + i) >>> 0) : [BASE_SEED];
/** The client's patience in these tests: Docker's shape, shorter waits. */
const RETRY = { attempts: 3, delayMs: () => 100, maxRetryAfterMs: 5_000 };
/** How long a client waits for an answer in the cases that stall one; the others wait as long as a loaded machine may need. */
const IDLE_MS = 1_000;
const PATIENT_IDLE_MS = 10_000;
const PRIVATE = 'private/busybox';
const TAG = '1.35-amd64';

let reg: RegistryHandle;
let tokenReg: RegistryHandle;
let issuer: TokenIssuer;
let home: TempDir;
let seeded: SeededImages;

/** What the test image is, read from the registry. */
interface ImageFacts {
  manifestDigest: string;
  manifestSize: number;
  config: { digest: string; size: number };
  layers: { digest: string; size: number }[];
  /** The largest layer: the one cut, stalled and tampered with. */
  big: { digest: string; size: number };
  /** What a clean pull gives. */
  id: string;
  /** Clean answers of the other operations. */
  tags: string[];
  inspect: { digest: string; configDigest: string | undefined; layers: string[] | undefined };
}
let facts: ImageFacts;

const figures = { cases: 0, faultsInjected: 0, recoveredByRetry: 0, refusedWithError: 0, lost: 0, tempFilesLeft: 0 };

/** A remote context whose clients wait less (retries, stalls) than the app's; otherwise the app's own. */
class TestRemote extends RemoteContext {
  idleMs = PATIENT_IDLE_MS;

  override clientFor(host: string, hostOptions: HostOptions): RegistryClient {
    return new RegistryClient({ ...hostOptions, host, credentials: this.credentials.provider(), retry: RETRY, idleTimeoutMs: this.idleMs });
  }
}

beforeAll(async () => {
  issuer = await startTokenIssuer();
  [reg, tokenReg, home] = await Promise.all([startRegistry(), startRegistry({ tokenAuth: issuer.registryAuth }), tempDir('berth-reliability-faults')]);
  seeded = await seedImages(reg);
  const layout = await buildImageLayout(join(home.path, 'layout'));
  await runOk('skopeo', [
    '--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', '--dest-creds', `${TOKEN_USER}:${TOKEN_PASSWORD}`,
    `oci:${layout.dir}:${TAG}`, `docker://${tokenReg.host}/${PRIVATE}:${TAG}`,
  ]);
  facts = await cleanFacts();
}, 120_000);

afterAll(async () => {
  if (figures.cases > 0) recordFigures('faults', figures);
  await reg?.stop();
  await tokenReg?.stop();
  await issuer?.stop();
  await home?.remove();
});

/** The image's facts from the registry, and what clean runs of each operation through a fault-free proxy give. */
async function cleanFacts(): Promise<ImageFacts> {
  const res = await fetch(`${reg.url}/v2/busybox/manifests/${TAG}`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const m = JSON.parse(bytes.toString('utf8')) as { config: { digest: string; size: number }; layers: { digest: string; size: number }[] };
  const layers = m.layers.map((l) => ({ digest: l.digest, size: l.size }));
  const big = [...layers].sort((a, b) => b.size - a.size)[0]!;
  expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(seeded.images['busybox:1.35-amd64'].digest);
  const run = await runCase({ name: 'clean', rules: () => [], expect: { ok: true } }, 0, { record: false });
  const env = await caseEnv('plain', []);
  try {
    const tags = (await repositoryTags(env.remote, `${env.proxy.host}/busybox`)).tags;
    const info = await inspectRemoteImage(env.remote, { ref: `${env.proxy.host}/busybox:${TAG}` });
    return {
      manifestDigest: seeded.images['busybox:1.35-amd64'].digest,
      manifestSize: bytes.length,
      config: { digest: m.config.digest, size: m.config.size },
      layers,
      big,
      id: run.imageId!,
      tags,
      inspect: { digest: info.digest, configDigest: info.image?.configDigest, layers: info.image?.layers.map((l) => l.digest) },
    };
  } finally {
    await env.close();
  }
}

// ---------------------------------------------------------------- the table

type Op = 'pull' | 'tags' | 'inspect' | 'push';

/** What a case may use to build its rules and expectations. */
interface Ctx {
  rand: () => number;
  /** A random offset inside a body of `size` bytes (never 0, never the end). */
  offset: (size: number) => number;
  f: ImageFacts;
  proxy: FaultProxy;
  /** The reference as the case uses it (through the proxy). */
  ref: string;
}

interface Case {
  name: string;
  op?: Op;
  /** 'token': the registry that wants bearer tokens, with credentials in DOCKER_CONFIG. */
  registry?: 'plain' | 'token';
  /** Default: the proxy's host credentials for 'token', none for 'plain'. */
  anonymous?: boolean;
  rules: (c: Omit<Ctx, 'proxy' | 'ref'>) => FaultRule[];
  expect: { ok: true } | { code: ErrorCode; message: string | RegExp | ((c: Ctx) => string) };
  /** More assertions on what went over the wire. */
  check?: (c: Ctx) => void;
}

const digestPath = (d: string): RegExp => new RegExp(`/blobs/${d}$`);
const manifestUrl = (c: Ctx, repo = 'busybox'): string => `http://${c.proxy.host}/v2/${repo}/manifests/${TAG}`;
const requestsTo = (c: Ctx, re: RegExp) => c.proxy.requests.filter((r) => r.listener === 'registry' && re.test(r.url.split('?')[0]!));
const TOOMANY = 'toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading';
const fiveMiBManifest = (): Buffer =>
  Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', annotations: { pad: 'x'.repeat(5 * 1024 * 1024) } }));

const CASES: Case[] = [
  // -- connection trouble: recovered by resume or retry
  {
    name: 'reset mid-layer resumes with Range',
    rules: ({ f, offset }) => [{ path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'reset', afterBytes: offset(f.big.size) } }],
    expect: { ok: true },
    check: (c) => {
      const gets = requestsTo(c, digestPath(c.f.big.digest));
      expect(gets).toHaveLength(2);
      expect(gets[1]!.status).toBe(206);
    },
  },
  {
    name: 'reset mid-manifest is fetched again',
    rules: ({ f, offset }) => [{ path: 'manifest', method: 'GET', times: 1, fault: { kind: 'reset', afterBytes: offset(f.manifestSize) } }],
    expect: { ok: true },
  },
  {
    name: 'reset mid-config resumes',
    rules: ({ f, offset }) => [{ path: digestPath(f.config.digest), method: 'GET', times: 1, fault: { kind: 'reset', afterBytes: offset(f.config.size) } }],
    expect: { ok: true },
  },
  {
    name: 'truncated layer (right Content-Length, early close) resumes',
    rules: ({ f, offset }) => [{ path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'truncate', afterBytes: offset(f.big.size) } }],
    expect: { ok: true },
    check: (c) => expect(requestsTo(c, digestPath(c.f.big.digest)).map((r) => r.range !== undefined)).toEqual([false, true]),
  },
  {
    name: 'truncated manifest is fetched again',
    rules: ({ f, offset }) => [{ path: 'manifest', method: 'GET', times: 1, fault: { kind: 'truncate', afterBytes: offset(f.manifestSize) } }],
    expect: { ok: true },
  },
  {
    name: 'manifest head stalls past the read timeout, then the retry succeeds',
    rules: () => [{ path: 'manifest', method: 'GET', times: 1, fault: { kind: 'stall', ms: 3 * IDLE_MS } }],
    expect: { ok: true },
  },
  {
    name: 'layer stalls mid-body until the client gives up, then resumes',
    rules: ({ f, offset }) => [{ path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'stall', ms: 'forever', afterBytes: offset(f.big.size) } }],
    expect: { ok: true },
    check: (c) => expect(requestsTo(c, digestPath(c.f.big.digest))[1]?.range).toMatch(/^bytes=\d+-$/),
  },
  {
    name: 'layer never answers: the read timeout ends each attempt, then the pull fails',
    rules: ({ f }) => [{ path: digestPath(f.big.digest), method: 'GET', fault: { kind: 'stall', ms: 'forever' } }],
    expect: { code: 'NETWORK', message: (c) => `Get "http://${c.proxy.host}/v2/busybox/blobs/${c.f.big.digest}": net/http: timeout awaiting response headers` },
    check: (c) => expect(requestsTo(c, digestPath(c.f.big.digest))).toHaveLength(RETRY.attempts),
  },
  // -- server errors and rate limits
  {
    name: '503 on the manifest once is retried',
    rules: () => [{ path: 'manifest', method: 'GET', times: 1, fault: { kind: 'status', status: 503 } }],
    expect: { ok: true },
  },
  {
    name: '500 on the config and 502 on a layer once are retried',
    rules: ({ f }) => [
      { path: digestPath(f.config.digest), method: 'GET', times: 1, fault: { kind: 'status', status: 500 } },
      { path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'status', status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' } },
    ],
    expect: { ok: true },
  },
  {
    name: '503 on the manifest every time fails after the attempts',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'status', status: 503 } }],
    expect: { code: 'NETWORK', message: (c) => `unexpected status from GET request to ${manifestUrl(c)}: 503 Service Unavailable` },
    check: (c) => expect(requestsTo(c, /\/manifests\//)).toHaveLength(RETRY.attempts),
  },
  {
    name: '429 with Retry-After: 1 on a layer waits that long, then succeeds',
    rules: ({ f }) => [{ path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'status', status: 429, retryAfter: '1' } }],
    expect: { ok: true },
    check: (c) => {
      const [limited, next] = requestsTo(c, digestPath(c.f.big.digest));
      expect(limited?.status).toBe(429);
      expect(next!.at - limited!.at).toBeGreaterThanOrEqual(950);
    },
  },
  {
    name: '429 asking for an hour is refused at once with Docker\'s toomanyrequests',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'status', status: 429, retryAfter: '3600' } }],
    expect: { code: 'NETWORK', message: TOOMANY },
    check: (c) => expect(requestsTo(c, /\/manifests\//)).toHaveLength(1),
  },
  {
    name: '502 with a garbage body on the manifest every time names the status',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'status', status: 502, body: '{"errors": [oops', contentType: 'application/json' } }],
    expect: { code: 'NETWORK', message: (c) => `unexpected status from GET request to ${manifestUrl(c)}: 502 Bad Gateway` },
  },
  {
    name: '404 with an HTML body on the manifest is "not found"',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'status', status: 404, body: '<html><h1>Not Found</h1></html>', contentType: 'text/html' } }],
    expect: { code: 'NOT_FOUND', message: (c) => `manifest for ${c.ref} not found: manifest unknown` },
    check: (c) => expect(requestsTo(c, /\/manifests\//)).toHaveLength(1),
  },
  // -- tampered bodies and lying headers
  {
    name: 'flipped byte in a layer is refused',
    rules: ({ f, offset }) => [{ path: digestPath(f.big.digest), method: 'GET', fault: { kind: 'flip', at: offset(f.big.size) } }],
    expect: { code: 'DIGEST_MISMATCH', message: (c) => `filesystem layer verification failed for digest ${c.f.big.digest}` },
  },
  {
    name: 'flipped byte in the manifest is refused',
    rules: ({ f, offset }) => [{ path: 'manifest', method: 'GET', fault: { kind: 'flip', at: offset(f.manifestSize) } }],
    expect: { code: 'DIGEST_MISMATCH', message: (c) => `manifest verification failed for digest ${c.f.manifestDigest}` },
  },
  {
    name: 'flipped byte in the config is refused with Docker\'s config wording',
    rules: ({ f, offset }) => [{ path: digestPath(f.config.digest), method: 'GET', fault: { kind: 'flip', at: offset(f.config.size) } }],
    expect: { code: 'DIGEST_MISMATCH', message: (c) => `image config verification failed for digest ${c.f.config.digest}` },
  },
  {
    name: 'Content-Length longer than the layer: every byte arrived, the digest decides',
    rules: ({ f }) => [{ path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'contentLength', delta: 1000 } }],
    expect: { ok: true },
  },
  {
    name: 'Content-Length shorter than the layer: the rest is fetched with Range',
    rules: ({ f }) => [{ path: digestPath(f.big.digest), method: 'GET', times: 1, fault: { kind: 'contentLength', delta: -1000 } }],
    expect: { ok: true },
    check: (c) => expect(requestsTo(c, digestPath(c.f.big.digest))[1]?.range).toBe(`bytes=${c.f.big.size - 1000}-`),
  },
  {
    name: 'Content-Length longer than the manifest once: fetched again',
    rules: () => [{ path: 'manifest', method: 'GET', times: 1, fault: { kind: 'contentLength', delta: 100 } }],
    expect: { ok: true },
  },
  {
    name: 'Content-Length shorter than the manifest: the body fails its digest',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'contentLength', delta: -100 } }],
    expect: { code: 'DIGEST_MISMATCH', message: (c) => `manifest verification failed for digest ${c.f.manifestDigest}` },
  },
  {
    name: 'wrong Docker-Content-Digest on the manifest is refused',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'digestHeader', digest: `sha256:${'0'.repeat(64)}` } }],
    expect: { code: 'DIGEST_MISMATCH', message: `manifest verification failed for digest sha256:${'0'.repeat(64)}` },
  },
  // -- redirects
  {
    name: 'redirect loop on a layer stops after 10 hops, without retrying the loop',
    rules: ({ f }) => [{ path: digestPath(f.big.digest), method: 'GET', fault: { kind: 'redirectLoop' } }],
    expect: { code: 'NETWORK', message: (c) => `Get "http://${c.proxy.host}/v2/busybox/blobs/${c.f.big.digest}": stopped after 10 redirects` },
    check: (c) => expect(requestsTo(c, digestPath(c.f.big.digest))).toHaveLength(11),
  },
  {
    name: 'every blob behind a chain of 3 redirects on the same host',
    rules: () => [{ path: 'blob', method: 'GET', fault: { kind: 'redirectChain', hops: 3 } }],
    expect: { ok: true },
    check: (c) => expect(c.proxy.requests.filter((r) => r.url.startsWith('/_hop/')).length).toBe(3 * (c.f.layers.length + 1)),
  },
  // -- oversized and garbage manifests
  {
    name: 'manifest over the 4 MiB cap (Content-Length) is refused before reading',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'body', body: fiveMiBManifest } }],
    expect: { code: 'UNSUPPORTED', message: (c) => `rejecting ${fiveMiBManifest().length} > ${MAX_MANIFEST_BYTES} byte manifest for ${c.ref}` },
  },
  {
    name: 'manifest over the cap without Content-Length is cut off at the cap',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'body', body: fiveMiBManifest, chunked: true } }],
    expect: { code: 'UNSUPPORTED', message: (c) => `rejecting more than ${MAX_MANIFEST_BYTES} byte manifest for ${c.ref}` },
  },
  {
    name: 'garbage manifest (not JSON, matching digest header)',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'body', body: '\u0000{{garbage' } }],
    expect: { code: 'CORRUPT', message: (c) => `invalid manifest for ${c.ref}: not JSON` },
  },
  {
    name: 'manifest JSON of the wrong shape (a digest that is a path, layers not a list)',
    rules: () => [
      {
        path: 'manifest',
        method: 'GET',
        fault: { kind: 'body', body: JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:../../../etc/passwd', size: 1 }, layers: 7 }) },
      },
    ],
    expect: { code: 'CORRUPT', message: (c) => `invalid manifest for ${c.ref}: config has an invalid digest` },
  },
  {
    name: 'manifest that is JSON null',
    rules: () => [{ path: 'manifest', method: 'GET', fault: { kind: 'body', body: 'null' } }],
    expect: { code: 'CORRUPT', message: (c) => `invalid manifest for ${c.ref}: not a JSON object` },
  },
  // -- tags and remote inspect
  {
    name: 'tags: reset mid-body is fetched again',
    op: 'tags',
    rules: () => [{ path: 'tags', method: 'GET', times: 1, fault: { kind: 'reset', afterBytes: 20 } }],
    expect: { ok: true },
  },
  {
    name: 'tags: garbage JSON',
    op: 'tags',
    rules: () => [{ path: 'tags', method: 'GET', fault: { kind: 'body', body: '{"name":"busybox","tags":[' } }],
    expect: { code: 'CORRUPT', message: 'invalid tags list response: not JSON' },
  },
  {
    name: 'inspect: 503 on the config once is retried',
    op: 'inspect',
    rules: ({ f }) => [{ path: digestPath(f.config.digest), method: 'GET', times: 1, fault: { kind: 'status', status: 503 } }],
    expect: { ok: true },
  },
  {
    name: 'inspect: flipped config byte is refused',
    op: 'inspect',
    rules: ({ f, offset }) => [{ path: digestPath(f.config.digest), method: 'GET', fault: { kind: 'flip', at: offset(f.config.size) } }],
    expect: { code: 'DIGEST_MISMATCH', message: (c) => `image config verification failed for digest ${c.f.config.digest}` },
  },
  // -- push
  {
    name: 'push: 503 on the manifest PUT once is retried',
    op: 'push',
    rules: () => [{ path: 'manifest', method: 'PUT', times: 1, fault: { kind: 'status', status: 503 } }],
    expect: { ok: true },
  },
  {
    name: 'push: a blob upload PUT that is never answered times out and the blob push is retried',
    op: 'push',
    rules: () => [{ path: 'upload', method: 'PUT', times: 1, fault: { kind: 'stall', ms: 'forever' } }],
    expect: { ok: true },
    check: (c) => expect(c.proxy.requests.filter((r) => r.method === 'PUT' && r.url.includes('/blobs/uploads/')).length).toBeGreaterThan(2),
  },
  {
    name: 'push: 429 asking for an hour on upload start',
    op: 'push',
    rules: () => [{ path: 'upload', method: 'POST', fault: { kind: 'status', status: 429, retryAfter: '3600' } }],
    expect: { code: 'NETWORK', message: TOOMANY },
  },
  // -- bearer tokens from a realm on another host
  {
    name: 'token realm on another host: credentials go only there, the token only to the registry',
    registry: 'token',
    rules: () => [{ path: 'any', fault: { kind: 'realmElsewhere' } }],
    expect: { ok: true },
    check: (c) => {
      const auth = c.proxy.requests.filter((r) => r.listener === 'auth');
      const registry = c.proxy.requests.filter((r) => r.listener === 'registry');
      expect(auth.length).toBeGreaterThan(0);
      expect(auth.every((r) => r.authorization === 'basic' && r.basicUser === TOKEN_USER)).toBe(true);
      expect(registry.map((r) => r.authorization).filter((a) => a !== 'bearer' && a !== 'none')).toEqual([]);
      expect(registry.filter((r) => r.authorization === 'bearer').length).toBeGreaterThan(0);
      expect(issuer.requests.length).toBeGreaterThan(0);
    },
  },
  {
    name: 'token realm elsewhere and blobs redirected to a third host: no Authorization follows the redirect',
    registry: 'token',
    rules: () => [
      { path: 'any', fault: { kind: 'realmElsewhere' } },
      { path: 'blob', method: 'GET', fault: { kind: 'redirectChain', hops: 2, otherHost: true } },
    ],
    expect: { ok: true },
    check: (c) => {
      const other = c.proxy.requests.filter((r) => r.listener === 'other');
      expect(other).toHaveLength(c.f.layers.length + 1);
      expect(other.every((r) => r.authorization === 'none')).toBe(true);
      expect(c.proxy.requests.filter((r) => r.listener === 'auth').every((r) => r.authorization === 'basic')).toBe(true);
    },
  },
  {
    name: 'token server 503 once is retried',
    registry: 'token',
    rules: () => [{ path: 'any', fault: { kind: 'realmElsewhere' } }, { path: 'token', times: 1, fault: { kind: 'status', status: 503 } }],
    expect: { ok: true },
  },
  {
    name: 'token server reset mid-body once is retried',
    registry: 'token',
    rules: () => [{ path: 'any', fault: { kind: 'realmElsewhere' } }, { path: 'token', times: 1, fault: { kind: 'reset', afterBytes: 10 } }],
    expect: { ok: true },
  },
  {
    name: 'token server answers garbage JSON',
    registry: 'token',
    rules: () => [{ path: 'any', fault: { kind: 'realmElsewhere' } }, { path: 'token', fault: { kind: 'body', body: '<html>login</html>' } }],
    expect: { code: 'AUTH_REQUIRED', message: 'unable to decode token response' },
  },
  {
    name: 'no credentials for a private repository behind a realm elsewhere',
    registry: 'token',
    anonymous: true,
    rules: () => [{ path: 'any', fault: { kind: 'realmElsewhere' } }],
    expect: {
      code: 'AUTH_REQUIRED',
      message: (c) => `pull access denied for ${c.proxy.host}/${PRIVATE}, repository does not exist or may require 'docker login': unauthorized: authentication required`,
    },
    check: (c) => expect(c.proxy.requests.some((r) => r.authorization === 'basic')).toBe(false),
  },
];

// ---------------------------------------------------------------- running a case

interface CaseEnv {
  proxy: FaultProxy;
  remote: TestRemote;
  close(): Promise<void>;
}

let envs = 0;
async function caseEnv(kind: 'plain' | 'token', rules: FaultRule[], anonymous = false): Promise<CaseEnv> {
  const dir = join(home.path, `env-${++envs}`);
  await mkdir(join(dir, 'docker'), { recursive: true });
  const target = kind === 'token' ? tokenReg : reg;
  const proxy = await startFaultProxy({ target: target.url, ...(kind === 'token' ? { auth: issuer.url } : {}), rules });
  const auths = kind === 'token' && !anonymous ? { [proxy.host]: { auth: Buffer.from(`${TOKEN_USER}:${TOKEN_PASSWORD}`).toString('base64') } } : {};
  await writeFile(join(dir, 'docker', 'config.json'), JSON.stringify({ auths }));
  const remote = new TestRemote({ env: { ...process.env, DOCKER_CONFIG: join(dir, 'docker'), BERTH_CONFIG_DIR: join(dir, 'config') }, settingsFile: join(dir, 'settings.json') });
  // A slow answer where no fault stalls one would otherwise count as a retry the case did not ask for.
  if (rules.some((r) => r.fault.kind === 'stall')) remote.idleMs = IDLE_MS;
  return { proxy, remote, close: () => proxy.close() };
}

interface Outcome {
  ok: boolean;
  error?: { code: string; message: string };
  imageId?: string;
  /** What a push should have put in the registry. */
  pushed?: { tag: string; digest: string };
}

let stores = 0;
async function runCase(c: Case, seed: number, opts: { record?: boolean } = {}): Promise<Outcome> {
  const rand = prng(seed ^ hash(c.name));
  const offset = (size: number): number => 1 + Math.floor(rand() * Math.max(1, size - 2));
  const kind = c.registry ?? 'plain';
  const rules = c.rules({ rand, offset, f: facts });
  const env = await caseEnv(kind, rules, c.anonymous);
  const storeDir = join(home.path, `store-${++stores}`);
  const store = await Store.open(storeDir);
  const precious = await addImage(store, { layers: [await fileLayer('precious', `kept ${stores}`)], tag: `precious:${stores}` });
  const bus = new EventBus();
  const transfers = createTransfers(store, bus, { remote: env.remote });
  const repo = kind === 'token' ? PRIVATE : 'busybox';
  const ref = `${env.proxy.host}/${repo}:${TAG}`;
  const ctx: Ctx = { rand, offset, f: facts, proxy: env.proxy, ref };
  let outcome: Outcome;
  try {
    outcome = await operate(c.op ?? 'pull', { transfers, store, env, ref, precious: `precious:${stores}` });
    if ('code' in c.expect) {
      const message = typeof c.expect.message === 'function' ? c.expect.message(ctx) : c.expect.message;
      expect(outcome.error?.code).toBe(c.expect.code);
      if (typeof message === 'string') expect(outcome.error?.message).toBe(message);
      else expect(outcome.error?.message).toMatch(message);
    } else {
      expect(outcome.error).toBeUndefined();
      await expectSameAsClean(c.op ?? 'pull', outcome, store, ref);
    }
    c.check?.(ctx);
    // The store: nothing lost, nothing half-written, nothing held.
    const snap = await store.snapshot();
    const kept = snap.byTag.get(`docker.io/library/precious:${stores}`)?.id ?? snap.byTag.get(`precious:${stores}`)?.id;
    if (kept !== precious.id) figures.lost++;
    expect(kept).toBe(precious.id);
    if ((c.op ?? 'pull') === 'pull' && !outcome.ok) expect(snap.byTag.get(ref)).toBeUndefined();
    const left = await leftovers(storeDir);
    figures.tempFilesLeft += left.length;
    expect(left).toEqual([]);
    const report = await store.fsck();
    expect(report).toMatchObject({ ok: true, problems: [] });
  } finally {
    await transfers.close();
    store.close();
    await env.close();
  }
  if (opts.record !== false) {
    figures.cases++;
    figures.faultsInjected += env.proxy.injected.length;
    if (outcome.ok && env.proxy.injected.some((f) => f.kind !== 'realmElsewhere')) figures.recoveredByRetry++;
    if (!outcome.ok) figures.refusedWithError++;
  }
  return outcome;
}

interface OpEnv {
  transfers: ReturnType<typeof createTransfers>;
  store: Store;
  env: CaseEnv;
  ref: string;
  precious: string;
}

async function operate(op: Op, o: OpEnv): Promise<Outcome> {
  try {
    switch (op) {
      case 'pull': {
        const job = await runJob(o.transfers, 'images.pull', o.ref);
        return job.state === 'succeeded' ? { ok: true, imageId: job.result?.imageIds[0] } : { ok: false, error: job.error ?? { code: job.state, message: '' } };
      }
      case 'push': {
        const target = `${o.env.proxy.host}/pushed/precious:${stores}`;
        const snap = await o.store.snapshot();
        const img = snap.byTag.get(`docker.io/library/${o.precious}`) ?? snap.byTag.get(o.precious);
        await o.store.update((tx) => tx.setTag(target, img!.descriptors[0]!));
        const job = await runJob(o.transfers, 'images.push', target);
        if (job.state !== 'succeeded') return { ok: false, error: job.error ?? { code: job.state, message: '' } };
        return { ok: true, pushed: { tag: String(stores), digest: img!.descriptors[0]!.digest } };
      }
      case 'tags':
        await repositoryTags(o.env.remote, `${o.env.proxy.host}/busybox`).then((r) => expect(r.tags).toEqual(facts.tags));
        return { ok: true };
      case 'inspect': {
        const info = await inspectRemoteImage(o.env.remote, { ref: o.ref });
        expect({ digest: info.digest, configDigest: info.image?.configDigest, layers: info.image?.layers.map((l) => l.digest) }).toEqual(facts.inspect);
        return { ok: true };
      }
    }
  } catch (e) {
    if (isBerthError(e)) return { ok: false, error: { code: e.code, message: e.message } };
    throw e;
  }
}

async function runJob(transfers: OpEnv['transfers'], method: 'images.pull' | 'images.push', ref: string): Promise<Job> {
  const handler = transfers.handlers[method] as (input: { source: 'embedded'; ref: string; allTags: boolean }) => Promise<{ jobId: string }>;
  const { jobId } = await handler({ source: 'embedded', ref, allTags: false });
  return transfers.runner.wait(jobId);
}

/** A successful pull gives the clean pull's image, every blob byte-correct; a push lands the same manifest. */
async function expectSameAsClean(op: Op, outcome: Outcome, store: Store, ref: string): Promise<void> {
  if (op === 'pull') {
    if (facts) expect(outcome.imageId).toBe(facts.id);
    const snap = await store.snapshot();
    expect(snap.byTag.get(ref)?.id).toBe(outcome.imageId);
    for (const b of facts ? [facts.config, ...facts.layers] : []) {
      const bytes = await readFile(store.blobs.path(b.digest));
      expect({ size: bytes.length, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` }).toEqual(b);
    }
  }
  if (op === 'push') {
    const { tag, digest } = outcome.pushed!;
    const res = await fetch(`${reg.url}/v2/pushed/precious/manifests/${tag}`, { method: 'HEAD', headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(res.headers.get('docker-content-digest')).toBe(digest);
  }
}

async function leftovers(storeDir: string): Promise<string[]> {
  const list = async (d: string) => (await readdir(join(storeDir, d)).catch(() => [] as string[])).map((f) => `${d}/${f}`);
  const strays = (await list('blobs/sha256')).filter((f) => !/\/[a-f0-9]{64}$/.test(f));
  return [...(await list('berth/tmp')), ...(await list('berth/leases')), ...strays];
}

function hash(s: string): number {
  return createHash('sha256').update(s).digest().readUInt32LE(0);
}

// ---------------------------------------------------------------- the tests

describe.each(SEEDS)('fault table, seed %i', (seed) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await runCase(c, seed);
  });
});
