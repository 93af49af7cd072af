/**
 * From a top-level descriptor in index.json to the local image it stands
 * for: the manifest itself, or for an index the child manifest whose blobs
 * are all here (host platform preferred), then its config and layers.
 */
import { BerthError } from '../../../shared/errors';
import type { BlobStore } from './blobs';
import type { DocCache } from './doc-cache';
import { measureLayerFile } from './layer-size';
import type { LayerMeta, StoreMeta } from './meta';
import { isIndexType, type ConfigDoc, type Descriptor, type ManifestDoc } from './oci';
import { byHostPreference } from './platform';

export interface ResolvedLayer extends LayerMeta {
  digest: string;
  mediaType: string;
  /** Blob (compressed) size. */
  blobSize: number;
}

export interface ResolvedTop {
  top: Descriptor;
  manifestDigest: string;
  manifest: ManifestDoc;
  configDigest: string;
  configSize: number;
  config: ConfigDoc;
  layers: ResolvedLayer[];
  /** Set when the top is an index: the child manifest chosen. */
  child?: string;
  /** Why some layer sizes are unknown (counted as 0), when they are. */
  unmeasured?: string;
}

/** Facts computed while resolving, for the caller to persist in meta.json. */
export interface Learned {
  layers: Record<string, LayerMeta>;
  tops: Record<string, { child: string }>;
}

export class Resolver {
  constructor(
    private readonly blobs: BlobStore,
    private readonly docs: DocCache,
  ) {}

  async resolve(top: Descriptor, meta: StoreMeta, learned: Learned): Promise<ResolvedTop> {
    let manifestDigest = top.digest;
    let child: string | undefined;
    if (isIndexType(top.mediaType)) {
      child = meta.tops[top.digest]?.child ?? learned.tops[top.digest]?.child ?? (await this.pickChild(top.digest));
      if (!meta.tops[top.digest]) learned.tops[top.digest] = { child };
      manifestDigest = child;
    }
    const manifest = await this.docs.manifest(manifestDigest);
    const config = await this.docs.config(manifest.config.digest);
    const layers: ResolvedLayer[] = [];
    let unmeasured: string | undefined;
    for (const [i, l] of manifest.layers.entries()) {
      let facts = meta.layers[l.digest] ?? learned.layers[l.digest];
      if (!facts) {
        try {
          facts = await this.measure(l.digest);
          learned.layers[l.digest] = facts;
        } catch (e) {
          // A layer this Node cannot decompress (zstd on Node 20): the image is still listed, size unknown (0).
          if (!(e instanceof BerthError) || e.code !== 'UNSUPPORTED') throw e;
          unmeasured = e.message;
          facts = { diffID: config.rootfs?.diff_ids?.[i] ?? '', size: 0, tarSize: 0 };
        }
      }
      layers.push({ ...facts, digest: l.digest, mediaType: l.mediaType, blobSize: l.size });
    }
    const result: ResolvedTop = {
      top,
      manifestDigest,
      manifest,
      configDigest: manifest.config.digest,
      configSize: manifest.config.size,
      config,
      layers,
    };
    if (child !== undefined) result.child = child;
    if (unmeasured !== undefined) result.unmeasured = unmeasured;
    return result;
  }

  private async measure(digest: string): Promise<LayerMeta> {
    if (!(await this.blobs.has(digest))) throw new BerthError('NOT_FOUND', `layer ${digest} is missing from the store`);
    return measureLayerFile(this.blobs.path(digest));
  }

  /** The best child manifest of an index whose manifest, config and layers are all present. */
  async pickChild(indexDigest: string): Promise<string> {
    const index = await this.docs.index(indexDigest);
    const candidates = byHostPreference(index.manifests);
    for (const d of candidates) {
      if (isIndexType(d.mediaType)) continue;
      if (await this.complete(d.digest)) return d.digest;
    }
    throw new BerthError('NOT_FOUND', `no image of index ${indexDigest} is stored locally`);
  }

  private async complete(manifestDigest: string): Promise<boolean> {
    if (!(await this.blobs.has(manifestDigest))) return false;
    try {
      const m = await this.docs.manifest(manifestDigest);
      for (const d of [m.config, ...m.layers]) if (!(await this.blobs.has(d.digest))) return false;
      return true;
    } catch {
      return false;
    }
  }
}
