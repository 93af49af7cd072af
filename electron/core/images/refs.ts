/** Reference helpers for stored references, which are always full normalized strings. */
import {
  familiarName,
  familiarString,
  formatReference,
  parseReference,
  repositoryName,
  type Reference,
} from '../reference';

const parsed = new Map<string, Reference | null>();

/**
 * Parses a stored reference (already full); null if another tool stored
 * garbage. Memoized: a 10,000-tag list parses the same strings every call.
 */
export function storedRef(full: string): Reference | null {
  const hit = parsed.get(full);
  if (hit !== undefined) return hit;
  let r: Reference | null;
  try {
    r = parseReference(full);
  } catch {
    r = null;
  }
  if (parsed.size > 200_000) parsed.clear();
  parsed.set(full, r);
  return r;
}

export function familiarOf(full: string): string {
  const r = storedRef(full);
  return r ? familiarString(r) : full;
}

export function familiarRepoOf(full: string): string {
  const r = storedRef(full);
  return r ? familiarName(r) : full;
}

export function repoOf(full: string): string {
  const r = storedRef(full);
  return r ? repositoryName(r) : full;
}

export { familiarName, familiarString, formatReference, repositoryName };

/** The first 12 hex characters of an ID, as Docker prints it in conflicts and tables. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
