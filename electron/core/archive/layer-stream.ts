/**
 * A stored layer as Docker's save writes it: the uncompressed tar, whose
 * sha256 is the diffID. Compressed blobs are decompressed on the way out
 * and checked against the diffID and length the store recorded, so a
 * damaged blob fails the save instead of producing a wrong archive.
 */
import { createHash } from 'node:crypto';
import { BerthError } from '../../../shared/errors';
import type { Store, StoreLayer } from '../store';
import { decompress } from './compression';
import { isLayer, layerFacts } from './layer-facts';
import type { ArchiveLimits } from './limits';

/** diffID and tar length, measured again when the store could not (zstd on an older Node). */
export async function uncompressedFacts(store: Store, layer: StoreLayer, limits: ArchiveLimits): Promise<{ diffID: string; tarSize: number }> {
  if (layer.tarSize > 0 || layer.blobSize === 0) return { diffID: layer.diffID, tarSize: layer.tarSize };
  const facts = await layerFacts(store.blobs.stream(layer.digest), limits, `layer ${layer.digest}`);
  if (!isLayer(facts)) throw facts.error;
  return facts;
}

export async function* uncompressedLayer(store: Store, layer: StoreLayer, want: { diffID: string; tarSize: number }, limits: ArchiveLimits): AsyncIterable<Uint8Array> {
  const { stream } = await decompress(store.blobs.stream(layer.digest), limits, `layer ${layer.digest}`);
  const hash = createHash('sha256');
  let n = 0;
  for await (const c of stream) {
    hash.update(c);
    n += c.length;
    if (n > want.tarSize) break;
    yield c;
  }
  const got = `sha256:${hash.digest('hex')}`;
  if (n !== want.tarSize || got !== want.diffID) {
    throw new BerthError('DIGEST_MISMATCH', `layer ${layer.digest} in the store does not decompress to ${want.diffID} (${want.tarSize} bytes): the store is damaged; run berth fsck`);
  }
}

/** The stored blob as it is, checked against its digest on the way out. */
export async function* verifiedBlob(store: Store, digest: string): AsyncIterable<Uint8Array> {
  const hash = createHash('sha256');
  for await (const c of store.blobs.stream(digest) as AsyncIterable<Buffer>) {
    hash.update(c);
    yield c;
  }
  const got = `sha256:${hash.digest('hex')}`;
  if (got !== digest) throw new BerthError('DIGEST_MISMATCH', `blob ${digest} in the store hashes to ${got}: run berth fsck`);
}
