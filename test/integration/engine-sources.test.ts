// Sources end to end: detection from DOCKER_HOST and well-known sockets, the
// engines' identities, routing by `source`, and an engine that goes away
// mid-session (reported at once, calls fail fast with Docker's message) and
// comes back (reconnected, views told to refetch). Real dockerd and podman.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../shared/index';
import type { Source } from '../../shared/schemas';
import { createCore, type Core } from '../../electron/core/service';
import { startDockerd, startPodmanService, type EngineHandle } from '../fixtures/engine';
import { socketRelay, type SocketRelay } from '../fixtures/socket-relay';
import { tempDir, type TempDir } from '../fixtures/tools';

let docker: EngineHandle | undefined;
let podman: EngineHandle | undefined;
let skipped = '';
let work: TempDir;
let relay: SocketRelay;
let core: Core;

beforeAll(async () => {
  const [d, p] = await Promise.all([startDockerd(), startPodmanService()]);
  if ('skipped' in d) skipped += `dockerd: ${d.skipped}\n`;
  else docker = d;
  if ('skipped' in p) skipped += `podman: ${p.skipped}\n`;
  else podman = p;
  if (skipped) return console.warn(`[engine-sources] skipped: ${skipped}`);
  work = await tempDir('berth-sources');
  relay = socketRelay(path.join(work.path, 'relay.sock'), docker!.socket);
  await relay.up();
  core = await createCore({
    storePath: path.join(work.path, 'store'),
    host: 'browser',
    env: { ...process.env, DOCKER_HOST: `unix://${relay.path}`, BERTH_ENGINE_SOCKETS: podman!.socket, XDG_CONFIG_HOME: path.join(work.path, 'config') },
  });
  core.watchSources?.();
}, 120_000);

afterAll(async () => {
  await core?.close();
  await relay?.down();
  await Promise.all([docker?.stop(), podman?.stop()]);
  await work?.remove();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

function next<E extends EventName>(event: E, match: (p: EventPayload<E>) => boolean, timeoutMs = 20_000): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`no matching ${event} in ${timeoutMs} ms`))), timeoutMs);
    const off = core.bus.on(event, (p) => {
      if (match(p)) {
        clearTimeout(timer);
        off();
        resolve(p);
      }
    });
  });
}

const dockerId = (): string => `unix://${relay.path}`;
const state = (list: Source[], id: string): Source | undefined => list.find((s) => s.id === id);

describe('image sources', () => {
  beforeEach((ctx) => {
    if (skipped) ctx.skip(`engine unavailable: ${skipped}`);
  });

  it('lists the embedded store, DOCKER_HOST and a detected podman socket, each with who it is', async () => {
    const list = await call<Source[]>('sources.list', { probe: true });
    expect(list.map((s) => [s.id, s.kind, s.origin, s.state])).toEqual([
      ['embedded', 'embedded', 'builtin', 'connected'],
      [dockerId(), 'docker', 'env', 'connected'],
      [`unix://${podman!.socket}`, 'podman', 'detected', 'connected'],
    ]);
    expect(state(list, dockerId())!.name).toMatch(/^Docker Engine \d+\.\d+/);
    expect(state(list, `unix://${podman!.socket}`)!.name).toMatch(/^Podman Engine \d+\.\d+/);
    expect(state(list, dockerId())!.apiVersion).toMatch(/^1\.\d+$/);
  });

  it('routes images.list by source, and refuses containers on the embedded store', async () => {
    const engine = await call<{ rows: unknown[] }>('images.list', { source: dockerId() });
    expect(Array.isArray(engine.rows)).toBe(true);
    const embedded = await call<{ rows: unknown[] }>('images.list', {});
    expect(embedded.rows).toEqual([]);
    await expect(call('containers.list', { source: 'embedded' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(call('images.copy', { from: dockerId(), to: dockerId(), refs: ['x'] })).rejects.toThrow(/are the same/);
  });

  it('reports an engine that goes away, fails calls fast in Docker\'s words, and reconnects when it is back', async () => {
    const gone = next('sources.changed', (l) => state(l, dockerId())?.state === 'unreachable');
    await relay.down();
    const list = await gone;
    expect(state(list, dockerId())!.error).toContain(`Cannot connect to the Docker daemon at ${dockerId()}. Is the docker daemon running?`);
    const t0 = Date.now();
    await expect(call('images.list', { source: dockerId() })).rejects.toThrow(`Cannot connect to the Docker daemon at ${dockerId()}. Is the docker daemon running?`);
    expect(Date.now() - t0).toBeLessThan(5_000); // a dead socket answers at once: no frozen view
    // the other engine is untouched
    expect(state(await call<Source[]>('sources.list', {}), `unix://${podman!.socket}`)!.state).toBe('connected');

    const back = next('sources.changed', (l) => state(l, dockerId())?.state === 'connected');
    const refetch = next('store.changed', (p) => p.source === dockerId());
    await relay.up();
    await back;
    await refetch;
    await call('images.list', { source: dockerId() });
  });

  it('follows the engine: an image change there tells the views to refetch', async () => {
    await call('sources.list', {});
    const changed = next('store.changed', (p) => p.source === `unix://${podman!.socket}`);
    const r = await fetchEngine(podman!, 'POST', '/v1.41/images/create?fromSrc=-&repo=berth-watch&tag=1', emptyTar());
    expect(r).toBe(200);
    await changed;
  });

  it('adds and removes configured endpoints, refusing what it must', async () => {
    await expect(call('sources.add', { endpoint: 'tcp://10.1.2.3:2375' })).rejects.toThrow(/only loopback TCP addresses are allowed/);
    const added = await call<Source[]>('sources.add', { endpoint: `unix://${work.path}/nothing.sock` });
    expect(state(added, `unix://${work.path}/nothing.sock`)).toMatchObject({ origin: 'configured', state: 'unreachable' });
    expect(state(added, `unix://${work.path}/nothing.sock`)!.error).toMatch(/Cannot connect to the Docker daemon/);
    const removed = await call<Source[]>('sources.remove', { id: `unix://${work.path}/nothing.sock` });
    expect(state(removed, `unix://${work.path}/nothing.sock`)).toBeUndefined();
    await expect(call('sources.remove', { id: dockerId() })).rejects.toThrow(/found in DOCKER_HOST, not configured/);
  });
});

/** An empty rootfs tarball: two 512-byte zero blocks. */
function emptyTar(): Buffer {
  return Buffer.alloc(1024);
}

async function fetchEngine(h: EngineHandle, method: string, p: string, body: Buffer): Promise<number> {
  const { engineApi } = await import('../fixtures/engine');
  return (await engineApi(h, method, p, { body, headers: { 'content-type': 'application/x-tar' } })).status;
}
