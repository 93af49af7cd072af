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
  /** Lookups for setTag, built on first use: a bulk tag must not scan the index once per tag. */
  private lookup: { byRef: Map<string, Descriptor>; dangling: Map<string, Descriptor> } | undefined;

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
    const current = this.lookups().byRef.get(ref);
    if (current && current.digest === target.digest) return { moved: false, changed: false };
    if (current) this.untag(ref);
    const untagged = this.lookups().dangling.get(target.digest);
    if (untagged) {
      untagged.annotations = { ...untagged.annotations, [REF_NAME]: ref };
      this.lookup = undefined; // another dangling twin may now be the first
    } else {
      const { annotations, ...rest } = target;
      const others = { ...annotations };
      delete others[REF_NAME];
      const added = { ...rest, annotations: { ...others, [REF_NAME]: ref } };
      this.index.manifests.push(added);
      this.lookups().byRef.set(ref, added);
    }
    this.indexChanged = true;
    return { moved: current !== undefined, changed: true };
  }

  /** The first descriptor per tag and the first dangling descriptor per digest, as index order finds them. */
  private lookups(): NonNullable<Txn['lookup']> {
    if (this.lookup) return this.lookup;
    const byRef = new Map<string, Descriptor>();
    const dangling = new Map<string, Descriptor>();
    for (const d of this.index.manifests) {
      const name = refName(d);
      if (name === undefined) {
        if (!dangling.has(d.digest)) dangling.set(d.digest, d);
      } else if (!byRef.has(name)) byRef.set(name, d);
    }
    this.lookup = { byRef, dangling };
    return this.lookup;
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
    this.lookup = undefined;
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
    this.lookup = undefined;
    if (kept.length !== before) {
      this.indexChanged = true;
      this.meta.gcOwed = true;
      this.metaChanged = true;
    }
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
    this.lookup = undefined;
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
