/**
 * One blob to the registry, Docker's way: HEAD first ("Layer already
 * exists"), a cross-repo mount when a source is known ("Mounted from X"),
 * else an upload (monolithic when small, chunked when large) with byte
 * progress ("Pushing", "Pushed"). Network failures retry 5 times with
 * "Retrying in N seconds".
 */
import { isBerthError } from '../../../shared/errors';
import {
  cancelUpload,
  mountBlob,
  retryMessage,
  statBlob,
  uploadChunked,
  uploadMonolithic,
  type RegistryClient,
  type UploadSession,
} from '../registry';
import { isTransient } from '../registry/network-errors';
import { waitWithCountdown } from '../registry/retry';
import type { Store } from '../store';

export type PushEvent = { type: 'phase'; phase: string } | { type: 'bytes'; current: number; total: number };

export interface BlobPush {
  client: RegistryClient;
  repo: string;
  blob: { digest: string; size: number };
  store: Store;
  /** Above `above` bytes the blob goes up in chunks of `size`: memory stays bounded by one chunk. */
  chunking: { above: number; size: number };
  /** Repositories on the same registry to try mounting from. */
  mountFrom: string[];
  signal: AbortSignal;
  emit: (e: PushEvent) => void;
}

/** Resolves with the outcome phase: 'Layer already exists', 'Mounted from x' or 'Pushed'. */
export async function pushBlob(p: BlobPush): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await pushOnce(p);
    } catch (e) {
      if (!isBerthError(e) || !isTransient(e) || attempt >= p.client.retry.attempts || p.signal.aborted) throw e;
      await waitWithCountdown(p.client.retry.delayMs(attempt), {
        attempt,
        error: e,
        signal: p.signal,
        onRetry: ({ seconds }) => p.emit({ type: 'phase', phase: retryMessage(seconds) }),
      });
    }
  }
}

async function pushOnce(p: BlobPush): Promise<string> {
  const { client, repo, blob, signal } = p;
  if (await statBlob(client, repo, blob.digest, { signal, forPush: true })) return 'Layer already exists';
  let session: UploadSession | undefined;
  for (const from of p.mountFrom) {
    const r = await mountBlob(client, repo, blob.digest, from, { signal }).catch((e: unknown) => {
      if (signal.aborted) throw e;
      return undefined; // a refused mount is not a failed push: upload instead
    });
    if (!r) continue;
    if (r.mounted) {
      if (session) await cancelUpload(client, repo, session);
      return `Mounted from ${from}`;
    }
    if (session) await cancelUpload(client, repo, r.session);
    else session = r.session;
  }
  await upload(p, session);
  return 'Pushed';
}

async function upload(p: BlobPush, session: UploadSession | undefined): Promise<void> {
  const { client, repo, blob, signal } = p;
  const opts = { signal, ...(session ? { session } : {}) };
  const file = p.store.blobs.stream(blob.digest);
  const data = counted(file, blob.size, p.emit);
  try {
    if (blob.size > p.chunking.above) await uploadChunked(client, repo, blob, data, { ...opts, chunkSize: p.chunking.size });
    else await uploadMonolithic(client, repo, blob, data, opts);
  } finally {
    file.destroy();
  }
}

/** The file's bytes, reporting how many have been handed to the socket. */
async function* counted(source: AsyncIterable<Buffer>, total: number, emit: BlobPush['emit']): AsyncGenerator<Buffer> {
  let current = 0;
  for await (const chunk of source) {
    current += chunk.length;
    emit({ type: 'bytes', current, total });
    yield chunk;
  }
}
