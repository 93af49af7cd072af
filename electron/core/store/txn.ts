/**
 * Edits of index.json and meta.json made inside the store lock. A Txn works
 * on private copies; the store writes them back (meta first, then index.json)
 * only if something changed.
 */
import type { ImageMeta, StoreMeta } from './meta';
import { REF_NAME, type Descriptor, type IndexDoc } from './oci';
import { refName, type Snapshot } from './snapshot';

export class Txn {
  indexChanged = false;
  metaChanged = false;

  constructor(
    readonly index: IndexDoc,
    readonly meta: StoreMeta,
    /** The store as it was when the lock was taken. */
    readonly snapshot: Snapshot,
  ) {}

  /**
   * Points `ref` (full reference) at `target`. A tag that pointed elsewhere is
   * moved, leaving its old image dangling unless another descriptor keeps it.
   */
  setTag(ref: string, target: Descriptor): { moved: boolean; changed: boolean } {
    const current = this.index.manifests.find((d) => refName(d) === ref);
    if (current && current.digest === target.digest) return { moved: false, changed: false };
    if (current) this.untag(ref);
    const untagged = this.index.manifests.find((d) => d.digest === target.digest && refName(d) === undefined);
    if (untagged) {
      untagged.annotations = { ...untagged.annotations, [REF_NAME]: ref };
    } else {
      const { annotations, ...rest } = target;
      const others = { ...annotations };
      delete others[REF_NAME];
      this.index.manifests.push({ ...rest, annotations: { ...others, [REF_NAME]: ref } });
    }
    this.indexChanged = true;
    return { moved: current !== undefined, changed: true };
  }

  /** Removes a tag; its descriptor stays (dangling) unless another descriptor has the same digest. */
  untag(ref: string): boolean {
    let removed = false;
    for (let i = this.index.manifests.findIndex((d) => refName(d) === ref); i !== -1; ) {
      this.untagAt(i);
      removed = true;
      i = this.index.manifests.findIndex((d) => refName(d) === ref);
    }
    return removed;
  }

  private untagAt(i: number): void {
    const d = this.index.manifests[i]!;
    const twin = this.index.manifests.some((o, j) => j !== i && o.digest === d.digest);
    if (twin) {
      this.index.manifests.splice(i, 1);
    } else {
      const annotations = { ...d.annotations };
      delete annotations[REF_NAME];
      if (Object.keys(annotations).length) d.annotations = annotations;
      else delete d.annotations;
    }
    this.indexChanged = true;
  }

  /** Drops every descriptor of an image (tagged or not) and its metadata. */
  dropImage(id: string): void {
    const img = this.snapshot.images.get(id);
    const digests = new Set(img?.descriptors.map((d) => d.digest) ?? []);
    const before = this.index.manifests.length;
    const kept = this.index.manifests.filter((d) => !digests.has(d.digest));
    this.index.manifests.splice(0, this.index.manifests.length, ...kept);
    if (kept.length !== before) this.indexChanged = true;
    if (this.meta.images[id]) {
      delete this.meta.images[id];
      this.metaChanged = true;
    }
  }

  /** Adds a dangling descriptor for an image if no descriptor has its digest yet. */
  keep(target: Descriptor): void {
    if (this.index.manifests.some((d) => d.digest === target.digest)) return;
    const { annotations: _drop, ...rest } = target;
    this.index.manifests.push(rest);
    this.indexChanged = true;
  }

  imageMeta(id: string): ImageMeta {
    this.metaChanged = true;
    return (this.meta.images[id] ??= {});
  }

  removeRepoDigest(id: string, ref: string): boolean {
    const m = this.meta.images[id];
    const list = m?.repoDigests ?? [];
    if (!m || !list.includes(ref)) return false;
    m.repoDigests = list.filter((r) => r !== ref);
    this.metaChanged = true;
    return true;
  }
}
