/**
 * Desktop list selection over an ordered list of keys: click selects one,
 * ctrl/cmd toggles, shift extends from the anchor; the cursor is where the
 * keyboard is. Pure, so the table and its tests share one set of rules.
 */
export interface Selection {
  selected: ReadonlySet<string>;
  anchor: string | null;
  cursor: string | null;
}

export const EMPTY_SELECTION: Selection = { selected: new Set(), anchor: null, cursor: null };

export interface Modifiers {
  shift?: boolean;
  toggle?: boolean;
}

export function selectKey(sel: Selection, order: readonly string[], key: string, mods: Modifiers = {}): Selection {
  if (mods.shift && sel.anchor !== null && order.includes(sel.anchor)) {
    const range = between(order, sel.anchor, key);
    const base = mods.toggle ? sel.selected : new Set<string>();
    return { selected: new Set([...base, ...range]), anchor: sel.anchor, cursor: key };
  }
  if (mods.toggle) {
    const next = new Set(sel.selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    return { selected: next, anchor: key, cursor: key };
  }
  return { selected: new Set([key]), anchor: key, cursor: key };
}

/** Moves the cursor by `delta` rows (clamped); shift extends, toggle moves without selecting. */
export function moveCursor(sel: Selection, order: readonly string[], delta: number, mods: Modifiers = {}): Selection {
  if (order.length === 0) return sel;
  const at = sel.cursor === null ? -1 : order.indexOf(sel.cursor);
  const from = at === -1 ? (delta > 0 ? -1 : order.length) : at;
  const index = Math.max(0, Math.min(order.length - 1, from + delta));
  const key = order[index]!;
  if (mods.toggle && !mods.shift) return { ...sel, cursor: key };
  return selectKey(sel, order, key, { shift: mods.shift });
}

export function selectAll(sel: Selection, order: readonly string[]): Selection {
  return { selected: new Set(order), anchor: sel.anchor ?? order[0] ?? null, cursor: sel.cursor ?? order[0] ?? null };
}

/**
 * After a refresh: keeps what still exists; a cursor whose row vanished moves
 * to the row that took its place, so the keyboard never loses its spot.
 */
export function reconcile(sel: Selection, before: readonly string[], after: readonly string[]): Selection {
  const present = new Set(after);
  const selected = new Set([...sel.selected].filter((k) => present.has(k)));
  let cursor = sel.cursor;
  if (cursor !== null && !present.has(cursor)) {
    const was = before.indexOf(cursor);
    cursor = after.length === 0 ? null : (after[Math.min(Math.max(was, 0), after.length - 1)] ?? null);
  }
  const anchor = sel.anchor !== null && present.has(sel.anchor) ? sel.anchor : cursor;
  if (selected.size === sel.selected.size && cursor === sel.cursor && anchor === sel.anchor) return sel;
  return { selected, anchor, cursor };
}

function between(order: readonly string[], a: string, b: string): string[] {
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  if (j === -1) return [];
  return order.slice(Math.min(i, j), Math.max(i, j) + 1);
}
