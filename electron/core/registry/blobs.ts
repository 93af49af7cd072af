/**
 * Blob download that hashes while streaming and verifies digest and size at
 * the end. A connection cut mid-body resumes with `Range: bytes=N-` (206
 * expected; a 200 is skipped forward) and keeps hashing from where it was, so
 * the caller's sink sees every byte exactly once. A body that ends (cleanly
 * or not) short of the expected size resumes the same way.
 */
import type { Hash } from 'node:crypto';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { BerthError } from '../../../shared/errors';
import { repositoryScope, type RegistryClient } from './client';
import { hasherFor } from './digest';
import { networkError } from './network-errors';
import { waitWithCountdown, type RetryListener } from './retry';
import { cancelled, discard, header, type HttpResponse } from './transport';

export interface BlobRef {
  digest: string;
  /** Expected size; -1 or undefined when unknown (then only the digest is checked). */
  size?: number;
}

export interface BlobProgress {
  current: number;
  total: number;
}

export interface BlobDownloadOptions {
  signal?: AbortSignal;
  /** Continue a download: offset bytes already received, and a hash fed with exactly those bytes. */
  resume?: { offset: number; hash: Hash };
  onProgress?: (p: BlobProgress) => void;
  onRetry?: RetryListener;
  /** What the blob is, for Docker's wording of a mismatch. Default 'layer'. */
  kind?: 'layer' | 'config';
}

export function verificationFailed(digest: string, details?: unknown, kind: 'layer' | 'config' = 'layer'): BerthError {
  const what = kind === 'config' ? 'image config' : 'filesystem layer';
  return new BerthError('DIGEST_MISMATCH', `${what} verification failed for digest ${digest}`, details);
}

async function open(client: RegistryClient, repo: string, blob: BlobRef, offset: number, opts: BlobDownloadOptions): Promise<{ res: HttpResponse; skip: number }> {
  const res = await client.request({
    method: 'GET',
    path: `/v2/${repo}/blobs/${blob.digest}`,
    headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
    scopes: [repositoryScope(repo, 'pull')],
    expect: offset > 0 ? [200, 206, 416] : [200],
    errorContext: { op: 'pull' },
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
  });
  if (res.status === 416) {
    // Nothing left past offset: the blob is shorter than we were told.
    await discard(res);
    throw verificationFailed(blob.digest, { expectedSize: blob.size, receivedAtLeast: offset }, opts.kind);
  }
  if (res.status === 200) return { res, skip: offset }; // Range ignored: the whole blob again
  const start = /^bytes (\d+)-/.exec(header(res, 'content-range') ?? '')?.[1];
  if (start !== undefined && Number(start) !== offset) {
    await discard(res);
    throw new BerthError('NETWORK', `resuming ${blob.digest}: asked for bytes from ${offset}, got range from ${start}`);
  }
  return { res, skip: 0 };
}

/**
 * The blob's bytes as an async iterable of chunks. Throws DIGEST_MISMATCH
 * (after the last chunk) when the bytes do not match the digest or size.
 */
export async function* blobChunks(client: RegistryClient, repo: string, blob: BlobRef, opts: BlobDownloadOptions = {}): AsyncGenerator<Buffer> {
  const hash = opts.resume?.hash ?? hasherFor(blob.digest);
  const total = blob.size ?? -1;
  let offset = opts.resume?.offset ?? 0;
  let idleFailures = 0;
  for (;;) {
    const roundStart = offset;
    const { res, skip: toSkip } = await open(client, repo, blob, offset, opts);
    let skip = toSkip;
    let cut: unknown;
    try {
      for await (const raw of res.body as AsyncIterable<Buffer>) {
        let chunk = raw;
        if (skip > 0) {
          const drop = Math.min(skip, chunk.length);
          skip -= drop;
          chunk = chunk.subarray(drop);
          if (chunk.length === 0) continue;
        }
        offset += chunk.length;
        if (total >= 0 && offset > total) throw verificationFailed(blob.digest, { expectedSize: total, receivedAtLeast: offset }, opts.kind);
        hash.update(chunk);
        opts.onProgress?.({ current: offset, total });
        yield chunk;
      }
    } catch (e) {
      if (opts.signal?.aborted) throw cancelled();
      if (e instanceof BerthError) throw e;
      cut = e;
    } finally {
      if (!res.body.destroyed) res.body.destroy();
    }
    // Every expected byte is here (a connection that then breaks, e.g. under a Content-Length
    // that promised more, changes nothing), or the size is unknown and the body ended cleanly:
    // the hash decides. A body that ended short of the size resumes like a cut one.
    if ((total >= 0 && offset >= total) || (total < 0 && cut === undefined)) break;
    const error = cut === undefined ? new BerthError('NETWORK', `unexpected EOF reading ${blob.digest}`) : networkError(cut, 'GET', res.url);
    // A round that moved forward resumes at once; only rounds without progress count and wait.
    if (offset > roundStart) continue;
    idleFailures++;
    if (idleFailures >= client.retry.attempts) throw error;
    await waitWithCountdown(client.retry.delayMs(idleFailures), { attempt: idleFailures, error, signal: opts.signal, onRetry: opts.onRetry });
  }
  const actual = `${blob.digest.split(':')[0]}:${hash.digest('hex')}`;
  if (actual !== blob.digest || (total >= 0 && offset !== total)) {
    throw verificationFailed(blob.digest, { actual, size: offset, expectedSize: total }, opts.kind);
  }
}

/** The same bytes as a Readable (errors, including DIGEST_MISMATCH, arrive as 'error'). */
export function blobReadable(client: RegistryClient, repo: string, blob: BlobRef, opts: BlobDownloadOptions = {}): Readable {
  return Readable.from(blobChunks(client, repo, blob, opts), { objectMode: false });
}

export type BlobSink = Writable | ((chunk: Buffer) => void | Promise<void>);

/** Streams the blob into sink (not ended here) and resolves once digest and size check out. */
export async function downloadBlob(client: RegistryClient, repo: string, blob: BlobRef, sink: BlobSink, opts: BlobDownloadOptions = {}): Promise<{ digest: string; size: number }> {
  let size = opts.resume?.offset ?? 0;
  for await (const chunk of blobChunks(client, repo, blob, opts)) {
    size += chunk.length;
    if (typeof sink === 'function') await sink(chunk);
    else if (!sink.write(chunk)) await once(sink, 'drain', opts.signal ? { signal: opts.signal } : {});
  }
  return { digest: blob.digest, size };
}

/** Small blobs (configs) in memory, verified. */
export async function fetchBlobBytes(client: RegistryClient, repo: string, blob: BlobRef, opts: BlobDownloadOptions & { limit?: number } = {}): Promise<Buffer> {
  const limit = opts.limit ?? 16 * 1024 * 1024;
  if (blob.size !== undefined && blob.size > limit) throw new BerthError('UNSUPPORTED', `blob ${blob.digest} is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of blobChunks(client, repo, blob, opts)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** HEAD a blob: its size when it exists, undefined on 404. forPush asks for a pull,push token (one token for the whole push). */
export async function statBlob(
  client: RegistryClient,
  repo: string,
  digest: string,
  opts: { signal?: AbortSignal; forPush?: boolean } = {},
): Promise<{ size: number } | undefined> {
  const { signal } = opts;
  const res = await client.request({
    method: 'HEAD',
    path: `/v2/${repo}/blobs/${digest}`,
    scopes: [repositoryScope(repo, opts.forPush ? 'pull,push' : 'pull')],
    expect: [200, 404],
    ...(signal ? { signal } : {}),
  });
  await discard(res);
  if (res.status === 404) return undefined;
  return { size: Number(header(res, 'content-length') ?? -1) };
}
