/**
 * Berth's metadata beside the layout (berth/meta.json), one file so a list
 * of 10,000 images reads one file, re-read only when it changes. Facts about
 * immutable blobs (layer sizes) are a cache that can be recomputed; per-image
 * facts (tag time, pull time, repo digests) are Berth's own records.
 */
import { readFile } from 'node:fs/promises';
import { isErrno, writeFileAtomic } from './fsutil';
import { sameStamp, stampOf, type FileStamp } from './index-file';
import type { StorePaths } from './paths';

export interface LayerMeta {
  /** sha256 of the uncompressed tar. */
  diffID: string;
  /** What dockerd's overlay2 reports: regular file sizes + symlink target lengths. */
  size: number;
  /** Byte length of the uncompressed tar stream. */
  tarSize: number;
}

export interface ImageMeta {
  lastTagTime?: string;
  pulledAt?: string;
  /** Full `name@digest` references recorded when the image was pulled by that name. */
  repoDigests?: string[];
}

export interface TopMeta {
  /** For a descriptor pointing to an index: the child manifest that is stored locally. */
  child: string;
}

export interface StoreMeta {
  version: 1;
  images: Record<string, ImageMeta>;
  tops: Record<string, TopMeta>;
  layers: Record<string, LayerMeta>;
  /**
   * An image was dropped and its blobs not yet collected. Written with the drop (meta.json goes
   * before index.json), cleared by GC: a process killed in between leaves it set, and the next
   * write to the store collects what it left.
   */
  gcOwed?: boolean;
}

export function emptyMeta(): StoreMeta {
  return { version: 1, images: {}, tops: {}, layers: {} };
}

export class MetaFile {
  private cached: { stamp: FileStamp; meta: StoreMeta } | null = null;

  constructor(private readonly paths: StorePaths) {}

  async read(): Promise<StoreMeta> {
    const stamp = await stampOf(this.paths.metaFile);
    if (stamp === null) return emptyMeta();
    if (this.cached && sameStamp(this.cached.stamp, stamp)) return this.cached.meta;
    let meta: StoreMeta;
    try {
      meta = normalize(JSON.parse(await readFile(this.paths.metaFile, 'utf8')));
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return emptyMeta();
      // A damaged cache must not make the store unusable: it is rebuilt lazily (fsck reports it).
      meta = emptyMeta();
    }
    this.cached = { stamp, meta };
    return meta;
  }

  async readForUpdate(): Promise<StoreMeta> {
    return structuredClone(await this.read());
  }

  /** Writes the metadata; `meta` becomes the cached version and must not be modified afterwards. */
  async write(meta: StoreMeta): Promise<void> {
    await writeFileAtomic(this.paths.metaFile, JSON.stringify(meta), this.paths.tmpDir, { point: 'meta' });
    const stamp = await stampOf(this.paths.metaFile);
    if (stamp) this.cached = { stamp, meta };
  }
}

function normalize(v: unknown): StoreMeta {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Partial<StoreMeta>;
  return {
    version: 1,
    images: isRecord(o.images) ? o.images : {},
    tops: isRecord(o.tops) ? o.tops : {},
    layers: isRecord(o.layers) ? o.layers : {},
    ...(o.gcOwed === true ? { gcOwed: true } : {}),
  };
}

function isRecord<T>(v: T | undefined): v is T {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
