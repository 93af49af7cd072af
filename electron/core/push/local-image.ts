/**
 * What a push sends, read from the store: the manifests (one, or every child
 * of an index when all of them are here), their configs and layers with the
 * diffIDs Docker shows as push IDs. Missing images fail with Docker's words.
 */
import { BerthError } from '../../../shared/errors';
import { familiarName, familiarString, formatReference, parseNormalizedNamed, repositoryName, type Reference } from '../reference';
import { MEDIA, refName, type Store, type StoreImage } from '../store';
import { isIndexType } from '../store/oci';

export interface PushBlob {
  digest: string;
  size: number;
  /** Layers only: the diffID (push lines show its first 12 hex). */
  diffID?: string;
}

export interface PushManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  config: PushBlob;
  /** Bottom layer first, as in the manifest. */
  layers: PushBlob[];
}

export interface PushSource {
  /** Manifests to PUT by digest before the top (children of an index), or just the top itself. */
  manifests: PushManifest[];
  /** What the tag gets: the index, or the single manifest. */
  top: { digest: string; mediaType: string; bytes: Buffer };
  /** The tag pointed at an index only partly stored: only the local platform goes. */
  partialIndex: boolean;
}

/** The local tags of ref's repository (all of them for -a, else just ref's), Docker's errors when absent. */
export async function localTags(store: Store, ref: Reference, allTags: boolean): Promise<Reference[]> {
  const snap = await store.snapshot();
  const name = repositoryName(ref);
  const tags = [...snap.byTag.keys()].filter((t) => t.startsWith(`${name}:`) && !t.slice(name.length + 1).includes('/'));
  if (tags.length === 0) throw new BerthError('NOT_FOUND', `An image does not exist locally with the tag: ${familiarName(ref)}`);
  if (allTags) return tags.sort().map((t) => parseNormalizedNamed(t));
  if (!snap.byTag.has(formatReference(ref))) throw new BerthError('NOT_FOUND', `tag does not exist: ${familiarString(ref)}`);
  return [ref];
}

export async function pushSource(store: Store, ref: Reference): Promise<PushSource> {
  const full = formatReference(ref);
  const img = (await store.snapshot()).byTag.get(full);
  if (!img) throw new BerthError('NOT_FOUND', `tag does not exist: ${familiarString(ref)}`);
  const top = img.descriptors.find((d) => refName(d) === full) ?? img.descriptors[0]!;
  const topBytes = await store.blobs.read(top.digest);
  if (!isIndexType(top.mediaType)) {
    const m = await readManifest(store, top.digest, top.mediaType);
    return { manifests: [m], top: { digest: m.digest, mediaType: m.mediaType, bytes: m.bytes }, partialIndex: false };
  }
  const children = (JSON.parse(topBytes.toString('utf8')) as { manifests?: { digest: string; mediaType: string }[] }).manifests ?? [];
  const all = await Promise.all(children.map((c) => readManifest(store, c.digest, c.mediaType).catch(() => null)));
  if (all.every((m): m is PushManifest => m !== null) && (await allBlobsHere(store, all))) {
    return { manifests: all, top: { digest: top.digest, mediaType: top.mediaType, bytes: topBytes }, partialIndex: false };
  }
  const local = await localManifest(store, img);
  return { manifests: [local], top: { digest: local.digest, mediaType: local.mediaType, bytes: local.bytes }, partialIndex: true };
}

async function localManifest(store: Store, img: StoreImage): Promise<PushManifest> {
  const bytes = await store.blobs.read(img.manifestDigest);
  const declared = (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType;
  return readManifest(store, img.manifestDigest, declared ?? MEDIA.ociManifest);
}

async function readManifest(store: Store, digest: string, mediaType: string): Promise<PushManifest> {
  const bytes = await store.blobs.read(digest);
  const doc = JSON.parse(bytes.toString('utf8')) as { config: PushBlob; layers: PushBlob[] };
  const config = JSON.parse((await store.blobs.read(doc.config.digest)).toString('utf8')) as { rootfs?: { diff_ids?: string[] } };
  const diffIDs = config.rootfs?.diff_ids ?? [];
  return {
    digest,
    mediaType,
    bytes,
    config: { digest: doc.config.digest, size: doc.config.size },
    layers: doc.layers.map((l, i) => ({ digest: l.digest, size: l.size, diffID: diffIDs[i] ?? l.digest })),
  };
}

async function allBlobsHere(store: Store, manifests: PushManifest[]): Promise<boolean> {
  for (const m of manifests) {
    for (const b of [m.config, ...m.layers]) if ((await store.blobs.size(b.digest)) !== b.size) return false;
  }
  return true;
}
