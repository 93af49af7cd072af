// The hostile archive corpus (test/fixtures/hostile-archives.ts) against the
// real loader on a real store holding an image: each archive is refused with
// its own error, and the store is left exactly as it was (index.json bytes,
// meta, blob set, temp dir, leases) and passes fsck.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../shared/errors';
import { loadArchive } from '../../electron/core/archive';
import { Store } from '../../electron/core/store';
import { addImage, fileLayer } from '../../electron/core/store/testing/build';
import { hostileArchives, validArchive, type HostileCase } from '../fixtures/hostile-archives';
import { tempDir, type TempDir } from '../fixtures/tools';

let work: TempDir;
let store: Store;
let cases: HostileCase[];

async function* chunked(b: Buffer): AsyncIterable<Uint8Array> {
  for (let i = 0; i < b.length; i += 64 * 1024) yield b.subarray(i, i + 64 * 1024);
}

async function state(): Promise<{ index: string; meta: string; blobs: string[]; tmp: string[]; leases: string[] }> {
  const ls = async (d: string) => (await readdir(join(store.root, d)).catch(() => [])).sort();
  return {
    index: await readFile(join(store.root, 'index.json'), 'utf8'),
    meta: await readFile(join(store.root, 'berth', 'meta.json'), 'utf8').catch(() => ''),
    blobs: await ls('blobs/sha256'),
    tmp: await ls('berth/tmp'),
    leases: await ls('berth/leases'),
  };
}

beforeAll(async () => {
  work = await tempDir('berth-archive-hostile');
  store = await Store.open(join(work.path, 'store'));
  await addImage(store, { layers: [await fileLayer('etc/motd', 'present before')], tag: 'docker.io/library/present:1' });
  await store.snapshot(); // settles meta.json so later reads compare like with like
  cases = await hostileArchives();
}, 120_000);

afterAll(async () => {
  store?.close();
  await work?.remove();
});

describe('hostile archives', () => {
  it('has a case for each class of attack the loader must refuse', () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining([
      'path-traversal', 'absolute-path', 'manifest-symlink', 'index-hardlink', 'symlink-outside', 'hardlink-outside',
      'duplicate-entry', 'truncated', 'header-lies-size', 'gzip-bomb-archive', 'gzip-bomb-layer', 'gzip-total-cap',
    ]));
  });

  it('refuses each one with its own error and leaves the store unchanged', async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const before = await state();
      let error: unknown;
      try {
        await loadArchive(store, { stream: chunked(c.bytes) }, c.limits ? { limits: c.limits } : {});
      } catch (e) {
        error = e;
      }
      const got = isBerthError(error) ? `${error.code}: ${error.message}` : `no refusal (${String(error)})`;
      if (!isBerthError(error) || error.code !== c.code || !c.message.test(error.message)) failures.push(`${c.name}: got ${got}`);
      expect(await state(), c.name).toEqual(before);
    }
    expect(failures).toEqual([]);
    const fsck = await store.fsck();
    expect(fsck.problems).toEqual([]);
  }, 120_000);

  it('loads the same image when nothing is bent (so the refusals are about the bends)', async () => {
    const r = await loadArchive(store, { stream: chunked(await validArchive()) });
    expect(r.messages).toEqual(['Loaded image: hostile/img:1']);
    expect((await store.snapshot()).byTag.get('docker.io/hostile/img:1')?.id).toBe(r.images[0]!.id);
  });
});
