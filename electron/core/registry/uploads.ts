/**
 * Push building blocks: blob existence, cross-repo mount, monolithic and
 * chunked uploads, manifest PUT. Location headers are used verbatim (they may
 * be relative and carry state in the query).
 */
import { BerthError } from '../../../shared/errors';
import { repositoryScope, type RegistryClient } from './client';
import { digestOf } from './digest';
import type { HttpBody, HttpResponse } from './transport';
import { discard, header } from './transport';

export interface UploadOptions {
  signal?: AbortSignal;
  onProgress?: (p: { current: number; total: number }) => void;
}

export interface UploadSession {
  /** Absolute URL of the session (from Location). */
  location: string;
  /** OCI-Chunk-Min-Length, when the registry sets one. */
  minChunkSize?: number;
}

export type MountResult = { mounted: true } | { mounted: false; session: UploadSession };

const push = (repo: string): string[] => [repositoryScope(repo, 'pull,push')];

function signalOf(o: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return o.signal ? { signal: o.signal } : {};
}

function sessionFrom(client: RegistryClient, res: HttpResponse): UploadSession {
  const location = header(res, 'location');
  if (!location) throw new BerthError('CORRUPT', 'registry started an upload without a Location');
  const min = Number(header(res, 'oci-chunk-min-length'));
  return { location: new URL(location, res.url || client.baseUrl).toString(), ...(min > 0 ? { minChunkSize: min } : {}) };
}

function withDigest(location: string, digest: string): string {
  const u = new URL(location);
  u.searchParams.set('digest', digest);
  return u.toString();
}

/** POST /blobs/uploads/: a new upload session. */
export async function startUpload(client: RegistryClient, repo: string, opts: UploadOptions = {}): Promise<UploadSession> {
  const res = await client.request({ method: 'POST', path: `/v2/${repo}/blobs/uploads/`, scopes: push(repo), expect: [202], errorContext: { op: 'push' }, ...signalOf(opts) });
  await discard(res);
  return sessionFrom(client, res);
}

/** Cross-repo mount: 201 = mounted; 202 = the registry started a normal upload instead. */
export async function mountBlob(client: RegistryClient, repo: string, digest: string, from: string, opts: UploadOptions = {}): Promise<MountResult> {
  const res = await client.request({
    method: 'POST',
    path: `/v2/${repo}/blobs/uploads/`,
    query: { mount: digest, from },
    scopes: [...push(repo), repositoryScope(from, 'pull')],
    expect: [201, 202],
    errorContext: { op: 'push' },
    ...signalOf(opts),
  });
  await discard(res);
  return res.status === 201 ? { mounted: true } : { mounted: false, session: sessionFrom(client, res) };
}

/** Closes a session with PUT <location>?digest=, optionally carrying the last bytes. */
export async function finishUpload(client: RegistryClient, repo: string, session: UploadSession, digest: string, body?: Buffer, opts: UploadOptions = {}): Promise<string> {
  const res = await client.request({
    method: 'PUT',
    path: withDigest(session.location, digest),
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(body?.length ?? 0) },
    body: body ?? Buffer.alloc(0),
    scopes: push(repo),
    expect: [201, 204],
    errorContext: { op: 'push' },
    ...signalOf(opts),
  });
  await discard(res);
  return header(res, 'docker-content-digest') ?? digest;
}

/** POST then one PUT with the whole blob. data may be a stream when size is given. */
export async function uploadMonolithic(
  client: RegistryClient,
  repo: string,
  blob: { digest: string; size: number },
  data: Buffer | HttpBody,
  opts: UploadOptions & { session?: UploadSession } = {},
): Promise<string> {
  const session = opts.session ?? (await startUpload(client, repo, opts));
  const res = await client.request({
    method: 'PUT',
    path: withDigest(session.location, blob.digest),
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
    body: data,
    scopes: push(repo),
    expect: [201, 204],
    errorContext: { op: 'push' },
    ...signalOf(opts),
  });
  await discard(res);
  opts.onProgress?.({ current: blob.size, total: blob.size });
  return header(res, 'docker-content-digest') ?? blob.digest;
}

/** PATCH one chunk at offset; returns the session for the next chunk (Location may change). */
export async function uploadChunk(client: RegistryClient, repo: string, session: UploadSession, offset: number, chunk: Buffer, opts: UploadOptions = {}): Promise<UploadSession> {
  const res = await client.request({
    method: 'PATCH',
    path: session.location,
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(chunk.length),
      'content-range': `${offset}-${offset + chunk.length - 1}`,
    },
    body: chunk,
    scopes: push(repo),
    expect: [202],
    errorContext: { op: 'push' },
    ...signalOf(opts),
  });
  await discard(res);
  const range = /^(?:bytes=)?0-(\d+)$/.exec(header(res, 'range') ?? '');
  if (range && Number(range[1]) !== offset + chunk.length - 1) {
    throw new BerthError('NETWORK', `upload of chunk at ${offset} acknowledged up to byte ${range[1]}`);
  }
  return { ...sessionFrom(client, res), ...(session.minChunkSize ? { minChunkSize: session.minChunkSize } : {}) };
}

/** Chunked upload: PATCH each piece of data (re-cut to chunkSize) with Content-Range, then PUT ?digest=. */
export async function uploadChunked(
  client: RegistryClient,
  repo: string,
  blob: { digest: string; size: number },
  data: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: UploadOptions & { chunkSize?: number; session?: UploadSession } = {},
): Promise<string> {
  let session = opts.session ?? (await startUpload(client, repo, opts));
  const chunkSize = Math.max(opts.chunkSize ?? 5 * 1024 * 1024, session.minChunkSize ?? 0);
  let offset = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    const chunk = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    session = await uploadChunk(client, repo, session, offset, chunk, opts);
    offset += chunk.length;
    opts.onProgress?.({ current: offset, total: blob.size });
  };
  for await (const piece of data) {
    pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    pendingBytes += piece.byteLength;
    while (pendingBytes >= chunkSize) {
      const all = Buffer.concat(pending, pendingBytes);
      pending = [all.subarray(chunkSize)];
      pendingBytes = all.length - chunkSize;
      const head = all.subarray(0, chunkSize);
      session = await uploadChunk(client, repo, session, offset, head, opts);
      offset += head.length;
      opts.onProgress?.({ current: offset, total: blob.size });
    }
  }
  if (pendingBytes > 0) await flush();
  if (offset !== blob.size) throw new BerthError('INVALID_ARGUMENT', `blob ${blob.digest}: got ${offset} bytes to upload, expected ${blob.size}`);
  return finishUpload(client, repo, session, blob.digest, undefined, opts);
}

/** Abandons an upload session (DELETE <location>); errors are ignored. */
export async function cancelUpload(client: RegistryClient, repo: string, session: UploadSession): Promise<void> {
  try {
    const res = await client.request({ method: 'DELETE', path: session.location, scopes: push(repo), expect: [204, 404] });
    await discard(res);
  } catch {
    // the session expires on its own
  }
}

/** PUT a manifest with its media type as Content-Type; returns its digest (verified against Docker-Content-Digest). */
export async function putManifest(
  client: RegistryClient,
  repo: string,
  reference: string,
  manifest: { bytes: Buffer; mediaType: string },
  opts: UploadOptions = {},
): Promise<string> {
  const digest = digestOf(manifest.bytes);
  const res = await client.request({
    method: 'PUT',
    path: `/v2/${repo}/manifests/${reference}`,
    headers: { 'content-type': manifest.mediaType },
    body: manifest.bytes,
    scopes: push(repo),
    expect: [201, 200, 202],
    errorContext: { op: 'push' },
    ...signalOf(opts),
  });
  await discard(res);
  const echoed = header(res, 'docker-content-digest');
  if (echoed && echoed.startsWith('sha256:') && echoed !== digest) {
    throw new BerthError('DIGEST_MISMATCH', `registry stored manifest as ${echoed}, expected ${digest}`);
  }
  return digest;
}
