import { spawn, spawnSync } from 'node:child_process';
import { readdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addImage, fileLayer, sha256, tempStore } from './testing/build';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => t.cleanup());

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('gc', () => {
  it('removes unreachable blobs and keeps reachable ones, reporting freed bytes', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/k:1' });
    const junk = await t.store.ingest(Buffer.from('unreferenced'));
    const r = await t.store.gc();
    expect(r.removed).toEqual([junk.digest]);
    expect(r.reclaimed).toBe(12);
    expect(await t.store.blobs.has(img.manifestDigest)).toBe(true);
    expect(await t.store.blobs.has(img.id)).toBe(true);
  });

  it('collects on the next write what a process that dropped an image and died before its GC left', async () => {
    const keep = await addImage(t.store, { layers: [await fileLayer('k', 'keep')], tag: 'docker.io/library/keep:1' });
    const gone = await addImage(t.store, { layers: [await fileLayer('g', 'gone')], tag: 'docker.io/library/gone:1' });
    // the drop is written (meta with the debt first, then index.json) and the process dies: no gc()
    await t.store.update((tx) => tx.dropImage(gone.id));
    expect(await t.store.blobs.has(gone.id)).toBe(true);
    // any later write, here by a fresh process's store, pays the debt
    const next = await (await import('./store')).Store.open(t.dir);
    await next.update((tx) => tx.setTag('docker.io/library/keep:2', (tx.snapshot.byTag.get('docker.io/library/keep:1')!.descriptors[0])!));
    expect(await next.blobs.has(gone.id)).toBe(false);
    expect(await next.blobs.has(gone.manifestDigest)).toBe(false);
    expect(await next.blobs.has(keep.id)).toBe(true);
    // paid once: the flag is gone, so the next write does not collect again
    expect(JSON.parse(await (await import('node:fs/promises')).readFile(path.join(t.dir, 'berth', 'meta.json'), 'utf8')).gcOwed).toBeUndefined();
    next.close();
  });

  it('spares blobs leased by this process until the lease is released', async () => {
    const lease = t.store.lease();
    const b = await t.store.ingest(Buffer.from('in flight'), { lease });
    expect((await t.store.gc()).removed).toEqual([]);
    await lease.release();
    expect((await t.store.gc()).removed).toEqual([b.digest]);
  });

  it("spares blobs leased by another live process, but not a dead process's", async () => {
    const live = await t.store.ingest(Buffer.from('held by a live process'));
    const dead = await t.store.ingest(Buffer.from('held by a dead process'));
    const child = spawn('sleep', ['30']);
    try {
      await writeFile(path.join(t.store.paths.leasesDir, `${child.pid}-1`), JSON.stringify([live.digest]));
      const deadLease = path.join(t.store.paths.leasesDir, `${deadPid()}-1`);
      await writeFile(deadLease, JSON.stringify([dead.digest]));
      const r = await t.store.gc();
      expect(r.removed).toEqual([dead.digest]);
      expect(await t.store.blobs.has(live.digest)).toBe(true);
      expect(await readdir(t.store.paths.leasesDir)).toEqual([`${child.pid}-1`]);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('keeps the layers of an index child that is stored, and tolerates absent children', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')] });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: img.manifestDigest, size: img.manifest.length },
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:' + 'a'.repeat(64), size: 3 },
        ],
      }),
    );
    const { createImage } = await import('./create-image');
    await createImage(t.store, { manifest: img.manifest, config: img.config, index, tag: 'docker.io/library/m:1' });
    expect((await t.store.gc()).removed).toEqual([]);
    expect((await t.store.fsck()).problems).toEqual([]);
  });
});

describe('fsck', () => {
  it('passes a healthy store and counts what it checked', async () => {
    await addImage(t.store, { layers: [await fileLayer('a', 'x'), await fileLayer('b', 'y')], tag: 'docker.io/library/k:1' });
    const r = await t.store.fsck();
    expect(r).toEqual({ ok: true, blobsChecked: 4, refsChecked: 1, problems: [] });
  });

  it('detects a corrupted blob', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/k:1' });
    const victim = img.layerDigests[0]!;
    await writeFile(t.store.blobs.path(victim), 'garbage');
    const r = await t.store.fsck();
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'corrupt-blob', subject: victim }));
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'missing-blob', subject: victim }));
  });

  it('detects a missing blob', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/k:1' });
    await unlink(t.store.blobs.path(img.id));
    const r = await t.store.fsck();
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'missing-blob', subject: img.id })]);
  });

  it('detects stray temp files, and clears temp files of dead writers', async () => {
    await writeFile(path.join(t.dir, 'blobs/sha256/oci-put-blob123'), 'partial');
    await writeFile(path.join(t.dir, 'index.json.tmp42'), '{}');
    const abandoned = path.join(t.store.paths.tmpDir, `tmp-${deadPid()}-abcdef`);
    await writeFile(abandoned, 'half a blob');
    const r = await t.store.fsck();
    expect(r.problems.map((p) => [p.kind, p.subject])).toEqual([
      ['stray-file', 'blobs/sha256/oci-put-blob123'],
      ['stray-file', 'index.json.tmp42'],
    ]);
    expect(await readdir(t.store.paths.tmpDir)).toEqual([]);
  });

  it('detects metadata that contradicts the blobs', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', 'x')], tag: 'docker.io/library/k:1' });
    await t.store.snapshot(); // measures the layer and caches its facts
    const metaFile = t.store.paths.metaFile;
    const meta = JSON.parse(await (await import('node:fs/promises')).readFile(metaFile, 'utf8'));
    meta.layers[img.layerDigests[0]!].diffID = sha256('wrong');
    await writeFile(metaFile, JSON.stringify(meta));
    const r = await t.store.fsck();
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'metadata', subject: img.layerDigests[0] })]);
  });
});

