import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, moveCursor, reconcile, selectAll, selectKey, type Selection } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const keys = (s: Selection): string[] => [...s.selected].sort();

describe('selection', () => {
  it('click selects one and sets the anchor', () => {
    const s = selectKey(selectKey(EMPTY_SELECTION, order, 'b'), order, 'd');
    expect(keys(s)).toEqual(['d']);
    expect(s.anchor).toBe('d');
  });

  it('shift-click selects the range from the anchor, either direction', () => {
    const s = selectKey(selectKey(EMPTY_SELECTION, order, 'd'), order, 'b', { shift: true });
    expect(keys(s)).toEqual(['b', 'c', 'd']);
    expect(s.anchor).toBe('d');
    expect(keys(selectKey(s, order, 'e', { shift: true }))).toEqual(['d', 'e']);
  });

  it('ctrl-click toggles and ctrl-shift adds a range to what is selected', () => {
    let s = selectKey(EMPTY_SELECTION, order, 'a');
    s = selectKey(s, order, 'c', { toggle: true });
    expect(keys(s)).toEqual(['a', 'c']);
    s = selectKey(s, order, 'e', { toggle: true, shift: true });
    expect(keys(s)).toEqual(['a', 'c', 'd', 'e']);
    s = selectKey(s, order, 'a', { toggle: true });
    expect(keys(s)).toEqual(['c', 'd', 'e']);
  });

  it('arrow keys move the cursor, clamp at the ends, and shift extends', () => {
    let s = moveCursor(EMPTY_SELECTION, order, 1);
    expect(s.cursor).toBe('a');
    s = moveCursor(s, order, 1, { shift: true });
    s = moveCursor(s, order, 1, { shift: true });
    expect(keys(s)).toEqual(['a', 'b', 'c']);
    expect(moveCursor(s, order, 100).cursor).toBe('e');
    expect(moveCursor(s, order, -100).cursor).toBe('a');
    const moved = moveCursor(s, order, 1, { toggle: true });
    expect(moved.cursor).toBe('d');
    expect(keys(moved)).toEqual(['a', 'b', 'c']);
  });

  it('select all keeps the cursor', () => {
    const s = selectAll(selectKey(EMPTY_SELECTION, order, 'c'), order);
    expect(keys(s)).toEqual(order);
    expect(s.cursor).toBe('c');
  });

  it('reconcile drops vanished rows and moves a vanished cursor to its successor', () => {
    const s = selectKey(selectKey(EMPTY_SELECTION, order, 'b'), order, 'c', { shift: true });
    const r = reconcile(s, order, ['a', 'b', 'd', 'e']);
    expect(keys(r)).toEqual(['b']);
    expect(r.cursor).toBe('d');
    expect(reconcile(r, ['a', 'b', 'd', 'e'], ['a', 'b', 'd', 'e'])).toBe(r);
    expect(reconcile(r, ['a', 'b', 'd', 'e'], []).cursor).toBeNull();
  });
});
