/**
 * Layers already in the store: "Already exists" instead of a download. Their
 * facts come from the store's records, else from measuring the blob once.
 */
import type { LayerMeta, Lease, Store } from '../store';
import { measureLayerFile } from '../store';

/** Facts of every layer the store's images know, by blob digest. */
export async function knownLayerFacts(store: Store): Promise<Map<string, LayerMeta>> {
  const out = new Map<string, LayerMeta>();
  for (const img of (await store.snapshot()).images.values()) {
    for (const l of img.layers) if (l.diffID) out.set(l.digest, { diffID: l.diffID, size: l.size, tarSize: l.tarSize });
  }
  return out;
}

/**
 * The layer's facts when its blob is here with the right size, leased first so a
 * concurrent GC cannot take it between the check and the image being recorded.
 */
export async function existingLayer(
  store: Store,
  lease: Lease,
  layer: { digest: string; size: number },
  known: { get(digest: string): LayerMeta | undefined },
): Promise<LayerMeta | undefined> {
  await lease.add(layer.digest);
  if ((await store.blobs.size(layer.digest)) !== layer.size) return undefined;
  const facts = known.get(layer.digest);
  if (facts) return facts;
  try {
    return await measureLayerFile(store.blobs.path(layer.digest));
  } catch {
    return undefined; // unreadable here: fetch it again
  }
}
