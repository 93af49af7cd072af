import { createWriteStream } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addImage, fileLayer, sha256, tarOf, tempStore } from '../store/testing/build';
import type { Store } from '../store';
import { loadArchive } from './load';
import { saveToFile } from './save-file';

let src: Awaited<ReturnType<typeof tempStore>>;
let dst: Awaited<ReturnType<typeof tempStore>>;

beforeEach(async () => {
  src = await tempStore();
  dst = await tempStore();
});
afterEach(async () => {
  await src.cleanup();
  await dst.cleanup();
});

async function entries(file: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = (async () => {
    for await (const e of extract) {
      const parts: Buffer[] = [];
      for await (const c of e) parts.push(c as Buffer);
      out.set(e.header.name, Buffer.concat(parts));
    }
  })();
  extract.end(await readFile(file));
  await done;
  return out;
}

async function blobSet(store: Store): Promise<string[]> {
  return (await readdir(path.join(store.root, 'blobs', 'sha256'))).sort();
}

describe('save', () => {
  it("writes Docker 25's layout with uncompressed layers under their diffIDs, shared blobs once", async () => {
    const shared = await fileLayer('etc/os-release', 'shared');
    const a = await addImage(src.store, { layers: [shared, await fileLayer('a', 'A')], tag: 'docker.io/library/app:1' });
    const b = await addImage(src.store, { layers: [shared], tag: 'example.com:5000/team/b:2' });
    const file = path.join(src.dir, 'out.tar');
    await saveToFile(src.store, ['app:1', 'example.com:5000/team/b:2'], file);
    const files = await entries(file);
    const manifest = JSON.parse(files.get('manifest.json')!.toString());
    expect(manifest).toEqual([
      { Config: `blobs/sha256/${a.id.slice(7)}`, RepoTags: ['app:1'], Layers: [`blobs/sha256/${sha256(shared).slice(7)}`, expect.stringMatching(/^blobs\/sha256\//)] },
      { Config: `blobs/sha256/${b.id.slice(7)}`, RepoTags: ['example.com:5000/team/b:2'], Layers: [`blobs/sha256/${sha256(shared).slice(7)}`] },
    ]);
    for (const l of manifest[0].Layers as string[]) expect(sha256(files.get(l)!)).toBe(`sha256:${l.slice(13)}`);
    expect(files.get(`blobs/sha256/${sha256(shared).slice(7)}`)).toEqual(shared); // gzip in the store, plain in the archive
    expect([...files.keys()].filter((k) => k === `blobs/sha256/${sha256(shared).slice(7)}`)).toHaveLength(1);
    const index = JSON.parse(files.get('index.json')!.toString());
    expect(index.manifests.map((d: { annotations: Record<string, string> }) => d.annotations)).toEqual([
      { 'io.containerd.image.name': 'docker.io/library/app:1', 'org.opencontainers.image.ref.name': '1' },
      { 'io.containerd.image.name': 'example.com:5000/team/b:2', 'org.opencontainers.image.ref.name': '2' },
    ]);
    expect(JSON.parse(files.get('oci-layout')!.toString())).toEqual({ imageLayoutVersion: '1.0.0' });
    expect(Object.keys(JSON.parse(files.get('repositories')!.toString()))).toEqual(['app', 'example.com:5000/team/b']);
  });

  it('saves by ID without names, and every tag of a bare repository name', async () => {
    const one = await addImage(src.store, { layers: [await fileLayer('x', '1')], tag: 'docker.io/library/r:1' });
    await addImage(src.store, { layers: [await fileLayer('x', '2')], tag: 'docker.io/library/r:2' });
    const byId = path.join(src.dir, 'id.tar');
    await saveToFile(src.store, [one.id.slice(7, 19)], byId);
    expect(JSON.parse((await entries(byId)).get('manifest.json')!.toString())[0].RepoTags).toBeNull();
    const all = path.join(src.dir, 'all.tar');
    await saveToFile(src.store, ['r'], all);
    expect(JSON.parse((await entries(all)).get('manifest.json')!.toString()).map((m: { RepoTags: string[] }) => m.RepoTags)).toEqual([['r:1'], ['r:2']]);
  });

  it('leaves no file behind when it fails, and keeps an existing one', async () => {
    const file = path.join(src.dir, 'keep.tar');
    await writeFile(file, 'old');
    await expect(saveToFile(src.store, ['nosuch:1'], file)).rejects.toThrow('No such image: nosuch:1');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect((await readdir(src.dir)).filter((n) => n.includes('berth-'))).toEqual([]);
  });
});

describe('load', () => {
  it('round-trips both formats with identical image IDs, tags and manifest digests (oci)', async () => {
    const img = await addImage(src.store, { layers: [await fileLayer('a', 'A'), await fileLayer('b', 'B')], tag: 'docker.io/library/rt:1' });
    for (const format of ['docker', 'oci'] as const) {
      const file = path.join(src.dir, `${format}.tar`);
      await saveToFile(src.store, ['rt:1'], file, { format });
      const r = await loadArchive(dst.store, { path: file });
      expect(r.images).toEqual([{ id: img.id, tags: ['docker.io/library/rt:1'] }]);
      const loaded = (await dst.store.snapshot()).byTag.get('docker.io/library/rt:1')!;
      expect(loaded.id).toBe(img.id);
      const tagged = (await dst.store.readIndex()).manifests.find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === 'docker.io/library/rt:1');
      if (format === 'oci') expect(tagged?.digest).toBe(img.manifestDigest); // blobs kept as they are
      expect((await dst.store.fsck()).problems).toEqual([]);
    }
  });

  it("prints Docker's lines: a moved tag, then Loaded image; IDs only when nothing is named", async () => {
    const first = await addImage(dst.store, { layers: [await fileLayer('v', '1')], tag: 'docker.io/library/mv:latest' });
    const second = await addImage(src.store, { layers: [await fileLayer('v', '2')], tag: 'docker.io/library/mv:latest' });
    const file = path.join(src.dir, 'mv.tar');
    await saveToFile(src.store, ['mv'], file);
    const r = await loadArchive(dst.store, { path: file });
    expect(r.messages).toEqual([`The image mv:latest already exists, renaming the old one with ID ${first.id} to empty string`, 'Loaded image: mv:latest']);
    expect((await dst.store.snapshot()).byTag.get('docker.io/library/mv:latest')!.id).toBe(second.id);
    const byId = path.join(src.dir, 'byid.tar');
    await saveToFile(src.store, [second.id], byId);
    expect((await loadArchive(dst.store, { path: byId })).messages).toEqual([`Loaded image ID: ${second.id}`]);
  });

  it('reads the legacy layout, links, a gzip-compressed archive and gzip layers, storing layers uncompressed', async () => {
    const layer = await fileLayer('etc/hostname', 'legacy');
    const config = Buffer.from(JSON.stringify({ os: 'linux', architecture: 'amd64', rootfs: { type: 'layers', diff_ids: [sha256(layer), sha256(layer)] } }));
    const hex = sha256(config).slice(7);
    const archive = await tarOf([
      { name: `${hex}.json`, content: config },
      { name: 'l1', type: 'directory' },
      { name: 'l1/layer.tar', content: gzipSync(layer) },
      { name: 'l2/layer.tar', type: 'symlink', linkname: '../l1/layer.tar' },
      { name: 'manifest.json', content: JSON.stringify([{ Config: `${hex}.json`, RepoTags: ['legacy:v1'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }]) },
    ]);
    const file = path.join(src.dir, 'legacy.tar.gz');
    await writeFile(file, gzipSync(archive));
    const r = await loadArchive(dst.store, { path: file });
    expect(r.messages).toEqual(['Loaded image: legacy:v1']);
    const img = (await dst.store.snapshot()).byTag.get('docker.io/library/legacy:v1')!;
    expect(img.id).toBe(sha256(config));
    expect(img.layers.map((l) => [l.digest, l.mediaType])).toEqual([
      [sha256(layer), 'application/vnd.oci.image.layer.v1.tar'],
      [sha256(layer), 'application/vnd.oci.image.layer.v1.tar'],
    ]);
    expect(await blobSet(dst.store)).not.toContain(sha256(gzipSync(layer)).slice(7)); // the gzip copy was not kept
  });

  it('keeps large entries out of memory: spooled into the store, unclaimed ones removed afterwards', async () => {
    const big = await tarOf([{ name: 'big.bin', content: Buffer.alloc(3 * 1024 * 1024, 7) }]);
    const junk = Buffer.alloc(2 * 1024 * 1024, 9);
    const config = Buffer.from(JSON.stringify({ os: 'linux', rootfs: { type: 'layers', diff_ids: [sha256(big)] } }));
    const file = path.join(src.dir, 'late-manifest.tar');
    const pack = tar.pack();
    const written = new Promise<void>((resolve, reject) => pack.pipe(createWriteStream(file)).on('finish', () => resolve()).on('error', reject));
    pack.entry({ name: 'layer/layer.tar' }, big);
    pack.entry({ name: 'junk.bin' }, junk);
    pack.entry({ name: 'c.json' }, config);
    pack.entry({ name: 'manifest.json' }, JSON.stringify([{ Config: 'c.json', RepoTags: ['late:1'], Layers: ['layer/layer.tar'] }]));
    pack.finalize();
    await written;
    const before = await blobSet(dst.store);
    const lines: string[] = [];
    await loadArchive(dst.store, { path: file }, { limits: { smallEntryBytes: 1024 * 1024 }, progress: { layer: (id, c, t) => c === t && lines.push(`${id} ${c}`) } });
    const after = await blobSet(dst.store);
    expect(after).toContain(sha256(big).slice(7));
    expect(after).not.toContain(sha256(junk).slice(7));
    expect(after.length - before.length).toBe(3); // layer, config, manifest
    expect(lines).toEqual([`layer/layer. ${big.length}`, `junk.bin ${junk.length}`]);
    expect((await stat(path.join(dst.store.root, 'berth', 'leases')).then(async () => readdir(path.join(dst.store.root, 'berth', 'leases'))))).toEqual([]);
  });
});
