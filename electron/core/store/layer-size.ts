/**
 * Measures a layer blob the way dockerd 20.10 with overlay2 reports it: the
 * uncompressed tar's sha256 (the diffID), its byte length, and the layer's
 * "size" = regular file sizes + symlink target lengths, directories, devices
 * and hardlinks counting 0 (overlay2 sums Lstat sizes of non-directories and
 * counts a hardlinked inode once).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, Writable, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { BerthError } from '../../../shared/errors';
import type { LayerMeta } from './meta';
import { TarSizeScanner } from './tar-sizes';

export type Compression = 'gzip' | 'zstd' | 'none';

const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/** Compression from the blob's first bytes; media types lie more often than magic numbers. */
export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (Buffer.from(head.subarray(0, 4)).equals(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

type ZstdFactory = () => Transform;

function zstdDecoder(): Transform {
  // Node >= 22.15 ships zstd in zlib; Node 20 does not, and no decoder is bundled.
  const make = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  if (!make) {
    throw new BerthError(
      'UNSUPPORTED',
      `zstd-compressed layers are not supported by this Node.js (${process.version}); Node 22.15 or later is needed`,
    );
  }
  return make();
}

/** zlib's default 16 KiB output chunks make inflate callback-bound; larger ones halve its cost. */
export const INFLATE_CHUNK = 256 * 1024;

function decoder(kind: Compression): Transform {
  if (kind === 'gzip') return zlib.createGunzip({ chunkSize: INFLATE_CHUNK });
  if (kind === 'zstd') return zstdDecoder();
  return new PassThrough();
}

/** Reads the whole layer blob once. */
export async function measureLayerFile(file: string): Promise<LayerMeta> {
  const head = Buffer.alloc(4);
  const fh = await open(file, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  return measureStream(createReadStream(file, { highWaterMark: INFLATE_CHUNK }), sniffCompression(head));
}

/** Hashes and reads the headers of an uncompressed layer tar pushed through it in chunks. */
export class LayerMeter {
  private readonly hash = createHash('sha256');
  private readonly scanner = new TarSizeScanner();
  private tarSize = 0;

  /** Throws (CORRUPT) on a header that is not tar. */
  push(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.tarSize += chunk.length;
    try {
      this.scanner.push(chunk);
    } catch (e) {
      throw layerError(e);
    }
  }

  /** The facts, once every byte was pushed. */
  finish(): LayerMeta {
    let size: number;
    try {
      size = this.scanner.finish();
    } catch (e) {
      throw layerError(e);
    }
    return { diffID: `sha256:${this.hash.digest('hex')}`, size, tarSize: this.tarSize };
  }
}

export async function measureStream(input: Readable, compression: Compression): Promise<LayerMeta> {
  const meter = new LayerMeter();
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write(chunk: Buffer, _enc, cb) {
      try {
        meter.push(chunk);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
  let decode: Transform;
  try {
    decode = decoder(compression);
  } catch (e) {
    input.destroy();
    throw e;
  }
  try {
    await pipeline(input, decode, sink);
  } catch (e) {
    throw layerError(e);
  }
  return meter.finish();
}

function layerError(e: unknown): Error {
  if (e instanceof BerthError) return e;
  return new BerthError('CORRUPT', `cannot read layer: ${(e as Error).message}`);
}
