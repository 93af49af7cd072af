/**
 * The embedded image store: an OCI image layout that skopeo and umoci can
 * read and write, plus Berth's metadata in berth/. Reads are lock-free and
 * cached; every change runs in `update()` under the inter-process lock.
 */
import { BlobStore, type BlobSource, type BlobRef, type IngestOptions } from './blobs';
import { DocCache } from './doc-cache';
import { fsck } from './fsck';
import { collectGarbage, pruneMeta, reachableBlobs, type GcResult } from './gc';
import { IndexFile, sameStamp, stampOf, type FileStamp } from './index-file';
import { ensureIndex, ensureLayout, removeDeadTemps } from './init';
import { Lease } from './leases';
import { StoreLock } from './lock';
import { MetaFile, type StoreMeta } from './meta';
import { StorePaths } from './paths';
import { CoreCache } from './image-core';
import { Resolver, type Learned } from './resolve';
import { buildSnapshot, type Snapshot } from './snapshot';
import { Txn } from './txn';
import { watchIndex } from './watch';
import type { FsckReport } from '../../../shared/schemas';
import type { IndexDoc } from './oci';

export interface StoreChange {
  /** True when this process made the change. */
  own: boolean;
}

export class Store {
  readonly paths: StorePaths;
  readonly blobs: BlobStore;
  readonly docs: DocCache;
  private readonly indexFile: IndexFile;
  private readonly metaFile: MetaFile;
  private readonly lock: StoreLock;
  private readonly resolver: Resolver;
  private readonly cores: CoreCache;
  private cachedSnap: { index: FileStamp | null; meta: FileStamp | null; snap: Snapshot } | null = null;
  /** index.json as this process last wrote it or reported it changed (not merely read: that would hide changes from the watcher). */
  private lastIndexStamp: FileStamp | null = null;
  /** Index writes of this process under way. */
  private indexWrites = 0;
  private readonly listeners = new Set<(c: StoreChange) => void>();
  private stopWatch: (() => void) | null = null;

  private constructor(root: string) {
    this.paths = new StorePaths(root);
    this.blobs = new BlobStore(this.paths);
    this.docs = new DocCache(this.blobs);
    this.indexFile = new IndexFile(this.paths);
    this.metaFile = new MetaFile(this.paths);
    this.lock = new StoreLock(this.paths.lockFile, this.paths.tmpDir);
    this.resolver = new Resolver(this.blobs, this.docs);
    this.cores = new CoreCache(this.resolver);
  }

  /** Opens (creating if needed) the store at `root`, clearing what dead writers left. */
  static async open(root: string): Promise<Store> {
    const store = new Store(root);
    await ensureLayout(store.paths);
    await removeDeadTemps(store.paths);
    const exists = (await stampOf(store.paths.indexFile)) !== null;
    if (!exists) await store.lock.run(async () => ensureIndex(store.paths, (await stampOf(store.paths.indexFile)) !== null));
    store.lastIndexStamp = await stampOf(store.paths.indexFile);
    return store;
  }

  get root(): string {
    return this.paths.root;
  }

  /** index.json as it is now (shared; do not modify). */
  async readIndex(): Promise<IndexDoc> {
    return (await this.indexFile.read()).doc;
  }

  /** The store as it is now. Cheap when nothing changed since the last call. */
  async snapshot(): Promise<Snapshot> {
    const { doc, stamp } = await this.indexFile.read();
    const metaStamp = await stampOf(this.paths.metaFile);
    const c = this.cachedSnap;
    if (c && sameStamp(c.index, stamp) && sameStamp(c.meta, metaStamp)) return c.snap;
    const snap = await buildSnapshot(doc, await this.metaFile.read(), this.cores);
    this.cachedSnap = { index: stamp, meta: metaStamp, snap };
    // Sizes measured for blobs that other tools put here are cached in meta.json.
    if (hasLearned(snap.learned)) await this.update(() => undefined, snap.learned);
    return snap;
  }

  /**
   * Runs `fn` under the store lock on fresh copies of index.json and
   * meta.json, then writes back what changed: meta.json first (it may only
   * describe more than the index shows, never less), then index.json.
   */
  async update<T>(fn: (tx: Txn) => T | Promise<T>, learned?: Learned): Promise<T> {
    let owed = false;
    const run = this.lock.run(async () => {
      const { doc: index, stamp } = await this.indexFile.readForUpdate();
      const metaStamp = await stampOf(this.paths.metaFile);
      const meta = await this.metaFile.readForUpdate();
      owed = meta.gcOwed === true; // left by a process that dropped an image and died before its GC
      let metaChanged = learned ? mergeLearned(meta, learned) : false;
      const c = this.cachedSnap;
      // The cached snapshot describes exactly these files when their stamps match: no rebuild.
      const fresh = !metaChanged && c && sameStamp(c.index, stamp) && sameStamp(c.meta, metaStamp);
      const snap = fresh ? c.snap : await buildSnapshot(index, meta, this.cores);
      metaChanged = mergeLearned(meta, snap.learned) || metaChanged;
      const tx = new Txn(index, meta, snap);
      tx.metaChanged = metaChanged;
      const result = await fn(tx);
      if (tx.metaChanged) await this.metaFile.write(meta);
      if (tx.indexChanged) this.lastIndexStamp = await this.writingIndex(() => this.indexFile.write(index));
      return { result, changed: tx.indexChanged };
    });
    try {
      const { result, changed } = await run;
      if (changed) this.emit({ own: true });
      return result;
    } finally {
      if (owed) await this.gc(); // even when this edit failed (an rmi re-run finding its tag gone)
    }
  }

  ingest(source: BlobSource, opts: IngestOptions & { lease?: Lease } = {}): Promise<BlobRef> {
    const { lease, ...rest } = opts;
    const beforeCommit = async (digest: string): Promise<void> => {
      await lease?.add(digest);
      await opts.beforeCommit?.(digest);
    };
    return this.blobs.ingest(source, { ...rest, beforeCommit });
  }

  /** A new lease; blobs added to it survive GC (here and in other processes) until release(). */
  lease(): Lease {
    return new Lease(this.paths);
  }

  /** Removes unreachable, unleased blobs and metadata about them. */
  gc(): Promise<GcResult> {
    return this.lock.run(async () => {
      const { doc: index } = await this.indexFile.readForUpdate();
      const result = await collectGarbage(this.paths, index, this.docs, this.blobs);
      if (!result.skipped) await this.pruneMetaLocked(index);
      return result;
    });
  }

  private async pruneMetaLocked(index: IndexDoc): Promise<void> {
    const meta = await this.metaFile.readForUpdate();
    const { reachable } = await reachableBlobs(index, this.docs, this.blobs);
    const snap = await buildSnapshot(index, meta, this.cores);
    const paid = meta.gcOwed === true;
    delete meta.gcOwed;
    if (pruneMeta(meta, reachable, new Set(snap.images.keys())) || paid) await this.metaFile.write(meta);
  }

  fsck(): Promise<FsckReport> {
    return fsck(this.paths, this.blobs);
  }

  /** Counts the write while it runs, so the watcher does not take it for another process's. */
  private async writingIndex<T>(write: () => Promise<T>): Promise<T> {
    this.indexWrites++;
    try {
      return await write();
    } finally {
      this.indexWrites--;
    }
  }

  /** Calls `cb` after changes by this process and (once watching) by others. Returns an unsubscribe. */
  onChange(cb: (c: StoreChange) => void): () => void {
    this.listeners.add(cb);
    if (!this.stopWatch) {
      this.stopWatch = watchIndex(this.paths.indexFile, {
        known: () => this.lastIndexStamp,
        writing: () => this.indexWrites > 0,
        onChange: (stamp) => {
          this.lastIndexStamp = stamp;
          this.emit({ own: false });
        },
      });
    }
    return () => {
      this.listeners.delete(cb);
      if (this.listeners.size === 0) this.closeWatch();
    };
  }

  close(): void {
    this.listeners.clear();
    this.closeWatch();
  }

  private closeWatch(): void {
    this.stopWatch?.();
    this.stopWatch = null;
  }

  private emit(change: StoreChange): void {
    for (const cb of this.listeners) cb(change);
  }
}

function hasLearned(learned: Learned): boolean {
  return Object.keys(learned.layers).length > 0 || Object.keys(learned.tops).length > 0;
}

function mergeLearned(meta: StoreMeta, learned: Learned): boolean {
  let changed = false;
  for (const [d, facts] of Object.entries(learned.layers)) {
    if (meta.layers[d]) continue;
    meta.layers[d] = facts;
    changed = true;
  }
  for (const [d, top] of Object.entries(learned.tops)) {
    if (meta.tops[d]) continue;
    meta.tops[d] = top;
    changed = true;
  }
  return changed;
}
