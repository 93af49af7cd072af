/**
 * fsck: every blob's digest, every index.json descriptor's blobs present and
 * parseable with the declared sizes, meta.json consistent with the blobs,
 * and no stray temp files. Read-only, except that temp files of dead writers
 * are removed first (they are provably garbage, and are what a crash leaves).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { FsckReport } from '../../../shared/schemas';
import type { BlobStore } from './blobs';
import { DocCache } from './doc-cache';
import { TMP_PREFIX } from './fsutil';
import { removeDeadTemps } from './init';
import { isIndexType, parseIndex, type Descriptor, type IndexDoc } from './oci';
import type { StorePaths } from './paths';
import { checkMeta, readMetaStrict } from './fsck-meta';

type Problem = FsckReport['problems'][number];

export async function fsck(paths: StorePaths, blobs: BlobStore): Promise<FsckReport> {
  const problems: Problem[] = [];
  const add = (kind: string, subject: string, message: string): void => void problems.push({ kind, subject, message });
  await removeDeadTemps(paths);
  const sizes = await checkBlobs(blobs, add);
  await checkStrays(paths, add);
  const meta = await readMetaStrict(paths, add);
  let index: IndexDoc | null = null;
  try {
    index = parseIndex(await readFile(paths.indexFile), 'index.json');
  } catch (e) {
    add('index', 'index.json', (e as Error).message);
  }
  const docs = new DocCache(blobs);
  if (index) {
    for (const d of index.manifests) await checkTop(d, sizes, docs, add);
    if (meta) await checkMeta(meta, index, docs, sizes, add);
  }
  return { ok: problems.length === 0, blobsChecked: sizes.size, refsChecked: index?.manifests.length ?? 0, problems };
}

type Add = (kind: string, subject: string, message: string) => void;

/** Hashes every blob; returns the sizes of the ones whose content matches their name. */
async function checkBlobs(blobs: BlobStore, add: Add): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const name of await blobs.list()) {
    const digest = `sha256:${name}`;
    if (!/^[a-f0-9]{64}$/.test(name)) {
      add('stray-file', `blobs/sha256/${name}`, 'file in blobs/ is not named by a sha256 digest (leftover temp file?)');
      continue;
    }
    const { hex, size } = await hashFile(blobs.path(digest));
    if (hex !== name) add('corrupt-blob', digest, `blob content hashes to sha256:${hex}`);
    else sizes.set(digest, size);
  }
  return sizes;
}

async function hashFile(file: string): Promise<{ hex: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hex: h.digest('hex'), size };
}

async function checkStrays(paths: StorePaths, add: Add): Promise<void> {
  for (const name of await readdir(paths.tmpDir).catch(() => [] as string[])) {
    // Temp files of live writers are in use; dead writers' ones were removed above.
    if (!name.startsWith(TMP_PREFIX)) add('stray-file', `berth/tmp/${name}`, 'unexpected file in the temp directory');
  }
  for (const name of await readdir(paths.root)) {
    if (/tmp|\.part$|~$/i.test(name)) add('stray-file', name, 'leftover temp file in the store root');
  }
  for (const name of await readdir(paths.blobsDir).catch(() => [] as string[])) {
    if (name !== 'sha256') add('stray-file', `blobs/${name}`, 'unexpected entry in blobs/');
  }
}

function present(d: Descriptor, sizes: Map<string, number>, add: Add, what: string): boolean {
  const size = sizes.get(d.digest);
  if (size === undefined) {
    add('missing-blob', d.digest, `${what} is missing or corrupt`);
    return false;
  }
  if (size !== d.size) add('size-mismatch', d.digest, `${what} is ${size} bytes, its descriptor says ${d.size}`);
  return true;
}

async function checkTop(d: Descriptor, sizes: Map<string, number>, docs: DocCache, add: Add): Promise<void> {
  if (!present(d, sizes, add, `blob of index.json entry ${label(d)}`)) return;
  try {
    if (!isIndexType(d.mediaType)) return await checkManifest(d, sizes, docs, add);
    let complete = 0;
    for (const c of (await docs.index(d.digest)).manifests) {
      if (!sizes.has(c.digest)) continue; // children of an index need not all be here
      await checkManifest(c, sizes, docs, add);
      complete += 1;
    }
    if (complete === 0) add('incomplete-image', d.digest, `no manifest of index ${label(d)} is stored`);
  } catch (e) {
    add('unparseable', d.digest, (e as Error).message);
  }
}

async function checkManifest(d: Descriptor, sizes: Map<string, number>, docs: DocCache, add: Add): Promise<void> {
  if (!present(d, sizes, add, `manifest ${d.digest}`)) return;
  const m = await docs.manifest(d.digest);
  if (present(m.config, sizes, add, `config of ${d.digest}`)) {
    const config = await docs.config(m.config.digest);
    const ids = config.rootfs?.diff_ids;
    if (ids && ids.length !== m.layers.length) {
      add('mismatch', d.digest, `manifest has ${m.layers.length} layers, config lists ${ids.length} diff_ids`);
    }
  }
  for (const l of m.layers) present(l, sizes, add, `layer of ${d.digest}`);
}

function label(d: Descriptor): string {
  return d.annotations?.['org.opencontainers.image.ref.name'] ?? d.digest;
}

