// `berth push` end to end: images pulled from a real registry go to other
// repositories (cross-repo mount), to an empty registry (uploads, chunked
// too), and to an htpasswd registry with credentials from a config.json the
// test writes; skopeo checks what arrived. Expected values come from the
// seeded layout.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs';
import { runCli } from '../../electron/cli/testing/run-cli';
import { EventBus } from '../../electron/core/events';
import { createTransfers } from '../../electron/core/pull';
import { Store } from '../../electron/core/store';
import { seedImages, type SeededImages } from '../fixtures/images';
import { startFaultProxy } from '../fixtures/fault-proxy';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';

const USER = 'pusher';
const PASSWORD = 'pw-2b7e-push';

let reg: RegistryHandle;
let empty: RegistryHandle;
let locked: RegistryHandle;
let seeded: SeededImages;
let home: TempDir;
const saved: Record<string, string | undefined> = {};

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    saved[k] ??= process.env[k];
    process.env[k] = v;
  }
}

beforeAll(async () => {
  [reg, empty, locked, home] = await Promise.all([
    startRegistry(),
    startRegistry(),
    startRegistry({ htpasswd: { user: USER, password: PASSWORD } }),
    tempDir('berth-push-registry'),
  ]);
  seeded = await seedImages(reg);
  await seedImages(locked);
  // The core reads Docker's config and Berth's settings from its process environment.
  setEnv({ DOCKER_CONFIG: join(home.path, 'docker'), BERTH_CONFIG_DIR: join(home.path, 'config') });
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await Promise.all([reg?.stop(), empty?.stop(), locked?.stop()]);
  await home?.remove();
});

let stores = 0;
const freshStore = (): string => join(home.path, `store-${++stores}`);
const berth = (store: string, argv: string[]) => runCli(argv, { env: { BERTH_STORE: store } });
const short = (digest: string): string => digest.slice(7, 19);
const amd64 = () => seeded.images['busybox:1.35-amd64'];

async function remoteDigest(ref: string, creds?: string): Promise<string> {
  const r = await runOk('skopeo', ['inspect', '--tls-verify=false', ...(creds ? ['--creds', creds] : []), `docker://${ref}`]);
  return (JSON.parse(r.stdout) as { Digest: string }).Digest;
}

/** Layer lines per diffID-12hex, and the other lines. */
function byLayer(stdout: string): { layers: Map<string, string[]>; other: string[]; order: string[] } {
  const layers = new Map<string, string[]>();
  const other: string[] = [];
  const order: string[] = [];
  for (const line of stdout.trimEnd().split('\n')) {
    const m = /^([0-9a-f]{12}): (.*)$/.exec(line);
    if (!m) other.push(line);
    else {
      if (!layers.has(m[1]!)) order.push(m[1]!);
      layers.set(m[1]!, [...(layers.get(m[1]!) ?? []), m[2]!]);
    }
  }
  return { layers, other, order };
}

describe('berth push', () => {
  it('mounts layers from the repository they were pulled from, and skopeo sees the same digest', async () => {
    const store = freshStore();
    const src = `${reg.host}/busybox:1.35-amd64`;
    const dst = `${reg.host}/copies/bb:1`;
    expect((await berth(store, ['pull', src])).code).toBe(0);
    expect((await berth(store, ['tag', src, dst])).code).toBe(0);
    const r = await berth(store, ['push', dst]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { layers, other, order } = byLayer(r.stdout);
    // IDs are diffIDs, top layer first, as Docker lists them.
    expect(order).toEqual(amd64().layers.map((l) => short(l.diffId)).reverse());
    for (const lines of layers.values()) expect(lines).toEqual(['Preparing', 'Mounted from busybox']);
    expect(other).toEqual([`The push refers to repository [${reg.host}/copies/bb]`, `1: digest: ${amd64().digest} size: ${amd64().manifestSize}`]);
    expect(await remoteDigest(dst)).toBe(amd64().digest);
    // Pushing again: every layer is there already.
    const again = await berth(store, ['push', dst]);
    expect([...byLayer(again.stdout).layers.values()].every((v) => v.join() === 'Preparing,Layer already exists')).toBe(true);
    const quiet = await berth(store, ['push', '-q', dst]);
    expect(quiet).toEqual({ code: 0, stdout: `${dst}\n`, stderr: '' });
  });

  it('uploads to an empty registry, an index with all its platforms, and says so when only part of an index is here', async () => {
    const store = freshStore();
    const index = seeded.images['busybox:1.35'];
    expect((await berth(store, ['pull', '--platform', 'linux/amd64', `${reg.host}/busybox:1.35`])).code).toBe(0);
    expect((await berth(store, ['tag', `${reg.host}/busybox:1.35`, `${empty.host}/partial:1`])).code).toBe(0);
    const partial = await berth(store, ['push', `${empty.host}/partial:1`]);
    expect(partial.code).toBe(0);
    for (const lines of byLayer(partial.stdout).layers.values()) expect(lines).toEqual(['Preparing', 'Pushed']);
    expect(byLayer(partial.stdout).other.slice(-2)).toEqual([
      'Not all multiplatform-content is present and only the available single-platform image was pushed',
      `1: digest: ${amd64().digest} size: ${amd64().manifestSize}`,
    ]);
    expect(await remoteDigest(`${empty.host}/partial:1`)).toBe(amd64().digest);
    // With the arm64 child here too, the index itself goes.
    expect((await berth(store, ['pull', '--platform', 'linux/arm64', `${reg.host}/busybox:1.35-arm64`])).code).toBe(0);
    expect((await berth(store, ['tag', `${reg.host}/busybox:1.35`, `${empty.host}/full:1`])).code).toBe(0);
    const full = await berth(store, ['push', `${empty.host}/full:1`]);
    expect(full.stdout.trimEnd().split('\n').at(-1)).toBe(`1: digest: ${index.digest} size: ${index.manifestSize}`);
    expect(await remoteDigest(`${empty.host}/full:1`)).toBe(index.digest);
  });

  it("reports a missing image or tag in Docker's words", async () => {
    const store = freshStore();
    const none = await berth(store, ['push', `${reg.host}/nothing:1`]);
    expect(none).toEqual({
      code: 1,
      stdout: `The push refers to repository [${reg.host}/nothing]\n`,
      stderr: `An image does not exist locally with the tag: ${reg.host}/nothing\n`,
    });
    expect((await berth(store, ['pull', '-q', `${reg.host}/busybox:1.35-amd64`])).code).toBe(0);
    const tag = await berth(store, ['push', `${reg.host}/busybox`]);
    expect(tag.stdout).toBe(`Using default tag: latest\nThe push refers to repository [${reg.host}/busybox]\n`);
    expect(tag.stderr).toBe(`tag does not exist: ${reg.host}/busybox:latest\n`);
  });

  it('uploads large blobs in chunks (PATCH with Content-Range) when over the threshold', async () => {
    const storeDir = freshStore();
    expect((await berth(storeDir, ['pull', `${reg.host}/busybox:1.35-amd64`])).code).toBe(0);
    expect((await berth(storeDir, ['tag', `${reg.host}/busybox:1.35-amd64`, `${empty.host}/chunked:1`])).code).toBe(0);
    const proxy = await startFaultProxy({ target: empty.url });
    const store = await Store.open(storeDir);
    const bus = new EventBus();
    const transfers = createTransfers(store, bus, { limits: { chunkedAbove: 64 * 1024, chunkSize: 64 * 1024 } });
    await store.update((tx) => {
      const img = tx.snapshot.byTag.get(`${empty.host}/chunked:1`)!;
      tx.setTag(`${proxy.host}/chunked:1`, img.descriptors[0]!);
    });
    try {
      const finished = new Promise<Job>((resolve) => bus.on('job.updated', (j) => j.state === 'succeeded' || j.state === 'failed' ? resolve(j) : undefined));
      await transfers.handlers['images.push']({ source: 'embedded', ref: `${proxy.host}/chunked:1`, allTags: false });
      const job = await finished;
      expect(job.error).toBeNull();
      const big = amd64().layers.reduce((a, b) => (a.size > b.size ? a : b));
      const patches = proxy.requests.filter((r) => r.method === 'PATCH');
      expect(patches.length).toBe(Math.ceil(big.size / (64 * 1024)));
      expect(await remoteDigest(`${empty.host}/chunked:1`)).toBe(amd64().digest);
    } finally {
      await transfers.close();
      store.close();
      await proxy.close();
    }
  });
});

describe('an htpasswd registry with credentials from config.json', () => {
  it('pulls and pushes with the auths entry; without it, pull access is denied', async () => {
    const store = freshStore();
    const ref = `${locked.host}/busybox:1.35-amd64`;
    await mkdir(join(home.path, 'docker'), { recursive: true });
    await writeFile(join(home.path, 'docker', 'config.json'), JSON.stringify({ auths: {} }));
    const denied = await berth(store, ['pull', ref]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^Error response from daemon: pull access denied for 127\.0\.0\.1:\d+\/busybox, repository does not exist or may require 'docker login'/);
    const auth = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    await writeFile(join(home.path, 'docker', 'config.json'), JSON.stringify({ auths: { [locked.host]: { auth } } }));
    expect((await berth(store, ['pull', ref])).code).toBe(0);
    expect((await berth(store, ['tag', ref, `${locked.host}/mine/bb:2`])).code).toBe(0);
    const pushed = await berth(store, ['push', `${locked.host}/mine/bb:2`]);
    expect(pushed.stderr).toBe('');
    for (const lines of byLayer(pushed.stdout).layers.values()) expect(lines).toEqual(['Preparing', 'Mounted from busybox']);
    expect(await remoteDigest(`${locked.host}/mine/bb:2`, `${USER}:${PASSWORD}`)).toBe(amd64().digest);
  });
});
