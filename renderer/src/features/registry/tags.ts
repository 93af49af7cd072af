/**
 * Tags as people read them: versions newest first with numbers compared as
 * numbers (1.10 after 1.9), `latest` on top, other words after the versions.
 * Filtering and paging happen here, on the full list the registry returned.
 */
export type TagSort = 'version' | 'name';

interface Parsed {
  numbers: number[] | null;
  suffix: string;
}

function parse(tag: string): Parsed {
  const m = /^v?(\d+(?:\.\d+)*)(.*)$/i.exec(tag);
  if (!m) return { numbers: null, suffix: tag };
  return { numbers: m[1]!.split('.').map(Number), suffix: m[2]! };
}

function rank(tag: string, p: Parsed): number {
  if (tag === 'latest') return 0;
  return p.numbers ? 1 : 2;
}

/** Orders a before b when a should be listed first. */
export function compareTagVersions(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  const ra = rank(a, pa);
  const rb = rank(b, pb);
  if (ra !== rb) return ra - rb;
  if (pa.numbers && pb.numbers) {
    for (let i = 0; i < Math.max(pa.numbers.length, pb.numbers.length); i++) {
      const d = (pb.numbers[i] ?? -1) - (pa.numbers[i] ?? -1);
      if (d !== 0) return d;
    }
    // Same version: the plain one first (1.35 before 1.35-alpine), then by suffix.
    if (pa.suffix === '' || pb.suffix === '') return pa.suffix === '' ? (pb.suffix === '' ? 0 : -1) : 1;
    return pa.suffix.localeCompare(pb.suffix, 'en', { numeric: true });
  }
  return a.localeCompare(b, 'en', { numeric: true });
}

export function sortTags(tags: readonly string[], sort: TagSort): string[] {
  return [...tags].sort(sort === 'version' ? compareTagVersions : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function filterTags(tags: readonly string[], filter: string): string[] {
  const f = filter.trim().toLowerCase();
  return f === '' ? [...tags] : tags.filter((t) => t.toLowerCase().includes(f));
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Page `page` (0-based, clamped) of size `size`; an empty list has one empty page. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(p * size, p * size + size), page: p, pages };
}
