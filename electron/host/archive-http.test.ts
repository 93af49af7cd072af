import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core/service';
import { Store } from '../core/store';
import { addImage, fileLayer } from '../core/store/testing/build';
import { startHost, type RunningHost } from './index';

let tmp: string;
let core: Core;
let host: RunningHost;
let imageId: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'berth-archive-http-'));
  const seed = await Store.open(path.join(tmp, 'store'));
  imageId = (await addImage(seed, { layers: [await fileLayer('etc/motd', 'download me')], tag: 'docker.io/library/dl:1' })).id;
  seed.close();
  core = await createCore({ storePath: path.join(tmp, 'store'), host: 'browser' });
  host = await startHost({ core, rendererDir: path.join(tmp, 'renderer') });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await rm(tmp, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${host.port}`;
const origin = () => ({ Origin: base() });

async function tarNames(bytes: Buffer): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  const done = (async () => {
    for await (const e of extract) {
      names.push(e.header.name);
      e.resume();
    }
  })();
  extract.end(bytes);
  await done;
  return names;
}

describe('save as a download', () => {
  it('streams the archive as an attachment with the token', async () => {
    const r = await fetch(`${base()}/archive/save?token=${host.token}&ref=dl:1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-tar');
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="dl_1.tar"');
    const names = await tarNames(Buffer.from(await r.arrayBuffer()));
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'index.json', `blobs/sha256/${imageId.slice(7)}`]));
  });

  it('answers the error when nothing could be saved', async () => {
    const r = await fetch(`${base()}/archive/save?token=${host.token}&ref=nosuch:1`);
    expect(r.status).toBe(404);
    expect(await r.text()).toBe('No such image: nosuch:1');
  });

  it('refuses without the token, with a wrong one, or with bad parameters', async () => {
    expect((await fetch(`${base()}/archive/save?ref=dl:1`)).status).toBe(401);
    expect((await fetch(`${base()}/archive/save?token=${'x'.repeat(43)}&ref=dl:1`)).status).toBe(401);
    expect((await fetch(`${base()}/archive/save?token=${host.token}`)).status).toBe(400);
    expect((await fetch(`${base()}/archive/save?token=${host.token}&ref=dl:1&format=zip`)).status).toBe(400);
  });
});

describe('save as a download from another source', () => {
  // A host whose core answers an engine id with the embedded store's own archive port:
  // the download path is the engine one (source=…), the bytes are real.
  const ENGINE = 'unix:///run/berth-test/engine.sock';
  let engineHost: RunningHost;
  beforeAll(async () => {
    const wrapped = { dispatch: core.dispatch, bus: core.bus, archives: core.archives, archivePort: (id: string) => core.archivePort!(id === ENGINE ? 'embedded' : id) };
    engineHost = await startHost({ core: wrapped, rendererDir: path.join(tmp, 'renderer') });
  });
  afterAll(async () => {
    await engineHost?.close();
  });
  const at = (q: string) => `http://127.0.0.1:${engineHost.port}/archive/save?${q}`;

  it("streams the engine's own archive", async () => {
    const r = await fetch(at(`token=${engineHost.token}&ref=dl:1&source=${encodeURIComponent(ENGINE)}`));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="dl_1.tar"');
    const names = await tarNames(Buffer.from(await r.arrayBuffer()));
    expect(names).toEqual(expect.arrayContaining(['manifest.json', `blobs/sha256/${imageId.slice(7)}`]));
  });

  it("answers the engine's refusal before any byte, with its status", async () => {
    const missing = await fetch(at(`token=${engineHost.token}&ref=nosuch:1&source=${encodeURIComponent(ENGINE)}`));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/^No such image: nosuch:1/);
    const dead = await fetch(at(`token=${engineHost.token}&ref=dl:1&source=${encodeURIComponent('unix:///nonexistent/berth/docker.sock')}`));
    expect(dead.status).toBe(502);
    expect(await dead.text()).toBe('Cannot connect to the Docker daemon at unix:///nonexistent/berth/docker.sock. Is the docker daemon running?');
    const remote = await fetch(at(`token=${engineHost.token}&ref=dl:1&source=${encodeURIComponent('tcp://192.0.2.1:2375')}`));
    expect(remote.status).toBe(400);
    expect(await remote.text()).toMatch(/only loopback TCP addresses are allowed/);
  });

  it('refuses OCI from an engine, an empty source, and still wants the token', async () => {
    const engine = encodeURIComponent(ENGINE);
    expect((await fetch(at(`token=${engineHost.token}&ref=dl:1&source=${engine}&format=oci`))).status).toBe(400);
    expect((await fetch(at(`token=${engineHost.token}&ref=dl:1&source=`))).status).toBe(400);
    expect((await fetch(at(`ref=dl:1&source=${engine}`))).status).toBe(401);
    expect((await fetch(at(`token=${'x'.repeat(43)}&ref=dl:1&source=${engine}`))).status).toBe(401);
  });
});

describe('upload for load and import', () => {
  it('stores the body in a private temp file that images.load can read', async () => {
    const saved = Buffer.from(await (await fetch(`${base()}/archive/save?token=${host.token}&ref=dl:1&format=oci`)).arrayBuffer());
    const r = await fetch(`${base()}/archive/upload?token=${host.token}`, { method: 'POST', headers: origin(), body: saved });
    expect(r.status).toBe(200);
    const { path: file, size } = (await r.json()) as { path: string; size: number };
    expect(size).toBe(saved.length);
    expect(await readFile(file)).toEqual(saved);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const started = await core.dispatch('images.load', { path: file });
    expect(started.ok).toBe(true);
  });

  it('refuses a foreign or missing Origin, a missing token, and GET', async () => {
    const body = Buffer.from('x');
    expect((await fetch(`${base()}/archive/upload?token=${host.token}`, { method: 'POST', body })).status).toBe(403);
    expect((await fetch(`${base()}/archive/upload?token=${host.token}`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body })).status).toBe(403);
    expect((await fetch(`${base()}/archive/upload`, { method: 'POST', headers: origin(), body })).status).toBe(401);
    expect((await fetch(`${base()}/archive/upload?token=${host.token}`)).status).toBe(405);
  });
});
