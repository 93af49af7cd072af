// Berth's store is an OCI image layout that skopeo and umoci read and write:
// images skopeo puts there are listed, inspected, tagged and deleted by Berth,
// and what Berth writes (tags, untags, GC) is read back by skopeo and umoci.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/service';
import { buildImageLayout, type ImageLayout } from '../fixtures/images';
import { run, runOk, tempDir, type TempDir } from '../fixtures/tools';

const skopeo = (args: string[]) => runOk('skopeo', ['--insecure-policy', ...args], { timeoutMs: 60_000 });

let work: TempDir;
let layout: ImageLayout;
let store: string;
let core: Core;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loose inspect JSON
async function call(method: string, input: unknown): Promise<any> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
}

async function umociTags(): Promise<string[]> {
  const r = await runOk('umoci', ['ls', '--layout', store]);
  return r.stdout.split('\n').filter(Boolean).sort();
}

beforeAll(async () => {
  work = await tempDir('berth-store-interop');
  layout = await buildImageLayout(`${work.path}/src`);
  store = `${work.path}/store`;
  core = await createCore({ storePath: store, host: 'browser' });
  await skopeo(['copy', '-q', `oci:${layout.dir}:1.35-amd64`, `oci:${store}:docker.io/library/busybox:1.35`]);
});

afterAll(async () => {
  await core?.close();
  await work?.remove();
});

describe('a Berth store written by skopeo', () => {
  it('lists and inspects the image skopeo copied in, with sizes computed from the layers', async () => {
    const src = layout.images['1.35-amd64'];
    const list = await call('images.list', {});
    expect(list.rows).toEqual([
      expect.objectContaining({ repository: 'busybox', tag: '1.35', id: src.configDigest, reference: 'docker.io/library/busybox:1.35', platform: 'linux/amd64', dangling: false }),
    ]);
    const doc = await call('images.inspect', { ref: 'busybox:1.35' });
    expect(doc.Id).toBe(src.configDigest);
    expect(doc.RepoTags).toEqual(['busybox:1.35']);
    expect(doc.RepoDigests).toEqual([]); // skopeo records no pull, as `docker load` records none
    expect(doc.RootFS.Layers).toEqual(src.layers.map((l) => l.diffId));
    expect(doc.Architecture).toBe('amd64');
    expect(doc.Created).toMatch(/^2024-01-01T00:00:0\dZ$/);
    // Files and symlink targets only: less than the tar streams, which add headers and padding.
    expect(doc.Size).toBeGreaterThan(1_000_000);
    expect(doc.Size).toBeLessThan(src.uncompressedBytes);
    const meta = JSON.parse(await readFile(`${store}/berth/meta.json`, 'utf8'));
    for (const l of src.layers) expect(meta.layers[l.digest]).toMatchObject({ diffID: l.diffId, tarSize: l.uncompressedSize });
    expect((await call('images.history', { ref: 'busybox:1.35' }))[0].id).toBe(src.configDigest);
  });

  it('resolves a multi-arch index skopeo copied with --all to the host platform image', async () => {
    await skopeo(['copy', '-q', '--all', `oci:${layout.dir}:1.35`, `oci:${store}:docker.io/library/busybox:multi`]);
    const want = process.arch === 'arm64' ? '1.35-arm64' : '1.35-amd64';
    expect((await call('images.inspect', { ref: 'busybox:multi' })).Id).toBe(layout.images[want].configDigest);
    expect((await call('store.fsck', {})).problems).toEqual([]);
  });
});

describe('a Berth store read by skopeo and umoci', () => {
  it('sees the tags Berth adds', async () => {
    expect(await call('images.tag', { ref: 'busybox:1.35', target: 'localhost:5000/team/busybox:copy' })).toEqual({
      target: 'localhost:5000/team/busybox:copy',
      moved: false,
    });
    const r = await skopeo(['inspect', `oci:${store}:localhost:5000/team/busybox:copy`]);
    expect(JSON.parse(r.stdout).Digest).toBe(layout.images['1.35-amd64'].digest);
    expect(await umociTags()).toEqual(['docker.io/library/busybox:1.35', 'docker.io/library/busybox:multi', 'localhost:5000/team/busybox:copy']);
  });

  it('reads the store after rmi and GC, and no longer finds what was deleted', async () => {
    const rm1 = await call('images.remove', { refs: ['busybox:1.35'] });
    expect(rm1.records).toEqual([{ untagged: 'busybox:1.35' }]);
    const rm2 = await call('images.remove', { refs: ['busybox:multi', 'localhost:5000/team/busybox:copy'] });
    const id = layout.images['1.35-amd64'].configDigest;
    expect(rm2.records.slice(0, 3)).toEqual([{ untagged: 'busybox:multi' }, { untagged: 'localhost:5000/team/busybox:copy' }, { deleted: id }]);
    expect(rm2.records.filter((r: { deleted?: string }) => r.deleted).length).toBe(1 + layout.images['1.35-amd64'].layers.length);
    expect(await umociTags()).toEqual([]);
    const gone = await run('skopeo', ['--insecure-policy', 'inspect', `oci:${store}:docker.io/library/busybox:1.35`]);
    expect(gone.code).not.toBe(0);
    expect((await call('store.fsck', {})).ok).toBe(true);
    // Nothing of the deleted images is left behind: GC removed every blob.
    const blobs = await runOk('find', [`${store}/blobs`, '-type', 'f']);
    expect(blobs.stdout).toBe('');
  });

  it('lets skopeo copy an image out of a store Berth tagged', async () => {
    await skopeo(['copy', '-q', `oci:${layout.dir}:1.35-arm64`, `oci:${store}:docker.io/library/busybox:arm`]);
    await call('images.tag', { ref: 'busybox:arm', target: 'mine:arm' });
    await call('images.remove', { refs: ['busybox:arm'] });
    await skopeo(['copy', '-q', `oci:${store}:docker.io/library/mine:arm`, `oci:${work.path}/out:x`]);
    const out = JSON.parse(await readFile(`${work.path}/out/index.json`, 'utf8'));
    expect(out.manifests[0].digest).toBe(layout.images['1.35-arm64'].digest);
    await runOk('umoci', ['stat', '--image', `${store}:docker.io/library/mine:arm`]);
  });
});
