// The same image in dockerd 20.10 (overlay2) and in Berth's store: Size and
// the inspect document must agree (except GraphDriver, which Berth has none of).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/service';
import { Store } from '../../electron/core/store';
import { addImage, tarOf } from '../../electron/core/store/testing/build';
import { engineApi, startDockerd, type EngineHandle } from '../fixtures/engine';
import { buildImageLayout, type ImageLayout } from '../fixtures/images';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';

let work: TempDir;
let layout: ImageLayout;
let core: Core;
let engine: EngineHandle | { skipped: string };

beforeAll(async () => {
  work = await tempDir('berth-store-dockerd');
  layout = await buildImageLayout(`${work.path}/src`);
  engine = await startDockerd();
  core = await createCore({ storePath: `${work.path}/store`, host: 'browser' });
});

afterAll(async () => {
  await core?.close();
  if (engine && 'stop' in engine) await engine.stop();
  await work?.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loose inspect JSON
async function berth(method: string, input: unknown): Promise<any> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parity with dockerd 20.10', () => {
  it('reports the same Size and inspect document for the same image', async (ctx) => {
    if ('skipped' in engine) return ctx.skip(`dockerd unavailable: ${engine.skipped}`);
    const handle = engine;
    const archive = `${work.path}/busybox.tar`;
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${layout.dir}:1.35-amd64`, `docker-archive:${archive}:busybox:1.35`]);
    const load = await engineApi(handle, 'POST', '/v1.41/images/load?quiet=1', { body: await readFile(archive), headers: { 'Content-Type': 'application/x-tar' } });
    expect(load.status).toBe(200);
    const theirs = JSON.parse((await engineApi(handle, 'GET', '/v1.41/images/busybox:1.35/json')).body);
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${layout.dir}:1.35-amd64`, `oci:${work.path}/store:docker.io/library/busybox:1.35`]);
    const ours = await berth('images.inspect', { ref: 'busybox:1.35' });
    expect(ours.Size).toBe(theirs.Size);
    const { GraphDriver: _g, Metadata: _m, ...rest } = theirs;
    const { Metadata: _n, ...mine } = ours;
    expect(JSON.stringify(mine, null, 1)).toBe(JSON.stringify(rest, null, 1));
    const hist = JSON.parse((await engineApi(handle, 'GET', '/v1.41/images/busybox:1.35/history')).body);
    const ourHist = await berth('images.history', { ref: 'busybox:1.35' });
    expect(ourHist.map((h: { size: number; createdBy: string }) => [h.createdBy, h.size])).toEqual(
      hist.map((h: { Size: number; CreatedBy: string }) => [h.CreatedBy, h.Size]),
    );
  });

  it('counts hardlinks, whiteouts, opaque dirs, and devices as overlay2 does (dockerd refuses duplicate paths)', async (ctx) => {
    if ('skipped' in engine) return ctx.skip(`dockerd unavailable: ${engine.skipped}`);
    const dir = `${work.path}/tricky`;
    const store = await Store.open(dir);
    const mtime = new Date(0);
    const l1 = await tarOf([
      { name: 'a', type: 'directory' },
      { name: 'a/f', content: 'f'.repeat(1000) },
      { name: 'a/h', type: 'link', linkname: 'a/f' },
      { name: 'a/s', type: 'symlink', linkname: 'f' },
      { name: 'a/g', content: 'g'.repeat(10) },
      { raw: { name: 'dev/zero', type: 'character-device', devmajor: 1, devminor: 5, mtime } },
      { raw: { name: 'run/fifo', type: 'fifo', mtime } },
      { name: 'lib/abs', type: 'symlink', linkname: '/usr/lib/x86_64-linux-gnu/libc.so.6' },
    ]);
    const l2 = await tarOf([
      { name: 'a/.wh.g', content: '' },
      { name: 'b/.wh..wh..opq', content: '' },
      { name: 'b/n', content: 'n'.repeat(7) },
      { name: 'c/n2', type: 'link', linkname: 'b/n' },
      { name: 'a/f', content: 'short' },
    ]);
    await addImage(store, { layers: [l1, l2], tag: 'docker.io/library/tricky:1' });
    const archive = `${work.path}/tricky.tar`;
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${dir}:docker.io/library/tricky:1`, `docker-archive:${archive}:tricky:1`]);
    const load = await engineApi(engine, 'POST', '/v1.41/images/load?quiet=1', { body: await readFile(archive), headers: { 'Content-Type': 'application/x-tar' } });
    expect(load.status).toBe(200);
    const theirs = JSON.parse((await engineApi(engine, 'GET', '/v1.41/images/tricky:1/json')).body);
    if (!Array.isArray(theirs.RootFS?.Layers)) throw new Error(`dockerd did not load the image: ${load.body} ${JSON.stringify(theirs)}`);
    const hist = JSON.parse((await engineApi(engine, 'GET', '/v1.41/images/tricky:1/history')).body);
    const snap = await store.snapshot();
    const ours = snap.byTag.get('docker.io/library/tricky:1')!;
    expect(ours.layers.map((l) => l.size)).toEqual(hist.map((h: { Size: number }) => h.Size).reverse());
    expect(ours.size).toBe(theirs.Size);
    store.close();
  });
});
