// pull, push, save, load and import through real engines (dockerd 20.10 and
// podman 4.3's system service, each started by the fixture with temporary
// storage), against real distribution registries (one open, one behind
// htpasswd), and copies between the embedded store and the engines. An
// engine that cannot start here is skipped with its reason, never passed.
import { readdir, mkdir, writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs';
import { embeddedArchivePort } from '../../electron/core/archive/port';
import { EngineClient } from '../../electron/core/engine/client';
import { parseEndpoint } from '../../electron/core/engine/endpoint';
import { engineArchivePort } from '../../electron/core/engine/archive-port';
import { engineTransferHandlers } from '../../electron/core/engine/transfers';
import type { ArchivePort, EngineDeps } from '../../electron/core/engine/types';
import { EventBus } from '../../electron/core/events';
import { createTransfers, type Transfers } from '../../electron/core/pull';
import { RemoteContext } from '../../electron/core/remote';
import { copyImages } from '../../electron/core/sources/copy';
import { Store } from '../../electron/core/store';
import { addImage, fileLayer } from '../../electron/core/store/testing/build';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy';
import { engineApi, startDockerd, startPodmanService, type EngineHandle, type EngineSkipped } from '../fixtures/engine';
import { seedImages, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';

type Kind = 'docker' | 'podman';
const USER = 'berth';
const PASSWORD = 'pw-7f3a9c-secret';

let work: TempDir;
let reg: RegistryHandle;
let slow: FaultProxy;
let authReg: RegistryHandle;
let seeded: SeededImages;
let store: Store;
let transfers: Transfers;
let deps: EngineDeps;
let anonymous: EngineDeps;
const bus = new EventBus();
const events: Job[] = [];
const engines = {} as Record<Kind, EngineHandle | EngineSkipped>;

interface Engine {
  handle: EngineHandle;
  client: EngineClient;
  handlers: ReturnType<typeof engineTransferHandlers>;
  port: ArchivePort;
}
const live = new Map<Kind, Engine>();

beforeAll(async () => {
  work = await tempDir('berth-engine-transfers');
  bus.on('job.updated', (j) => events.push(j));
  const [r, a, docker, podman] = await Promise.all([
    startRegistry(),
    startRegistry({ htpasswd: { user: USER, password: PASSWORD } }),
    startDockerd(),
    startPodmanService(),
  ]);
  reg = r;
  authReg = a;
  engines.docker = docker;
  engines.podman = podman;
  seeded = await seedImages(reg);
  // Blobs through this proxy stall after their first bytes until the client hangs up.
  slow = await startFaultProxy({ target: reg.url, rules: [{ path: 'blob', method: 'GET', fault: { kind: 'stall', ms: 'forever', afterBytes: 512 } }] });
  await seedImages(authReg);
  await mkdir(join(work.path, 'docker-config'));
  await writeFile(
    join(work.path, 'docker-config', 'config.json'),
    JSON.stringify({ auths: { [authReg.host]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }),
  );
  const remote = new RemoteContext({ env: { DOCKER_CONFIG: join(work.path, 'docker-config'), HOME: work.path }, settingsFile: join(work.path, 'settings.json') });
  const noCreds = new RemoteContext({ env: { DOCKER_CONFIG: join(work.path, 'empty-config'), HOME: work.path }, settingsFile: join(work.path, 'settings.json') });
  store = await Store.open(join(work.path, 'store'));
  transfers = createTransfers(store, bus, { remote });
  deps = { runner: transfers.runner, bus, remote };
  anonymous = { ...deps, remote: noCreds };
  for (const kind of ['docker', 'podman'] as const) {
    const h = engines[kind];
    if ('skipped' in h) {
      console.warn(`[engine-transfers] ${kind} SKIPPED: ${h.skipped}`);
      continue;
    }
    const client = new EngineClient(parseEndpoint(h.dockerHost));
    live.set(kind, { handle: h, client, handlers: engineTransferHandlers(client, deps), port: engineArchivePort(client) });
  }
});

afterAll(async () => {
  await transfers?.close();
  for (const e of live.values()) await e.client.close();
  store?.close();
  await Promise.all(Object.values(engines).map((e) => ('stop' in e ? e.stop() : undefined)));
  await slow?.close();
  await reg?.stop();
  await authReg?.stop();
  await work?.remove();
});

function engineOr(kind: Kind, ctx: { skip(note?: string): never }): Engine {
  const e = live.get(kind);
  if (!e) ctx.skip(`${kind} unavailable: ${(engines[kind] as EngineSkipped).skipped}`);
  return e!;
}

/** Waits for a job and returns its end and every snapshot it published. */
async function finished(started: Promise<{ jobId: string }> | { jobId: string }): Promise<{ job: Job; seen: Job[] }> {
  const { jobId } = await started;
  const job = await deps.runner.wait(jobId);
  return { job, seen: events.filter((e) => e.id === jobId) };
}

async function engineImage(e: Engine, ref: string): Promise<{ status: number; doc: { Id: string; RepoTags: string[]; Config: { Cmd: string[]; Env: string[] }; Comment: string } }> {
  const r = await engineApi(e.handle, 'GET', `/v1.41/images/${ref}/json`);
  return { status: r.status, doc: r.status === 200 ? JSON.parse(r.body) : undefined };
}

const short = (digest: string): string => digest.slice(7, 19);

describe.each(['docker', 'podman'] as const)('through %s', (kind) => {
  it('pulls with per-layer progress ending "Pull complete", Docker’s status lines, and the image looked up', async (ctx) => {
    const e = engineOr(kind, ctx);
    const image = seeded.images['busybox:1.35-amd64'];
    const ref = `${reg.host}/busybox:1.35-amd64`;
    const { job, seen } = await finished(e.handlers['images.pull']({ source: e.client.endpoint.id, ref, allTags: false }));
    expect(job.error).toBeNull();
    expect(job).toMatchObject({ state: 'succeeded', kind: 'pull', source: e.client.endpoint.id, title: ref });
    expect(job.result).toEqual({ imageIds: [image.configDigest], references: [ref], digest: image.digest });
    expect(job.layers.map((l) => l.id).sort()).toEqual(image.layers.map((l) => short(l.digest)).sort());
    expect(job.layers.every((l) => l.phase === 'Pull complete')).toBe(true);
    expect(job.messages).toEqual(['1.35-amd64: Pulling from busybox', `Digest: ${image.digest}`, `Status: Downloaded newer image for ${ref}`]);
    // The layer lines were live, not only written at the end.
    expect(seen.some((j) => j.state === 'running' && j.layers.length > 0 && j.layers.some((l) => l.phase !== 'Pull complete'))).toBe(true);
    if (kind === 'docker') {
      // Bytes grow: the biggest layer is seen part way through, then whole.
      const big = image.layers.reduce((a, b) => (b.size > a.size ? b : a));
      const counts = seen.flatMap((j) => j.layers.filter((l) => l.id === short(big.digest) && l.total > 0));
      const partial = counts.findIndex((l) => l.current > 0 && l.current < l.total);
      expect(partial).toBeGreaterThanOrEqual(0);
      expect(counts.slice(partial + 1).some((l) => l.current === l.total && l.current > counts[partial]!.current)).toBe(true);
    }
    // A second pull changes nothing and says so.
    const again = await finished(e.handlers['images.pull']({ source: e.client.endpoint.id, ref, allTags: false }));
    expect(again.job.state).toBe('succeeded');
    expect(again.job.messages.at(-1)).toBe(`Status: Image is up to date for ${ref}`);
  });

  it('pulls from a registry behind htpasswd with the user’s credentials, which never reach a job snapshot; without them it fails AUTH_REQUIRED', async (ctx) => {
    const e = engineOr(kind, ctx);
    const ref = `${authReg.host}/busybox:1.35-amd64`;
    const { job, seen } = await finished(e.handlers['images.pull']({ source: e.client.endpoint.id, ref, allTags: false }));
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    const everything = JSON.stringify(seen);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
    const anon = engineTransferHandlers(e.client, anonymous);
    const denied = await finished(anon['images.pull']({ source: e.client.endpoint.id, ref: `${authReg.host}/busybox:1.35-arm64`, allTags: false }));
    expect(denied.job.state).toBe('failed');
    expect(denied.job.error?.code).toBe('AUTH_REQUIRED');
  });

  it('cancelling a pull aborts the request: the job ends cancelled and the engine keeps no image', async (ctx) => {
    const e = engineOr(kind, ctx);
    const ref = `${slow.host}/busybox:1.35-arm64`;
    const { jobId } = await e.handlers['images.pull']({ source: e.client.endpoint.id, ref, allTags: false });
    // dockerd shows the layer it is stuck on; podman says nothing until a blob is whole, so it gets 2 s.
    const cancel = (): void => {
      off();
      clearTimeout(timer);
      deps.runner.cancel(jobId);
    };
    const off = bus.on('job.updated', (j) => {
      if (j.id === jobId && j.layers.some((l) => l.phase === 'Pulling fs layer' || l.phase === 'Downloading')) cancel();
    });
    const timer = setTimeout(cancel, 2_000);
    const job = await deps.runner.wait(jobId);
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    expect((await engineImage(e, ref)).status).toBe(404);
  });

  it('pulls an index for another platform: the arm64 image, and the digest of the index the tag names', async (ctx) => {
    const e = engineOr(kind, ctx);
    const ref = `${reg.host}/busybox:1.35`;
    const { job } = await finished(e.handlers['images.pull']({ source: e.client.endpoint.id, ref, platform: 'linux/arm64', allTags: false }));
    expect(job.error).toBeNull();
    expect(job.result).toEqual({ imageIds: [seeded.images['busybox:1.35-arm64'].configDigest], references: [ref], digest: seeded.images['busybox:1.35'].digest });
    expect(job.messages).toContain(`Digest: ${seeded.images['busybox:1.35'].digest}`);
    expect(job.layers.map((l) => l.phase).sort()).toEqual(expect.arrayContaining(['Already exists', 'Pull complete']));
  });

  it('pushes to the registry behind htpasswd; skopeo sees the digest the job reports', async (ctx) => {
    const e = engineOr(kind, ctx);
    const target = `${authReg.host}/pushed-${kind}`;
    const tagged = await engineApi(e.handle, 'POST', `/v1.41/images/${reg.host}/busybox:1.35-amd64/tag?repo=${target}&tag=v1`);
    expect(tagged.status).toBe(201);
    const { job } = await finished(e.handlers['images.push']({ source: e.client.endpoint.id, ref: `${target}:v1`, allTags: false }));
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    const inspected = JSON.parse(
      (await runOk('skopeo', ['inspect', '--tls-verify=false', '--creds', `${USER}:${PASSWORD}`, `docker://${target}:v1`])).stdout,
    ) as { Digest: string };
    expect(job.result?.digest).toBe(inspected.Digest);
    expect(job.result?.imageIds).toEqual([seeded.images['busybox:1.35-amd64'].configDigest]);
    expect(job.messages[0]).toBe(`The push refers to repository [${target}]`);
    expect(job.messages.at(-1)).toMatch(new RegExp(`^v1: digest: ${inspected.Digest} size: \\d+$`));
    if (kind === 'docker') {
      expect(job.layers.length).toBe(3);
      for (const l of job.layers) expect(['Pushed', 'Layer already exists', 'Mounted from busybox']).toContain(l.phase);
    }
  });

  it('saves to a file (whole or not at all) and loads it back', async (ctx) => {
    const e = engineOr(kind, ctx);
    const image = seeded.images['busybox:1.35-amd64'];
    const ref = `${reg.host}/busybox:1.35-amd64`;
    const dir = join(work.path, `saves-${kind}`);
    await mkdir(dir);
    const file = join(dir, 'save.tar');
    const saved = await finished(e.handlers['images.save']({ source: e.client.endpoint.id, refs: [ref], format: 'docker', path: file }));
    expect(saved.job.error).toBeNull();
    expect(saved.job.result).toMatchObject({ imageIds: [image.configDigest], references: [ref] });
    expect((await runOk('tar', ['-tf', file])).stdout.split('\n')).toContain('manifest.json');
    const archiveLine = saved.job.layers.find((l) => l.id === 'archive');
    expect(archiveLine).toMatchObject({ phase: 'Writing', current: (await stat(file)).size });

    const missing = await finished(e.handlers['images.save']({ source: e.client.endpoint.id, refs: ['berth-missing:nope'], format: 'docker', path: join(dir, 'missing.tar') }));
    expect(missing.job).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } });
    const oci = await finished(e.handlers['images.save']({ source: e.client.endpoint.id, refs: [ref], format: 'oci', path: join(dir, 'oci.tar') }));
    if (kind === 'docker') expect(oci.job).toMatchObject({ state: 'failed', error: { code: 'UNSUPPORTED' } });
    else expect((await runOk('tar', ['-tf', join(dir, 'oci.tar')])).stdout.split('\n')).toEqual(expect.arrayContaining(['index.json', 'oci-layout']));
    // Failed saves leave neither the file nor their temp file.
    expect((await readdir(dir)).sort()).toEqual(kind === 'docker' ? ['save.tar'] : ['oci.tar', 'save.tar']);

    for (const name of [ref, `${authReg.host}/busybox:1.35-amd64`, `${authReg.host}/pushed-${kind}:v1`]) {
      await engineApi(e.handle, 'DELETE', `/v1.41/images/${name}?force=1`);
    }
    expect((await engineImage(e, ref)).status).toBe(404);
    const loaded = await finished(e.handlers['images.load']({ source: e.client.endpoint.id, path: file }));
    expect(loaded.job.error).toBeNull();
    expect(loaded.job.result).toEqual({ imageIds: [image.configDigest], references: [ref], digest: null });
    expect(loaded.job.messages).toContain(`Loaded image: ${ref}`);
    expect((await engineImage(e, ref)).doc.Id).toBe(image.configDigest);
  });

  it('imports a rootfs tarball with a name, a message and changes', async (ctx) => {
    const e = engineOr(kind, ctx);
    const root = join(work.path, `${kind}-rootfs`);
    await mkdir(join(root, 'etc'), { recursive: true });
    await writeFile(join(root, 'etc', 'hello'), `hello from ${kind}\n`);
    const tarball = join(work.path, `${kind}-rootfs.tar`);
    await runOk('tar', ['-C', root, '-cf', tarball, '.']);
    const { job } = await finished(
      e.handlers['images.import']({ source: e.client.endpoint.id, path: tarball, reference: `imported-${kind}:t1`, changes: ['CMD ["/bin/sh"]', 'ENV A=1'], message: 'made by berth' }),
    );
    expect(job.error).toBeNull();
    const id = job.result?.imageIds[0] ?? '';
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(job.result?.references).toEqual([`docker.io/library/imported-${kind}:t1`]);
    expect(job.messages.at(-1)).toBe(id);
    const { doc } = await engineImage(e, `docker.io/library/imported-${kind}:t1`);
    expect(doc.Id).toBe(id);
    expect(doc.Config.Cmd).toEqual(['/bin/sh']);
    expect(doc.Config.Env).toContain('A=1');
    expect(doc.Comment).toBe('made by berth');
  });
});

/** A port whose export stops after its first chunk until the copy is cancelled. */
function stalling(port: ArchivePort): ArchivePort {
  return {
    importImages: (archive, job) => port.importImages(archive, job),
    async exportImages(refs, signal) {
      const inner = await port.exportImages(refs, signal);
      return (async function* () {
        for await (const chunk of inner) {
          yield chunk;
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('stalled until cancelled')), { once: true }));
        }
      })();
    },
  };
}

function startCopy(from: ArchivePort, to: ArchivePort, refs: string[], source: string): string {
  return deps.runner.start('copy', refs.join(' '), (job) => copyImages(from, to, refs, job), source).id;
}

/** Cancels a job once its archive line has moved bytes. */
function cancelOnceBytesMove(jobId: string): void {
  const off = bus.on('job.updated', (j) => {
    if (j.id === jobId && j.layers.some((l) => l.id === 'archive' && l.current > 0)) {
      off();
      deps.runner.cancel(jobId);
    }
  });
}

describe('copies between sources', () => {
  const embedded = (): ArchivePort => embeddedArchivePort(store);

  it('embedded → dockerd: the same image ID, byte progress on one line, Docker’s "Loaded image" line', async (ctx) => {
    const docker = engineOr('docker', ctx);
    const ref = `${reg.host}/busybox:1.35-arm64`;
    const pulled = await finished(transfers.handlers['images.pull']({ source: 'embedded', ref, allTags: false }));
    expect(pulled.job.error).toBeNull();
    const id = (await store.snapshot()).byTag.get(ref)!.id;
    const jobId = startCopy(embedded(), docker.port, [ref], 'embedded');
    const { job, seen } = await finished({ jobId });
    expect(job.error).toBeNull();
    expect(job.result).toEqual({ imageIds: [id], references: [ref], digest: null });
    expect(job.messages).toEqual([`Loaded image: ${ref}`]);
    expect(job.layers).toEqual([expect.objectContaining({ id: 'archive', phase: 'Copy complete' })]);
    expect(job.layers[0]!.current).toBeGreaterThan(0);
    expect(seen.some((j) => j.layers[0]?.phase === 'Copying' && j.layers[0].current > 0)).toBe(true);
    expect((await engineImage(docker, ref)).doc.Id).toBe(id);
  });

  it('a cancelled copy embedded → dockerd leaves no image in dockerd', async (ctx) => {
    const docker = engineOr('docker', ctx);
    const unique = await addImage(store, { layers: [await fileLayer('cancel.txt', `cancel ${Date.now()} ${Math.random()}`)], tag: 'docker.io/library/berth-cancel:1' });
    const jobId = startCopy(stalling(embedded()), docker.port, ['docker.io/library/berth-cancel:1'], 'embedded');
    cancelOnceBytesMove(jobId);
    const { job } = await finished({ jobId });
    expect(job.state).toBe('cancelled');
    expect((await engineImage(docker, 'berth-cancel:1')).status).toBe(404);
    expect((await engineImage(docker, unique.id)).status).toBe(404);
  });

  it('a cancelled copy dockerd → embedded leaves the store as it was and fsck clean', async (ctx) => {
    const docker = engineOr('docker', ctx);
    const ref = `${reg.host}/busybox:1.35-amd64`;
    expect((await store.snapshot()).byTag.has(ref)).toBe(false);
    const blobsBefore = (await store.blobs.list()).sort();
    const jobId = startCopy(stalling(docker.port), embedded(), [ref], docker.client.endpoint.id);
    cancelOnceBytesMove(jobId);
    const { job } = await finished({ jobId });
    expect(job.state).toBe('cancelled');
    expect((await store.snapshot()).byTag.has(ref)).toBe(false);
    expect((await store.blobs.list()).sort()).toEqual(blobsBefore);
    expect((await store.fsck()).problems).toEqual([]);
  });

  it('dockerd → embedded: the same image ID both sides, fsck clean', async (ctx) => {
    const docker = engineOr('docker', ctx);
    const ref = `${reg.host}/busybox:1.35-amd64`;
    const theirs = (await engineImage(docker, ref)).doc.Id;
    const { job } = await finished({ jobId: startCopy(docker.port, embedded(), [ref], docker.client.endpoint.id) });
    expect(job.error).toBeNull();
    expect(job.source).toBe(docker.client.endpoint.id);
    expect(job.result).toEqual({ imageIds: [theirs], references: [ref], digest: null });
    expect(job.messages).toEqual([`Loaded image: ${ref}`]);
    expect((await store.snapshot()).byTag.get(ref)?.id).toBe(theirs);
    expect((await store.fsck()).problems).toEqual([]);
  });

  it('a failing source fails the copy with its own message', async (ctx) => {
    const docker = engineOr('docker', ctx);
    const { job } = await finished({ jobId: startCopy(docker.port, embedded(), ['berth-missing:nope'], docker.client.endpoint.id) });
    expect(job).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND', message: 'reference does not exist' } });
    expect((await store.fsck()).problems).toEqual([]);
  });

  it('dockerd → podman (engine to engine): the same image ID', async (ctx) => {
    const docker = engineOr('docker', ctx);
    const podman = engineOr('podman', ctx);
    const ref = 'docker.io/library/imported-docker:t1'; // made by the import test: content podman has never seen
    const theirs = (await engineImage(docker, ref)).doc.Id;
    expect((await engineImage(podman, theirs)).status).toBe(404);
    const { job, seen } = await finished({ jobId: startCopy(docker.port, podman.port, [ref], docker.client.endpoint.id) });
    expect(job.error).toBeNull();
    // dockerd's archive names it "imported-docker:t1"; Podman 4.3 loads a short name as localhost/…, and the copy
    // moves it back to the name that was copied.
    expect(job.result).toEqual({ imageIds: [theirs], references: [ref], digest: null });
    expect(job.messages).toEqual(['Loaded image: localhost/imported-docker:t1', 'Renamed localhost/imported-docker:t1 to imported-docker:t1']);
    expect(seen.some((j) => j.layers[0]?.phase === 'Copying' && j.layers[0].current > 0)).toBe(true);
    expect((await engineImage(podman, ref)).doc.Id).toBe(theirs);
    expect((await engineImage(podman, 'localhost/imported-docker:t1')).status).toBe(404);
  });
});
