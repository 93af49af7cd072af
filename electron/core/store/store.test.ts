import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as zlib from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA, REF_NAME } from './oci';
import { Store } from './store';
import { addImage, fileLayer, sha256, tarOf, tempStore } from './testing/build';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => t.cleanup());

const readIndex = async () => JSON.parse(await readFile(path.join(t.dir, 'index.json'), 'utf8'));

describe('Store layout', () => {
  it('creates an OCI image layout', async () => {
    expect(JSON.parse(await readFile(path.join(t.dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    expect((await readIndex()).manifests).toEqual([]);
    expect(await readdir(path.join(t.dir, 'blobs'))).toEqual(['sha256']);
  });

  it('refuses a directory whose oci-layout is not version 1', async () => {
    await writeFile(path.join(t.dir, 'oci-layout'), '{"imageLayoutVersion":"9.0.0"}');
    await expect(Store.open(t.dir)).rejects.toMatchObject({ code: 'CORRUPT' });
  });
});

describe('ingest', () => {
  it('stores a blob under its digest only when it matches the expected digest', async () => {
    const good = await t.store.ingest(Buffer.from('hello'), { expected: { digest: sha256('hello'), size: 5 } });
    expect(good).toEqual({ digest: sha256('hello'), size: 5 });
    expect(await readFile(t.store.blobs.path(good.digest), 'utf8')).toBe('hello');
    await expect(t.store.ingest(Buffer.from('evil'), { expected: { digest: sha256('good') } })).rejects.toMatchObject({
      code: 'DIGEST_MISMATCH',
    });
    expect(await t.store.blobs.has(sha256('evil'))).toBe(false);
    expect(await readdir(t.store.paths.tmpDir)).toEqual([]);
  });

  it('streams from an async iterable', async () => {
    async function* parts() {
      yield Buffer.from('ab');
      yield 'cd';
    }
    expect((await t.store.ingest(parts())).digest).toBe(sha256('abcd'));
  });
});

describe('createImage and tags', () => {
  it('records the tag as the full reference and the ID as the config digest', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/busybox:1.35' });
    expect(img.id).toBe(sha256(img.config));
    const idx = await readIndex();
    expect(idx.manifests).toEqual([
      { mediaType: MEDIA.ociManifest, digest: sha256(img.manifest), size: img.manifest.length, annotations: { [REF_NAME]: 'docker.io/library/busybox:1.35' } },
    ]);
    const snap = await t.store.snapshot();
    expect(snap.byTag.get('docker.io/library/busybox:1.35')?.id).toBe(img.id);
  });

  it('moving a tag leaves the old image dangling', async () => {
    const a = await addImage(t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/x:1' });
    const b = await addImage(t.store, { layers: [await fileLayer('a', '2')], tag: 'docker.io/library/x:1' });
    expect(b.moved).toBe(true);
    const snap = await t.store.snapshot();
    expect(snap.images.get(a.id)?.tags).toEqual([]);
    expect(snap.images.get(b.id)?.tags).toEqual(['docker.io/library/x:1']);
    const dangling = (await readIndex()).manifests.filter((d: { annotations?: object }) => !d.annotations);
    expect(dangling.map((d: { digest: string }) => d.digest)).toEqual([sha256(a.manifest)]);
  });

  it('records repo digests and per-layer sizes', async () => {
    const layer = await tarOf([{ name: 'f', content: 'x'.repeat(300) }, { name: 'l', type: 'symlink', linkname: 'f' }]);
    const img = await addImage(t.store, {
      layers: [layer],
      tag: 'docker.io/library/x:1',
      repoDigest: (m) => `docker.io/library/x@${m}`,
    });
    const s = (await t.store.snapshot()).images.get(img.id)!;
    expect(s.repoDigests).toEqual([`docker.io/library/x@${sha256(img.manifest)}`]);
    expect(s.size).toBe(301);
    expect(s.layers[0]).toMatchObject({ diffID: sha256(layer), tarSize: layer.length, size: 301, chainID: sha256(layer) });
  });

  it('refuses to record an image whose layers were not stored', async () => {
    const layer = gzipSync(await fileLayer('a', 'x'));
    const config = Buffer.from('{"rootfs":{"type":"layers","diff_ids":[]}}');
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(layer), size: layer.length }],
      }),
    );
    const { createImage } = await import('./create-image');
    await expect(createImage(t.store, { manifest, config })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('images other tools put in the layout', () => {
  it('computes missing sizes once, caches them in berth/meta.json, and reads familiar ref names', async () => {
    const layer = await tarOf([{ name: 'f', content: 'abc' }]);
    const gz = gzipSync(layer);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(layer)] } }));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(gz), size: gz.length }],
      }),
    );
    for (const b of [gz, config, manifest]) await writeFile(path.join(t.dir, 'blobs/sha256', sha256(b).slice(7)), b);
    await writeFile(
      path.join(t.dir, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: MEDIA.ociManifest, digest: sha256(manifest), size: manifest.length, annotations: { [REF_NAME]: 'busybox:1.35' } }] }),
    );
    const snap = await t.store.snapshot();
    const img = snap.byTag.get('docker.io/library/busybox:1.35');
    expect(img?.size).toBe(3);
    const meta = JSON.parse(await readFile(path.join(t.dir, 'berth/meta.json'), 'utf8'));
    expect(meta.layers[sha256(gz)]).toEqual({ diffID: sha256(layer), size: 3, tarSize: layer.length });
  });

  it('resolves an index to the child whose blobs are present', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')] });
    const missing = 'sha256:' + 'e'.repeat(64);
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.ociIndex,
        manifests: [
          { mediaType: MEDIA.ociManifest, digest: missing, size: 10, platform: { os: 'linux', architecture: process.arch === 'x64' ? 'amd64' : 'arm64' } },
          { mediaType: MEDIA.ociManifest, digest: img.manifestDigest, size: img.manifest.length, platform: { os: 'linux', architecture: 's390x' } },
        ],
      }),
    );
    const { createImage } = await import('./create-image');
    const created = await createImage(t.store, { manifest: img.manifest, config: img.config, index, tag: 'docker.io/library/multi:1' });
    expect(created.topDigest).toBe(sha256(index));
    const snap = await t.store.snapshot();
    expect(snap.byTag.get('docker.io/library/multi:1')?.id).toBe(img.id);
    expect(snap.broken).toEqual([]);
  });
});

describe('layers this Node cannot read', () => {
  const nodeHasZstd = 'createZstdDecompress' in zlib;
  it.skipIf(nodeHasZstd)('still lists a zstd image, with its size unknown (0) and the reason kept', async () => {
    const zstdBlob = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]);
    const layer = await t.store.ingest(zstdBlob);
    const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [sha256('whatever')] } }));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA.ociManifest,
        config: { mediaType: MEDIA.ociConfig, digest: sha256(config), size: config.length },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: layer.digest, size: layer.size }],
      }),
    );
    const { createImage } = await import('./create-image');
    await createImage(t.store, { manifest, config, tag: 'docker.io/library/z:1' });
    const img = (await t.store.snapshot()).byTag.get('docker.io/library/z:1');
    expect(img?.size).toBe(0);
    expect(img?.sizeProblem).toMatch(/zstd-compressed layers are not supported/);
  });
});

describe('watching', () => {
  it('reports changes made through another Store instance (another process in real life)', async () => {
    const seen: boolean[] = [];
    const stop = t.store.onChange((c) => seen.push(c.own));
    const other = await Store.open(t.dir);
    await addImage(other, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/w:1' });
    for (let i = 0; i < 250 && !seen.includes(false); i++) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(seen).toContain(false);
  });

  it('reports its own writes once, as own', async () => {
    const seen: boolean[] = [];
    const stop = t.store.onChange((c) => seen.push(c.own));
    await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/w:1' });
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect(seen).toEqual([true]);
  });

  it('does not take its own write for another process’s when the write is slow to finish', async () => {
    // The watcher fires 100 ms after the rename; here the write then takes 400 ms more to learn its stamp.
    const seen: boolean[] = [];
    const stop = t.store.onChange((c) => seen.push(c.own));
    const index = (t.store as unknown as { indexFile: { write(d: unknown): Promise<unknown> } }).indexFile;
    const write = index.write.bind(index);
    index.write = async (doc) => {
      const stamp = await write(doc);
      await new Promise((r) => setTimeout(r, 400));
      return stamp;
    };
    await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/w:1' });
    await new Promise((r) => setTimeout(r, 300));
    stop();
    expect(seen).toEqual([true]);
  });
});

