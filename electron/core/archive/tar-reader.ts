/**
 * Walks the entries of an outer archive (docker-archive or OCI archive) with
 * the checks every entry must pass before anyone looks at its content:
 * a safe name, an expected type, no duplicates, links that stay inside.
 * Truncated archives and headers that promise more bytes than arrive fail
 * here, as CORRUPT, before anything is recorded.
 */
import { pipeline, Readable } from 'node:stream';
import tar, { type ExtractEvents } from 'tar-stream';

type Entry = ExtractEvents['entry'][1];
import { BerthError } from '../../../shared/errors';
import { checkLinkName, entryPath, linkTarget } from './entry-path';
import type { ArchiveLimits } from './limits';

export type ArchiveEntry =
  | { kind: 'file'; path: string; size: number; body: AsyncIterable<Uint8Array> }
  | { kind: 'link'; path: string; target: string };

export type EntryHandler = (entry: ArchiveEntry) => Promise<void>;

function corrupt(message: string): BerthError {
  return new BerthError('CORRUPT', `invalid archive: ${message}`);
}

/** Refuses what a docker-archive or OCI archive never contains and a loader must not follow. */
function classify(h: tar.Header, seen: Map<string, 'dir' | 'entry'>): ArchiveEntry | null {
  const path = entryPath(h.name);
  if (path === '' && h.type === 'directory') return null;
  if (path === '') throw corrupt(`entry with an empty name`);
  const previous = seen.get(path);
  if (h.type === 'directory') {
    if (previous === 'entry') throw corrupt(`duplicate entry ${path}`);
    seen.set(path, 'dir');
    return null;
  }
  if (previous) throw corrupt(`duplicate entry ${path}`);
  seen.set(path, 'entry');
  if (h.type === 'file' || h.type === 'contiguous-file') {
    return { kind: 'file', path, size: h.size ?? 0, body: noBody() };
  }
  if (h.type === 'symlink' || h.type === 'link') {
    checkLinkName(path);
    const target = linkTarget(path, h.linkname ?? '', h.type);
    // A hardlink names an entry that came before it; anything else is a lie about the archive.
    if (h.type === 'link' && seen.get(target) !== 'entry') throw corrupt(`hardlink ${path} points at ${target}, which is not an earlier entry`);
    return { kind: 'link', path, target };
  }
  throw new BerthError('FORBIDDEN', `invalid archive: ${path} is a ${h.type ?? 'unknown'} entry; only files, directories and links belong in an image archive`);
}

/**
 * Calls `onEntry` for each file and link in order; a file's body must be
 * read (or abandoned by throwing) before the next entry arrives.
 */
export async function readArchive(source: AsyncIterable<Uint8Array>, limits: ArchiveLimits, onEntry: EntryHandler): Promise<void> {
  const extract = tar.extract();
  const fed = pipeline(Readable.from(source, { objectMode: false }), extract, () => {});
  const seen = new Map<string, 'dir' | 'entry'>();
  let count = 0;
  try {
    for await (const raw of fed as AsyncIterable<Entry>) {
      count += 1;
      if (count > limits.maxEntries) throw corrupt(`more than ${limits.maxEntries} entries`);
      const entry = classify(raw.header, seen);
      if (entry?.kind === 'file') {
        await onEntry({ ...entry, body: checkedBody(raw, entry.size) });
      } else if (entry) {
        await onEntry(entry);
      }
      raw.resume(); // whatever the handler left unread (directories, links) is skipped
    }
  } catch (e) {
    throw archiveError(e);
  } finally {
    extract.destroy();
  }
}

/** The entry's bytes, failing if they stop short of the size its header claims. */
async function* checkedBody(raw: Entry, size: number): AsyncIterable<Uint8Array> {
  let got = 0;
  try {
    for await (const c of raw as AsyncIterable<Buffer>) {
      got += c.length;
      yield c;
    }
  } catch (e) {
    throw archiveError(e);
  }
  if (got !== size) throw corrupt(`archive is truncated (an entry of ${size} bytes ended after ${got})`);
}

function archiveError(e: unknown): Error {
  if (e instanceof BerthError) return e;
  const msg = (e as Error).message ?? String(e);
  if (/Unexpected end of data|premature close|Stream was destroyed/i.test(msg)) return corrupt('archive is truncated');
  if (/Invalid tar header|Invalid header|Header exceeds/i.test(msg)) return corrupt(`not a tar archive or a damaged one (${msg})`);
  return e instanceof Error ? e : new Error(msg);
}

async function* noBody(): AsyncIterable<Uint8Array> {}
