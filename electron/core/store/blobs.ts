/**
 * Content-addressed blobs under blobs/sha256/. A blob only appears at its
 * final path after its bytes were hashed and matched, fsynced and renamed in.
 */
import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors';
import { fsyncDir, isErrno, tempName } from './fsutil';
import type { StorePaths } from './paths';

export type BlobSource = Uint8Array | AsyncIterable<Uint8Array | string>;

export interface IngestOptions {
  /** When given, the bytes must hash to this digest (and have this size). */
  expected?: { digest: string; size?: number };
  /** Called with the digest once known, before the blob becomes visible (leases use it). */
  beforeCommit?: (digest: string) => Promise<void>;
  signal?: AbortSignal;
}

export interface BlobRef {
  digest: string;
  size: number;
}

export class BlobStore {
  constructor(private readonly paths: StorePaths) {}

  path(digest: string): string {
    return this.paths.blob(digest);
  }

  async has(digest: string): Promise<boolean> {
    return (await this.size(digest)) !== null;
  }

  async size(digest: string): Promise<number | null> {
    try {
      return (await stat(this.path(digest))).size;
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return null;
      throw e;
    }
  }

  async read(digest: string): Promise<Buffer> {
    try {
      return await readFile(this.path(digest));
    } catch (e) {
      if (isErrno(e, 'ENOENT')) throw new BerthError('NOT_FOUND', `blob ${digest} is missing from the store`);
      throw e;
    }
  }

  stream(digest: string): ReadStream {
    return createReadStream(this.path(digest));
  }

  /** Every blob file name under blobs/sha256 (including strays that are not digests). */
  async list(): Promise<string[]> {
    try {
      return await readdir(path.join(this.paths.blobsDir, 'sha256'));
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return [];
      throw e;
    }
  }

  async remove(digest: string): Promise<void> {
    await unlink(this.path(digest)).catch((e: unknown) => {
      if (!isErrno(e, 'ENOENT')) throw e;
    });
  }

  /** Streams bytes into the store, hashing as it writes; returns the verified digest and size. */
  async ingest(source: BlobSource, opts: IngestOptions = {}): Promise<BlobRef> {
    const tmp = tempName(this.paths.tmpDir);
    const hash = createHash('sha256');
    let size = 0;
    const fh = await open(tmp, 'wx', 0o644);
    try {
      for await (const chunk of chunks(source)) {
        opts.signal?.throwIfAborted();
        hash.update(chunk);
        size += chunk.length;
        await fh.write(chunk);
      }
      await fh.sync();
    } catch (e) {
      await fh.close();
      await unlink(tmp).catch(() => {});
      throw e;
    }
    await fh.close();
    const digest = `sha256:${hash.digest('hex')}`;
    try {
      checkExpected(opts.expected, digest, size);
      await opts.beforeCommit?.(digest);
      const target = this.path(digest);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      await fsyncDir(path.dirname(target));
    } finally {
      await unlink(tmp).catch(() => {});
    }
    return { digest, size };
  }
}

function checkExpected(expected: IngestOptions['expected'], digest: string, size: number): void {
  if (!expected) return;
  if (expected.digest !== digest) {
    throw new BerthError('DIGEST_MISMATCH', `digest mismatch: expected ${expected.digest}, got ${digest}`);
  }
  if (expected.size !== undefined && expected.size !== size) {
    throw new BerthError('DIGEST_MISMATCH', `size mismatch for ${digest}: expected ${expected.size}, got ${size}`);
  }
}

async function* chunks(source: BlobSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
    return;
  }
  for await (const c of source) yield typeof c === 'string' ? Buffer.from(c) : c;
}
