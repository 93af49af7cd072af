/**
 * Tag names as found in index.json. Berth writes full normalized references
 * (`docker.io/library/busybox:1.35`); other tools may write familiar ones
 * (`busybox:1.35`) or bare tags (umoci's `1.35`), which are read the way
 * Docker would read them. Names that are no valid tag reference are ignored
 * (the descriptor then counts as dangling, its annotation left untouched).
 */
import { formatReference, parseNormalizedNamed, withDefaultTag } from '../reference';

const cache = new Map<string, string | null>();

export function normalizeStoredName(raw: string): string | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  let full: string | null;
  try {
    const ref = withDefaultTag(parseNormalizedNamed(raw));
    full = ref.digest === null ? formatReference(ref) : null;
  } catch {
    full = null;
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(raw, full);
  return full;
}
