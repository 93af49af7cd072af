/**
 * Compression as Docker detects it: by magic bytes, for the outer archive and
 * for each layer. gzip comes from zlib; zstd from zlib where Node has it
 * (≥ 22.15), else from fzstd (pure JS); xz from xz-decompress (WebAssembly).
 * Both packages are optional: without them the format is refused by name.
 * bzip2 has no well-kept streaming decoder on npm and is refused.
 */
import { createRequire } from 'node:module';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { BerthError } from '../../../shared/errors';
import type { ArchiveLimits } from './limits';

export type Compression = 'none' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

const MAGIC: Array<[Exclude<Compression, 'none'>, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

export const MAGIC_BYTES = 6;

export function sniff(head: Uint8Array): Compression {
  for (const [kind, magic] of MAGIC) if (magic.every((b, i) => head[i] === b)) return kind;
  return 'none';
}

const require = createRequire(import.meta.url);

/** Loads an optional package by a name the bundler and type checker leave alone. */
function optional<T>(name: string): T | null {
  try {
    return require(name) as T;
  } catch {
    return null;
  }
}

function unsupported(kind: string, pkg: string): BerthError {
  return new BerthError('UNSUPPORTED', `${kind}-compressed data is not supported here (the ${pkg} package is not installed)`);
}

interface FzstdModule {
  Decompress: new (ondata: (chunk: Uint8Array, final?: boolean) => void) => { push(c: Uint8Array, final?: boolean): void };
}

/** fzstd's push API as a Node transform. */
class FzstdTransform extends Transform {
  private readonly d: InstanceType<FzstdModule['Decompress']>;
  constructor(mod: FzstdModule) {
    super();
    this.d = new mod.Decompress((chunk) => this.push(Buffer.from(chunk)));
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.d.push(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
  override _flush(cb: TransformCallback): void {
    try {
      this.d.push(new Uint8Array(0), true);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}

function zstdTransform(): Transform {
  const native = (zlib as unknown as { createZstdDecompress?: () => Transform }).createZstdDecompress;
  if (native) return native();
  const mod = optional<FzstdModule>('fzstd');
  if (!mod) throw unsupported('zstd', 'fzstd');
  return new FzstdTransform(mod);
}

function viaTransform(source: AsyncIterable<Uint8Array>, t: Transform): AsyncIterable<Buffer> {
  return pipeline(Readable.from(source, { objectMode: false }), t, () => {}) as AsyncIterable<Buffer>;
}

function xzDecode(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const mod = optional<{ XzReadableStream: new (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array> }>('xz-decompress');
  if (!mod) throw unsupported('xz', 'xz-decompress');
  const it = source[Symbol.asyncIterator]();
  const input = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(r.value);
    },
    async cancel() {
      await it.return?.();
    },
  });
  return new mod.XzReadableStream(input) as unknown as AsyncIterable<Uint8Array>;
}

function decoder(kind: Compression, source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  switch (kind) {
    case 'none':
      return source;
    case 'gzip':
      return viaTransform(source, zlib.createGunzip({ chunkSize: 256 * 1024 }));
    case 'zstd':
      return viaTransform(source, zstdTransform());
    case 'xz':
      return xzDecode(source);
    case 'bzip2':
      throw new BerthError('UNSUPPORTED', 'bzip2-compressed data is not supported: recompress it with gzip, xz or zstd');
  }
}

/** Yields the first `n` bytes (fewer at EOF) and then the whole stream again, unchanged. */
export async function peek(source: AsyncIterable<Uint8Array>, n: number): Promise<{ head: Buffer; stream: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const got: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    got.push(r.value);
    size += r.value.length;
  }
  async function* rest(): AsyncIterable<Uint8Array> {
    yield* got;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  return { head: Buffer.concat(got).subarray(0, n), stream: rest() };
}

export interface Decompressed {
  compression: Compression;
  stream: AsyncIterable<Uint8Array>;
}

/**
 * Detects the compression and decompresses, refusing output beyond the
 * limits: more than `maxDecompressedBytes`, or a ratio above `maxRatio` once
 * `ratioAfterBytes` came out (a decompression bomb). `what` names the stream in errors.
 */
export async function decompress(source: AsyncIterable<Uint8Array>, limits: ArchiveLimits, what: string): Promise<Decompressed> {
  const { head, stream } = await peek(source, MAGIC_BYTES);
  const compression = sniff(head);
  if (compression === 'none') return { compression, stream };
  let inBytes = 0;
  async function* counted(): AsyncIterable<Uint8Array> {
    for await (const c of stream) {
      inBytes += c.length;
      yield c;
    }
  }
  // Built on first read, so a missing decoder surfaces where the bytes are consumed, like any other failure.
  async function* decoded(): AsyncIterable<Uint8Array> {
    yield* decoder(compression, counted());
  }
  async function* guarded(): AsyncIterable<Uint8Array> {
    let out = 0;
    try {
      for await (const c of decoded()) {
        out += c.length;
        if (out > limits.maxDecompressedBytes) {
          throw new BerthError('FORBIDDEN', `${what}: decompresses to more than ${limits.maxDecompressedBytes} bytes; refusing it as a decompression bomb`);
        }
        if (out > limits.ratioAfterBytes && out > inBytes * limits.maxRatio) {
          throw new BerthError('FORBIDDEN', `${what}: decompression ratio exceeds ${limits.maxRatio}:1; refusing it as a decompression bomb`);
        }
        yield c;
      }
    } catch (e) {
      if (e instanceof BerthError) throw e;
      throw new BerthError('CORRUPT', `${what}: invalid ${compression} data (${(e as Error).message})`);
    }
  }
  return { compression, stream: guarded() };
}
