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
import { PassThrough, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import tar from 'tar-stream';
import { BerthError } from '../../../shared/errors';
import type { LayerMeta } from './meta';

type Compression = 'gzip' | 'zstd' | 'none';

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

function decoder(kind: Compression): Transform {
  if (kind === 'gzip') return zlib.createGunzip();
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
  return measureStream(createReadStream(file), sniffCompression(head));
}

export async function measureStream(input: Readable, compression: Compression): Promise<LayerMeta> {
  const hash = createHash('sha256');
  let tarSize = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      tarSize += chunk.length;
      cb(null, chunk);
    },
  });
  const sizes = new Map<string, number>();
  const extract = tar.extract();
  let inEntry = false;
  extract.on('entry', (header, stream, next) => {
    inEntry = true;
    sizes.set(entryPath(header.name), entrySize(header));
    stream.on('error', () => {}); // the extract stream reports it to the pipeline
    stream.on('end', () => {
      inEntry = false;
      next();
    });
    stream.resume();
  });
  try {
    await pipeline(input, decoder(compression), counter, extract);
  } catch (e) {
    // Docker accepts tars that stop right after the last entry's data (no padding, no end
    // blocks). tar-stream only notices at its final flush, after every byte passed the hash.
    if (inEntry || !/Unexpected end of data/.test((e as Error).message)) throw layerError(e);
  }
  let size = 0;
  for (const n of sizes.values()) size += n;
  return { diffID: `sha256:${hash.digest('hex')}`, size, tarSize };
}

function entrySize(h: tar.Header): number {
  if (h.type === 'file' || h.type === 'contiguous-file') return h.size ?? 0;
  if (h.type === 'symlink') return Buffer.byteLength(h.linkname ?? '', 'utf8');
  return 0;
}

/** A later entry for the same path replaces the earlier one, as extraction would. */
function entryPath(name: string): string {
  return name.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

function layerError(e: unknown): Error {
  if (e instanceof BerthError) return e;
  return new BerthError('CORRUPT', `cannot read layer: ${(e as Error).message}`);
}
