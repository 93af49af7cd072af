/**
 * Content-addressed blobs under blobs/sha256/. A blob only appears at its
 * final path after its bytes were verified (hashed here, or by a source that
 * verifies itself), fsynced and renamed in.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors';
import { crashPoint } from './crash-point';
import { fsyncDir, isErrno, tempName } from './fsutil';
import type { StorePaths } from './paths';

export type BlobSource = Uint8Array | AsyncIterable<Uint8Array | string>;

export interface IngestOptions {
  /** When given, the bytes must hash to this digest (and have this size). */
  expected?: { digest: string; size?: number };
  /**
   * The source verifies its own bytes against expected.digest and throws, before it ends,
   * when they do not match (the registry client's blob reader does, hashing as it
   * streams). Ingest then trusts a source that ended cleanly instead of hashing every
   * byte a second time; it still checks the size. Needs expected.digest and expected.size.
   */
  sourceVerified?: boolean;
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

  /**
   * A document blob (manifest, index, config: kilobytes). Read synchronously on
   * purpose: a cold listing reads thousands of them, and fs/promises' four
   * round trips per file cost several times the read itself.
   */
  async read(digest: string): Promise<Buffer> {
    try {
      return readFileSync(this.path(digest));
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
    const trusted = trustedDigest(opts);
    const tmp = tempName(this.paths.tmpDir);
    const hash = trusted ? undefined : createHash('sha256');
    let size = 0;
    const fh = await open(tmp, 'wx', 0o644);
    try {
      if (source instanceof Uint8Array) {
        hash?.update(source);
        size = source.length;
        await fh.writeFile(source);
      } else {
        size = await writeBatched(fh, source, (chunk) => {
          opts.signal?.throwIfAborted();
          hash?.update(chunk);
        });
      }
      // datasync: the bytes and the size reach the disk before the rename publishes them.
      await fh.datasync();
    } catch (e) {
      await fh.close();
      await unlink(tmp).catch(() => {});
      throw e;
    }
    await fh.close();
    crashPoint('blob.temp-written');
    const digest = trusted ?? `sha256:${hash!.digest('hex')}`;
    try {
      checkExpected(opts.expected, digest, size);
      await opts.beforeCommit?.(digest);
      const target = this.path(digest);
      await mkdir(path.dirname(target), { recursive: true });
      crashPoint('blob.before-rename');
      await rename(tmp, target);
      crashPoint('blob.after-rename');
      await fsyncDir(path.dirname(target));
    } finally {
      await unlink(tmp).catch(() => {});
    }
    return { digest, size };
  }
}

/** The digest a verifying source vouches for, or undefined when ingest must hash itself. */
function trustedDigest(opts: IngestOptions): string | undefined {
  if (!opts.sourceVerified) return undefined;
  const { digest, size } = opts.expected ?? {};
  if (digest === undefined || size === undefined) throw new BerthError('INTERNAL', 'ingest: sourceVerified needs the expected digest and size');
  // Blobs are named by sha256: a source verifying another algorithm cannot vouch for that name.
  return digest.startsWith('sha256:') ? digest : undefined;
}

/** Write batches: large enough that a 100 MB layer takes ~100 writes, not thousands. */
const BATCH_BYTES = 1 << 20;

/**
 * Copies the source's chunks into two alternating batch buffers and writes each full
 * one while the next fills, so the disk write overlaps the network read. Copying (not
 * holding the caller's chunks) keeps a source that reuses its buffers safe, and memory
 * at two batches whatever the blob size. Returns the byte count.
 */
async function writeBatched(fh: FileHandle, source: AsyncIterable<Uint8Array | string>, onChunk: (chunk: Uint8Array) => void): Promise<number> {
  const buffers: Buffer[] = []; // the second one only once the first is being written
  let current = 0;
  let fill = 0;
  let position = 0;
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await inFlight; // at most one write at a time: the other buffer is free again
    const write = writeFully(fh, buffers[current]!, fill, position);
    write.catch(() => {}); // awaited by the next flush or at the end
    inFlight = write;
    position += fill;
    current ^= 1;
    fill = 0;
  };
  try {
    for await (const c of source) {
      const chunk = typeof c === 'string' ? Buffer.from(c) : c;
      onChunk(chunk);
      for (let at = 0; at < chunk.length; ) {
        const n = Math.min(BATCH_BYTES - fill, chunk.length - at);
        (buffers[current] ??= Buffer.allocUnsafeSlow(BATCH_BYTES)).set(chunk.subarray(at, at + n), fill);
        fill += n;
        at += n;
        if (fill === BATCH_BYTES) await flush();
      }
    }
    if (fill > 0) await flush();
  } catch (e) {
    await inFlight.catch(() => {}); // the source's error is the one to report
    throw e;
  }
  await inFlight;
  return position;
}

/** write(2) may take fewer bytes than asked (a signal, a nearly full disk): go on until all are written. */
async function writeFully(fh: FileHandle, buf: Buffer, length: number, position: number): Promise<void> {
  for (let done = 0; done < length; ) {
    const { bytesWritten } = await fh.write(buf, done, length - done, position + done);
    done += bytesWritten;
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
