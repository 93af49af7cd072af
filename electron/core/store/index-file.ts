/**
 * index.json: the layout's list of top-level descriptors (tags and dangling
 * images). Parsed once per change: a reader re-reads it only when the file's
 * identity (inode, size, mtime) differs from what it parsed last.
 */
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic, isErrno } from './fsutil';
import { MEDIA, parseIndex, type IndexDoc } from './oci';
import type { StorePaths } from './paths';

export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  return !!a && !!b && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

export async function stampOf(file: string): Promise<FileStamp | null> {
  try {
    const s = await stat(file);
    return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return null;
    throw e;
  }
}

export function emptyIndex(): IndexDoc {
  return { schemaVersion: 2, mediaType: MEDIA.ociIndex, manifests: [] };
}

export class IndexFile {
  private cached: { stamp: FileStamp; doc: IndexDoc } | null = null;

  constructor(private readonly paths: StorePaths) {}

  /** The current index; the returned object is shared and must not be mutated. */
  async read(): Promise<{ doc: IndexDoc; stamp: FileStamp | null }> {
    const stamp = await stampOf(this.paths.indexFile);
    if (stamp === null) return { doc: emptyIndex(), stamp };
    if (this.cached && sameStamp(this.cached.stamp, stamp)) return { doc: this.cached.doc, stamp };
    let bytes: Buffer;
    try {
      bytes = await readFile(this.paths.indexFile);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return { doc: emptyIndex(), stamp: null };
      throw e;
    }
    const doc = parseIndex(bytes, 'index.json');
    // Stamp taken before the read: if the file changed in between, the next read re-parses.
    this.cached = { stamp, doc };
    return { doc, stamp };
  }

  /** A private copy to modify inside the store lock, with the stamp of what it was read from. */
  async readForUpdate(): Promise<{ doc: IndexDoc; stamp: FileStamp | null }> {
    const { doc, stamp } = await this.read();
    return { doc: copyIndex(doc), stamp };
  }

  /** Writes the index; `doc` becomes the cached version and must not be modified afterwards. */
  async write(doc: IndexDoc): Promise<FileStamp | null> {
    const out: IndexDoc = { ...doc, schemaVersion: 2, mediaType: doc.mediaType ?? MEDIA.ociIndex };
    await writeFileAtomic(this.paths.indexFile, JSON.stringify(out), this.paths.tmpDir, { point: 'index' });
    const stamp = await stampOf(this.paths.indexFile);
    if (stamp) this.cached = { stamp, doc: out };
    return stamp;
  }
}

/** Copies what a Txn may change (the list, descriptors, their annotations); far cheaper than structuredClone for 10,000 tags. */
function copyIndex(doc: IndexDoc): IndexDoc {
  return {
    ...doc,
    manifests: doc.manifests.map((d) => (d.annotations ? { ...d, annotations: { ...d.annotations } } : { ...d })),
  };
}
