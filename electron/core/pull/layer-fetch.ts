/**
 * One layer from the registry into the store: the bytes stream through the
 * client's verifying reader (compressed digest and size, Range resume), are
 * measured on the fly (diffID, sizes) and land in the store only after both
 * the digest and the diffID checked out. Nothing unverified is ever visible.
 */
import { BerthError } from '../../../shared/errors';
import { blobChunks, retryMessage, type RegistryClient } from '../registry';
import type { LayerMeta, Lease, Store } from '../store';
import { rootFSMismatch } from './errors';
import { measured, StreamMeasure } from './layer-measure';

export type FetchEvent = { type: 'bytes'; current: number; total: number } | { type: 'phase'; phase: string };

export interface LayerFetch {
  client: RegistryClient;
  repo: string;
  layer: { digest: string; size: number };
  /** The config's rootfs.diff_ids entry for this layer. */
  diffID: string;
  store: Store;
  lease: Lease;
  signal: AbortSignal;
  emit: (e: FetchEvent) => void;
}

/** Downloads, verifies and stores the layer; returns its measured facts (null when this Node cannot decompress it). */
export async function fetchLayer(f: LayerFetch): Promise<LayerMeta | null> {
  const { digest, size } = f.layer;
  let verifying = false;
  const chunks = blobChunks(f.client, f.repo, { digest, size }, {
    signal: f.signal,
    onProgress: ({ current, total }) => {
      f.emit({ type: 'bytes', current, total });
      if (!verifying && total >= 0 && current >= total) {
        verifying = true;
        f.emit({ type: 'phase', phase: 'Verifying Checksum' });
      }
    },
    onRetry: ({ seconds }) => f.emit({ type: 'phase', phase: retryMessage(seconds) }),
  });
  const measure = new StreamMeasure();
  let facts: LayerMeta | null = null;
  await f.store.ingest(measured(chunks, measure), {
    lease: f.lease,
    expected: { digest, size },
    sourceVerified: true, // blobChunks hashes as it streams and throws before its end on a mismatch
    signal: f.signal,
    beforeCommit: async () => {
      facts = await measuredFacts(measure);
      if (facts && facts.diffID !== f.diffID) throw rootFSMismatch({ layer: digest, expected: f.diffID, actual: facts.diffID });
    },
  });
  f.emit({ type: 'phase', phase: 'Download complete' });
  return facts;
}

/** The measure's result; null when the compression is one this Node cannot read (zstd before Node 22.15). */
async function measuredFacts(measure: StreamMeasure): Promise<LayerMeta | null> {
  try {
    return await measure.end();
  } catch (e) {
    if (e instanceof BerthError && e.code === 'UNSUPPORTED') return null;
    throw e;
  }
}
