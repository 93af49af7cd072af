/**
 * Creating an image from blobs (used by pull, load and import): the layers
 * are already ingested; the config, manifest and optional index bytes are
 * ingested here; then metadata and the tag are recorded in one locked update.
 * Moving an existing tag leaves its old image dangling, as Docker does.
 */
import { BerthError } from '../../../shared/errors';
import { nowGoTime } from './gotime';
import type { Lease } from './leases';
import type { LayerMeta } from './meta';
import { declaredMediaType, isIndexType, MEDIA, parseIndex, parseManifest, type Descriptor } from './oci';
import type { Store } from './store';

export interface CreateImageInput {
  /** Raw manifest bytes (stored as-is, so the digest is the registry's). */
  manifest: Uint8Array;
  /** Raw config bytes. */
  config: Uint8Array;
  /** Raw image index / manifest list bytes when the reference resolved to one; it must list the manifest. */
  index?: Uint8Array;
  /** Facts about already ingested layers, by blob digest (measured lazily when absent). */
  layers?: Record<string, LayerMeta>;
  /** Full normalized reference to point at the image (`docker.io/library/busybox:1.35`). */
  tag?: string;
  /** Full `name@digest` reference to record as a RepoDigest. */
  repoDigest?: string;
  /** Record LastTagTime (docker tag/load do, pull does not). */
  recordTagTime?: boolean;
  pulledAt?: string;
  /** Holds the ingested layers until the image is recorded; a private lease is used otherwise. */
  lease?: Lease;
}

export interface CreatedImage {
  id: string;
  manifestDigest: string;
  /** The digest index.json points at: the index when one was given, else the manifest. */
  topDigest: string;
  /** True when `tag` pointed at another image before. */
  moved: boolean;
}

export async function createImage(store: Store, input: CreateImageInput): Promise<CreatedImage> {
  const lease = input.lease ?? store.lease();
  try {
    const manifestDoc = parseManifest(input.manifest, 'manifest');
    const config = await store.ingest(input.config, { lease, expected: { digest: manifestDoc.config.digest } });
    for (const l of manifestDoc.layers) {
      if ((await store.blobs.size(l.digest)) !== l.size) {
        throw new BerthError('NOT_FOUND', `layer ${l.digest} has not been stored (or has the wrong size)`);
      }
    }
    const manifest = await store.ingest(input.manifest, { lease });
    const manifestType = manifestDoc.mediaType ?? declaredMediaType(input.manifest) ?? MEDIA.ociManifest;
    let top: Descriptor = { mediaType: manifestType, digest: manifest.digest, size: manifest.size };
    if (input.index) {
      const indexDoc = parseIndex(input.index, 'index');
      if (!indexDoc.manifests.some((d) => d.digest === manifest.digest)) {
        throw new BerthError('INVALID_ARGUMENT', `the index does not list manifest ${manifest.digest}`);
      }
      const ref = await store.ingest(input.index, { lease });
      const type = indexDoc.mediaType && isIndexType(indexDoc.mediaType) ? indexDoc.mediaType : MEDIA.ociIndex;
      top = { mediaType: type, digest: ref.digest, size: ref.size };
    }
    return await store.update((tx) => {
      for (const [d, facts] of Object.entries(input.layers ?? {})) tx.meta.layers[d] ??= facts;
      if (input.index) tx.meta.tops[top.digest] = { child: manifest.digest };
      tx.metaChanged = true;
      const meta = tx.imageMeta(config.digest);
      if (input.pulledAt) meta.pulledAt = input.pulledAt;
      if (input.repoDigest && !(meta.repoDigests ?? []).includes(input.repoDigest)) {
        meta.repoDigests = [...(meta.repoDigests ?? []), input.repoDigest];
      }
      let moved = false;
      if (input.tag) {
        moved = tx.setTag(input.tag, top).moved;
        if (input.recordTagTime) meta.lastTagTime = nowGoTime();
      } else {
        tx.keep(top);
      }
      return { id: config.digest, manifestDigest: manifest.digest, topDigest: top.digest, moved };
    });
  } finally {
    if (!input.lease) await lease.release();
  }
}
