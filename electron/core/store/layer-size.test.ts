import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureLayerFile } from './layer-size';
import { sha256, tarOf } from './testing/build';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-layer-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function measure(bytes: Buffer) {
  const f = path.join(dir, 'blob');
  await writeFile(f, bytes);
  return measureLayerFile(f);
}

describe('measureLayerFile', () => {
  it('counts regular file sizes and symlink target lengths; dirs and hardlinks count 0', async () => {
    const t = await tarOf([
      { name: 'bin', type: 'directory' },
      { name: 'bin/a', content: 'x'.repeat(1000) },
      { name: 'bin/b', type: 'symlink', linkname: 'a' },
      { name: 'bin/long', type: 'symlink', linkname: '/usr/share/zoneinfo/Europe/Berlin' },
      { name: 'bin/c', type: 'link', linkname: 'bin/a' },
      { name: 'etc/é', content: 'ünï' },
    ]);
    const m = await measure(gzipSync(t));
    expect(m.size).toBe(1000 + 1 + '/usr/share/zoneinfo/Europe/Berlin'.length + Buffer.byteLength('ünï'));
    expect(m.tarSize).toBe(t.length);
    expect(m.diffID).toBe(sha256(t));
  });

  it('reads uncompressed tars the same way', async () => {
    const t = await tarOf([{ name: 'f', content: 'hello' }]);
    expect(await measure(t)).toEqual({ diffID: sha256(t), size: 5, tarSize: t.length });
  });

  it('counts a path written twice once, with its last size', async () => {
    const t = await tarOf([
      { name: 'f', content: 'long content here' },
      { name: './f', content: 'ab' },
    ]);
    expect((await measure(t)).size).toBe(2);
  });

  it('accepts a tar that stops right after the last entry data (no padding, no end blocks)', async () => {
    const t = await tarOf([{ name: 'f', content: 'hello' }]);
    const cut = t.subarray(0, 512 + 5);
    const m = await measure(gzipSync(cut));
    expect(m).toEqual({ diffID: sha256(cut), size: 5, tarSize: cut.length });
  });

  it('refuses a tar truncated inside an entry', async () => {
    const t = await tarOf([{ name: 'f', content: 'x'.repeat(2000) }]);
    await expect(measure(gzipSync(t.subarray(0, 900)))).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('reports zstd layers as unsupported on a Node without zstd', async () => {
    const zstdFrame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]);
    const hasZstd = 'createZstdDecompress' in (await import('node:zlib'));
    const run = measure(zstdFrame);
    if (hasZstd) await expect(run).rejects.toMatchObject({ code: 'CORRUPT' });
    else await expect(run).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/zstd/) });
  });
});
