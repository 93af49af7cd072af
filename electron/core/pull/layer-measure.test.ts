import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureLayerFile } from '../store';
import { sha256, tarOf } from '../store/testing/build';
import { measured, StreamMeasure } from './layer-measure';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-measure-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** Feeds bytes in network-sized pieces, as a download would. */
async function measure(bytes: Buffer, piece = 64 * 1024): Promise<StreamMeasure> {
  const m = new StreamMeasure();
  for (let i = 0; i < bytes.length; i += piece) await m.write(bytes.subarray(i, i + piece));
  return m;
}

async function layerTar(): Promise<Buffer> {
  const files = Array.from({ length: 40 }, (_, i) => ({ name: `d/f${i}`, content: Buffer.alloc(30_000 + i, i) }));
  return tarOf([...files, { name: 'd/link', type: 'symlink', linkname: 'f1' }]);
}

describe('StreamMeasure', () => {
  it('gives the facts the store measures from the finished blob, gzip or plain, whatever the pieces', async () => {
    const tar = await layerTar();
    for (const blob of [gzipSync(tar), tar]) {
      const file = path.join(dir, 'blob');
      await writeFile(file, blob);
      const stored = await measureLayerFile(file);
      expect(stored.diffID).toBe(sha256(tar));
      for (const piece of [1000, 64 * 1024, blob.length]) {
        expect(await (await measure(blob, piece)).end()).toEqual(stored);
      }
    }
  });

  it('reports a broken gzip stream at end(), never from write()', async () => {
    const gz = gzipSync(await layerTar());
    gz[Math.floor(gz.length / 2)]! ^= 0xff;
    gz[Math.floor(gz.length / 2) + 1]! ^= 0xff;
    const m = await measure(gz); // must not throw or hang
    await expect(m.end()).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('reports bytes that are not a tar as CORRUPT at end()', async () => {
    const m = await measure(Buffer.alloc(4096, 0x41));
    await expect(m.end()).rejects.toMatchObject({ code: 'CORRUPT' });
    const g = await measure(gzipSync(Buffer.alloc(4096, 0x41)));
    await expect(g.end()).rejects.toMatchObject({ code: 'CORRUPT' });
  });

  it('stops when the download fails, passing the failure on', async () => {
    const gz = gzipSync(await layerTar());
    const m = new StreamMeasure();
    async function* failing(): AsyncGenerator<Buffer> {
      yield gz.subarray(0, 1000);
      throw new Error('connection reset');
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const c of measured(failing(), m)) seen.push(c.length);
      })(),
    ).rejects.toThrow('connection reset');
    expect(seen).toEqual([1000]);
    await expect(m.end()).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
