// Pull jobs on the real core through a real misbehaving proxy in front of a
// real registry: shared blobs fetched once by concurrent pulls, a cut
// connection resumed with Range, a flipped byte refused with nothing stored,
// a layer that is not its config's diffID refused, a cancelled pull leaving
// nothing behind. The proxy counts every request.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs';
import { createCore, type Core } from '../../electron/core/service';
import { Store } from '../../electron/core/store';
import { sha256, tarOf } from '../../electron/core/store/testing/build';
import { startFaultProxy, type FaultProxy, type FaultRule } from '../fixtures/fault-proxy';
import { seedImages, type SeededImage, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { runOk, tempDir, waitFor, type TempDir } from '../fixtures/tools';

let reg: RegistryHandle;
let seeded: SeededImages;
let home: TempDir;
let proxy: FaultProxy | undefined;
let core: Core | undefined;
let storeDir: string;
let n = 0;

beforeAll(async () => {
  [reg, home] = await Promise.all([startRegistry(), tempDir('berth-pull-faults')]);
  seeded = await seedImages(reg);
});

afterAll(async () => {
  await reg?.stop();
  await home?.remove();
});

beforeEach(async () => {
  await core?.close();
  await proxy?.close();
  core = undefined;
  proxy = undefined;
  storeDir = join(home.path, `store-${++n}`);
});

async function open(rules: FaultRule[] = []): Promise<{ core: Core; proxy: FaultProxy }> {
  proxy = await startFaultProxy({ target: reg.url, rules });
  core = await createCore({ storePath: storeDir, host: 'browser' });
  return { core, proxy };
}

/** Starts a pull through the contract and resolves with its final snapshot and every update seen. */
async function pull(c: Core, ref: string, onUpdate?: (job: Job) => void): Promise<{ job: Job; updates: Job[] }> {
  const updates: Job[] = [];
  const started: { id?: string } = {};
  let finish: (j: Job) => void = () => {};
  const done = new Promise<Job>((r) => (finish = r));
  const off = c.bus.on('job.updated', (job) => {
    updates.push(job);
    if (started.id !== undefined && job.id !== started.id) return;
    onUpdate?.(job);
    if (['succeeded', 'failed', 'cancelled'].includes(job.state) && job.id === started.id) finish(job);
  });
  const r = await c.dispatch('images.pull', { ref });
  if (!r.ok) throw new Error(r.error.message);
  const id = (started.id = (r.value as { jobId: string }).jobId);
  const already = updates.find((j) => j.id === id && ['succeeded', 'failed', 'cancelled'].includes(j.state));
  if (already) finish(already);
  const job = await done;
  off();
  return { job, updates: updates.filter((j) => j.id === id) };
}

const img = (name: keyof SeededImages['images']): SeededImage => seeded.images[name];
const blobGets = (p: FaultProxy) => p.requests.filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.url));

async function listImages(c: Core): Promise<string[]> {
  const r = await c.dispatch('images.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { rows: { id: string }[] }).rows.map((i) => i.id);
}

async function leftovers(): Promise<{ tmp: string[]; leases: string[] }> {
  const list = (d: string) => readdir(join(storeDir, 'berth', d)).catch(() => [] as string[]);
  return { tmp: await list('tmp'), leases: await list('leases') };
}

/** An OCI layout of one image with these gzip layers, its config claiming each one's `diffID`. */
async function writeLayout(dir: string, layers: ReadonlyArray<{ blob: Buffer; diffID: string }>): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    await writeFile(join(dir, 'blobs', 'sha256', sha256(b).slice(7)), b);
    return { digest: sha256(b), size: b.length };
  };
  const diff_ids = layers.map((l) => l.diffID);
  const config = await put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids }, config: {} })));
  const descriptors = [];
  for (const l of layers) descriptors.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...(await put(l.blob)) });
  const manifest = await put(
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers: descriptors })),
  );
  const ref = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'x' } };
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [ref] }));
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
}

/** Pushes an image of these layers (tars, gzipped here) to the registry as `name`; returns each layer's blob digest. */
async function pushImage(name: string, tars: readonly Buffer[]): Promise<string[]> {
  const layout = join(home.path, name.replace(/[/:]/g, '_'));
  const layers = tars.map((t) => ({ blob: gzipSync(t, { level: 1 }), diffID: sha256(t) }));
  await writeLayout(layout, layers);
  await runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', `oci:${layout}:x`, `docker://${reg.host}/${name}`]);
  return layers.map((l) => sha256(l.blob));
}

async function fsckOk(c: Core): Promise<void> {
  const r = await c.dispatch('store.fsck', {});
  expect(r.ok && (r.value as { ok: boolean; problems: unknown[] })).toMatchObject({ ok: true, problems: [] });
}

/** Puts blobs of repo in the store first, straight from the registry, so the pull asks the proxy only for the others. */
async function preload(repo: string, digests: string[]): Promise<void> {
  const store = await Store.open(storeDir);
  try {
    for (const digest of digests) {
      const res = await fetch(`${reg.url}/v2/${repo}/blobs/${digest}`);
      await store.ingest(Buffer.from(await res.arrayBuffer()), { expected: { digest } });
    }
  } finally {
    store.close();
  }
}

describe('pull jobs against a faulty proxy', () => {
  it('fetches each blob once when two overlapping pulls run at the same time', async () => {
    const { core: c, proxy: p } = await open();
    const [a, b] = await Promise.all([pull(c, `${p.host}/busybox:1.35-amd64`), pull(c, `${p.host}/busybox:1.35-arm64`)]);
    expect([a.job.state, b.job.state]).toEqual(['succeeded', 'succeeded']);
    const wanted = new Set([...img('busybox:1.35-amd64').layers, ...img('busybox:1.35-arm64').layers].map((l) => l.digest));
    const fetched = blobGets(p).map((r) => r.url.split('/blobs/')[1]!);
    const layerFetches = fetched.filter((d) => wanted.has(d));
    expect(layerFetches.sort()).toEqual([...wanted].sort());
    expect((await listImages(c)).sort()).toEqual([img('busybox:1.35-amd64').configDigest, img('busybox:1.35-arm64').configDigest].sort());
    await fsckOk(c);
  });

  it('fetches a shared layer once when the other pull stored it after this pull found it missing', async () => {
    // B checks its layers in order: S is missing (A's fetch of it is held at the proxy), then B
    // measures P, a large blob already here but no image's. A's fetch is let go as B moves on
    // to P, so it has ended, and left nothing in flight to join, by the time B asks for S.
    const shared = await tarOf([{ name: 'etc/shared', content: 'shared\n'.repeat(20_000) }]);
    const [s] = await pushImage('race/a:1', [shared]);
    const [, present] = await pushImage('race/b:1', [shared, await tarOf([{ name: 'big', content: randomBytes(48 << 20) }])]);
    await preload('race/b', [present!]);
    let release = (): void => {};
    const held = new Promise<void>((r) => (release = r));
    const { core: c, proxy: p } = await open([{ path: new RegExp(`/blobs/${s}$`), times: 1, fault: { kind: 'stall', ms: held } }]);
    const a = pull(c, `${p.host}/race/a:1`);
    await waitFor("A's request for S", async () => blobGets(p).some((r) => r.url.endsWith(s!)), { timeoutMs: 20_000 });
    const b = pull(c, `${p.host}/race/b:1`, (job) => {
      if (job.layers.some((l) => l.digest === s && l.phase === 'Pulling fs layer')) release();
    });
    const [ra, rb] = await Promise.all([a, b]);
    expect([ra.job.state, rb.job.state]).toEqual(['succeeded', 'succeeded']);
    expect(blobGets(p).filter((r) => r.url.endsWith(s!))).toHaveLength(1);
    expect(blobGets(p).filter((r) => r.url.endsWith(present!))).toHaveLength(0);
    await fsckOk(c);
  });

  it('resumes a layer cut mid-way with a Range request and stores the right bytes', async () => {
    const image = img('busybox:1.35-amd64');
    // Only the largest layer is left to fetch, so it is the one the proxy cuts.
    const [big, ...rest] = [...image.layers].sort((a, b) => b.size - a.size);
    await preload(image.repo, [image.configDigest!, ...rest.map((l) => l.digest)]);
    const cut = Math.floor(big!.size / 2);
    const { core: c, proxy: p } = await open([{ path: 'blob', method: 'GET', times: 1, fault: { kind: 'reset', afterBytes: cut } }]);
    const { job } = await pull(c, `${p.host}/busybox:1.35-amd64`);
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(p.injected.map((f) => f.kind)).toEqual(['reset']);
    expect(blobGets(p).map((r) => r.url.split('/blobs/')[1])).toEqual([big!.digest, big!.digest]);
    const resumed = blobGets(p).filter((r) => r.range !== undefined);
    expect(resumed).toHaveLength(1);
    // The cut lands after at most `cut` bytes (what the socket had not flushed is lost); the rest comes as a 206.
    const from = Number(/^bytes=(\d+)-$/.exec(resumed[0]!.range!)?.[1]);
    expect(from).toBeGreaterThan(0);
    expect(from).toBeLessThanOrEqual(cut);
    expect(resumed[0]!.status).toBe(206);
    expect(await listImages(c)).toEqual([image.configDigest]);
    await fsckOk(c);
  });

  it('refuses a tampered layer with the digest error and stores nothing', async () => {
    const image = img('busybox:1.35-amd64');
    await preload(image.repo, [image.configDigest!]);
    const { core: c, proxy: p } = await open([{ path: 'blob', method: 'GET', fault: { kind: 'flip', at: 50 } }]);
    const { job } = await pull(c, `${p.host}/busybox:1.35-amd64`);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('DIGEST_MISMATCH');
    const digest = /^filesystem layer verification failed for digest (sha256:[a-f0-9]{64})$/.exec(job.error!.message)?.[1];
    expect(image.layers.map((l) => l.digest)).toContain(digest);
    expect(await listImages(c)).toEqual([]);
    const blobs = await readdir(join(storeDir, 'blobs', 'sha256'));
    expect(blobs).toEqual([image.configDigest!.slice(7)]);
    expect(await leftovers()).toEqual({ tmp: [], leases: [] });
    await fsckOk(c);
  });

  it("refuses a layer whose diffID is not the config's, with Docker's error, and stores nothing", async () => {
    const layout = join(home.path, 'bad-diffid');
    const tar = await tarOf([{ name: 'etc/hello', content: 'hello\n'.repeat(50_000) }]);
    await writeLayout(layout, [{ blob: gzipSync(tar), diffID: sha256(Buffer.from('not this tar')) }]);
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', `oci:${layout}:x`, `docker://${reg.host}/bad/diffid:1`]);
    const { core: c, proxy: p } = await open();
    const { job } = await pull(c, `${p.host}/bad/diffid:1`);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'DIGEST_MISMATCH', message: "layers from manifest don't match image configuration" });
    expect(await listImages(c)).toEqual([]);
    expect(await readdir(join(storeDir, 'blobs', 'sha256'))).toEqual([]);
    expect(await leftovers()).toEqual({ tmp: [], leases: [] });
    await fsckOk(c);
  });

  it('cancels mid-download: no image, no temp files, no leases', async () => {
    const { core: c, proxy: p } = await open();
    let cancelled: Promise<unknown> | undefined;
    const { job, updates } = await pull(c, `${p.host}/busybox:1.35-amd64`, (j) => {
      if (!cancelled && j.layers.some((l) => l.phase === 'Downloading')) cancelled = c.dispatch('jobs.cancel', { id: j.id });
    });
    expect(await cancelled).toEqual({ ok: true, value: { cancelled: true } });
    expect(job.state).toBe('cancelled');
    expect(job.error).toEqual({ code: 'CANCELLED', message: 'context canceled' });
    expect(updates.some((j) => j.layers.some((l) => l.phase === 'Pull complete'))).toBe(false);
    expect(await listImages(c)).toEqual([]);
    expect(await leftovers()).toEqual({ tmp: [], leases: [] });
    await fsckOk(c);
    const listed = await c.dispatch('jobs.list', {});
    expect(listed.ok && (listed.value as Job[]).map((j) => [j.id, j.state])).toEqual([[job.id, 'cancelled']]);
    expect(await c.dispatch('jobs.cancel', { id: job.id })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
