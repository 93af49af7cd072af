import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompress, peek, sniff } from './compression';
import { DEFAULT_LIMITS, withLimits } from './limits';

// rootfs.tar.{xz,zst,bz2} were made with the xz, zstd and bzip2 tools from one tar whose sha256 is:
const TAR_SHA = '149ea7be098ceda69d5ae49de8f607c21686acd6546e1ec400c370879e29e396';
const fixture = (name: string) => readFile(new URL(`./__fixtures__/${name}`, import.meta.url));
const require = createRequire(import.meta.url);
/** xz and zstd decoding come from optional packages; without them the format must be refused by name. */
const installed = (pkg: string): boolean => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

async function* chunks(b: Buffer, size = 7): AsyncIterable<Uint8Array> {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function drain(s: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of s) parts.push(c);
  return Buffer.concat(parts);
}

describe('compression', () => {
  it('is detected by magic bytes', async () => {
    expect(sniff(gzipSync('x'))).toBe('gzip');
    expect(sniff(await fixture('rootfs.tar.xz'))).toBe('xz');
    expect(sniff(await fixture('rootfs.tar.zst'))).toBe('zstd');
    expect(sniff(await fixture('rootfs.tar.bz2'))).toBe('bzip2');
    expect(sniff(Buffer.from('etc/issue'))).toBe('none');
    expect(sniff(Buffer.alloc(0))).toBe('none');
  });

  it('peeks without losing bytes, even from tiny chunks', async () => {
    const data = Buffer.from('0123456789abcdef');
    const { head, stream } = await peek(chunks(data, 3), 6);
    expect(head.toString()).toBe('012345');
    expect((await drain(stream)).toString()).toBe('0123456789abcdef');
  });

  it.each([
    ['rootfs.tar.xz', 'xz', 'xz-decompress'],
    ['rootfs.tar.zst', 'zstd', 'fzstd'],
  ])('decodes %s in small chunks to the original tar (or refuses it naming %s)', async (name, kind, pkg) => {
    const { compression, stream } = await decompress(chunks(await fixture(name)), DEFAULT_LIMITS, name);
    expect(compression).toBe(kind);
    if (installed(pkg) || (kind === 'zstd' && 'createZstdDecompress' in zlib)) {
      expect(createHash('sha256').update(await drain(stream)).digest('hex')).toBe(TAR_SHA);
    } else {
      await expect(drain(stream)).rejects.toMatchObject({ code: 'UNSUPPORTED', message: `${kind}-compressed data is not supported here (the ${pkg} package is not installed)` });
    }
  });

  it('refuses bzip2 by name', async () => {
    await expect(decompress(chunks(await fixture('rootfs.tar.bz2')), DEFAULT_LIMITS, 'x').then((d) => drain(d.stream))).rejects.toThrow(
      'bzip2-compressed data is not supported',
    );
  });

  it('reports damaged data as CORRUPT naming the stream', async () => {
    const gz = gzipSync(Buffer.alloc(10000, 1));
    const { stream } = await decompress(chunks(gz.subarray(0, gz.length - 12), 100), DEFAULT_LIMITS, 'layer x');
    await expect(drain(stream)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/^layer x: invalid gzip data/) });
  });

  it('stops a bomb by ratio and by total', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
    const byRatio = withLimits({ ratioAfterBytes: 1024 * 1024, maxRatio: 100 });
    await expect(decompress(chunks(bomb, 4096), byRatio, 'b').then((d) => drain(d.stream))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'b: decompression ratio exceeds 100:1; refusing it as a decompression bomb',
    });
    const byTotal = withLimits({ maxDecompressedBytes: 1024 * 1024 });
    await expect(decompress(chunks(bomb, 4096), byTotal, 'b').then((d) => drain(d.stream))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/more than 1048576 bytes/) });
    const roomy = withLimits({ ratioAfterBytes: 1024 * 1024, maxRatio: 2000 });
    expect((await drain((await decompress(chunks(bomb, 4096), roomy, 'b')).stream)).length).toBe(8 * 1024 * 1024);
  });
});
