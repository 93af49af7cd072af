import type { ImageRow } from '../../../../shared/index';
import { matchesWords } from './filter-query';
import { rowKey } from './row-key';
import { shortId } from './format';

/** One line of the virtualized body: an image row, or a repository heading when grouped. */
export type DisplayItem =
  | { kind: 'row'; key: string; row: ImageRow }
  | { kind: 'group'; key: string; repository: string; count: number; size: number; collapsed: boolean };

export interface VisibleOptions {
  words: readonly string[];
  hideDangling: boolean;
}

const haystacks = new WeakMap<ImageRow, string>();

/** What search words are matched against: `repo:tag shortid`, lower-cased once per row. */
function haystack(r: ImageRow): string {
  let h = haystacks.get(r);
  if (h === undefined) {
    h = `${r.repository}:${r.tag} ${shortId(r.id)}`.toLowerCase();
    haystacks.set(r, h);
  }
  return h;
}

/** The rows that pass the search words and the `<none>` toggle, order kept. */
export function visibleRows(rows: readonly ImageRow[], opts: VisibleOptions): ImageRow[] {
  if (!opts.hideDangling && opts.words.length === 0) return rows as ImageRow[];
  return rows.filter((r) => !(opts.hideDangling && r.dangling) && matchesWords(opts.words, haystack(r)));
}

/**
 * Rows as the body shows them. Grouped, each repository gets a heading (in
 * the order its first row appears, so sorting still decides) followed by its
 * rows unless collapsed; a group's size counts each image once.
 */
export function displayItems(rows: readonly ImageRow[], grouped: boolean, collapsed: ReadonlySet<string>): DisplayItem[] {
  if (!grouped) return rows.map((row) => ({ kind: 'row', key: rowKey(row), row }));
  const groups = new Map<string, ImageRow[]>();
  for (const r of rows) {
    const list = groups.get(r.repository);
    if (list) list.push(r);
    else groups.set(r.repository, [r]);
  }
  const items: DisplayItem[] = [];
  for (const [repository, list] of groups) {
    const isCollapsed = collapsed.has(repository);
    const size = sumOnce(list);
    items.push({ kind: 'group', key: `group\n${repository}`, repository, count: list.length, size, collapsed: isCollapsed });
    if (!isCollapsed) for (const row of list) items.push({ kind: 'row', key: rowKey(row), row });
  }
  return items;
}

function sumOnce(rows: readonly ImageRow[]): number {
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.id, r.size);
  let total = 0;
  for (const s of seen.values()) total += s;
  return total;
}

/** Keys of the selectable rows, in display order (what shift-click and arrows walk). */
export function rowKeys(items: readonly DisplayItem[]): string[] {
  const keys: string[] = [];
  for (const it of items) if (it.kind === 'row') keys.push(it.key);
  return keys;
}
