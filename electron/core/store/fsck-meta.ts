/** fsck's checks of berth/meta.json against the blobs it describes. */
import { readFile } from 'node:fs/promises';
import type { DocCache } from './doc-cache';
import { isErrno } from './fsutil';
import type { StoreMeta } from './meta';
import { isIndexType, type IndexDoc } from './oci';
import type { StorePaths } from './paths';

type Add = (kind: string, subject: string, message: string) => void;

/** meta.json as stored, or null (after reporting) when it exists but is not a metadata document. */
export async function readMetaStrict(paths: StorePaths, add: Add): Promise<StoreMeta | null> {
  let text: string;
  try {
    text = await readFile(paths.metaFile, 'utf8');
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return { version: 1, images: {}, tops: {}, layers: {} };
    throw e;
  }
  try {
    const v = JSON.parse(text) as StoreMeta;
    if (typeof v === 'object' && v && typeof v.images === 'object' && typeof v.layers === 'object' && typeof v.tops === 'object') {
      return v;
    }
  } catch {
    // reported below
  }
  add('metadata', 'berth/meta.json', 'metadata file is damaged (it will be rebuilt from the blobs)');
  return null;
}

export async function checkMeta(
  meta: StoreMeta,
  index: IndexDoc,
  docs: DocCache,
  sizes: Map<string, number>,
  add: Add,
): Promise<void> {
  const expectedDiffIDs = new Map<string, string>();
  const noteManifest = async (digest: string): Promise<void> => {
    if (!sizes.has(digest)) return;
    const m = await docs.manifest(digest);
    if (!sizes.has(m.config.digest)) return;
    const ids = (await docs.config(m.config.digest)).rootfs?.diff_ids ?? [];
    m.layers.forEach((l, i) => {
      if (ids[i] !== undefined) expectedDiffIDs.set(l.digest, ids[i]);
    });
  };
  for (const d of index.manifests) {
    try {
      if (!isIndexType(d.mediaType)) {
        await noteManifest(d.digest);
        continue;
      }
      if (!sizes.has(d.digest)) continue;
      const children = (await docs.index(d.digest)).manifests;
      for (const c of children) await noteManifest(c.digest);
      const child = meta.tops[d.digest]?.child;
      if (child !== undefined && !children.some((c) => c.digest === child)) {
        add('metadata', d.digest, `metadata names ${child} as the local image of this index, but the index does not list it`);
      }
    } catch {
      // unparseable documents are reported by the blob checks
    }
  }
  for (const [digest, facts] of Object.entries(meta.layers)) {
    const want = expectedDiffIDs.get(digest);
    if (want !== undefined && facts.diffID !== want) {
      add('metadata', digest, `layer's recorded diffID ${facts.diffID} differs from the config's ${want}`);
    }
  }
  for (const [id, m] of Object.entries(meta.images)) {
    for (const r of m.repoDigests ?? []) {
      if (!/^[^@\s]+@sha256:[a-f0-9]{64}$/.test(r)) add('metadata', id, `malformed repo digest ${JSON.stringify(r)}`);
    }
  }
}
