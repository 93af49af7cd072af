import type { KeyboardEvent } from 'react';
import { useImageSelection } from '../../state/image-selection';
import type { DisplayItem } from './display-rows';
import { moveCursor, selectAll, selectKey } from './selection';
import type { ActionId } from './actions';

export interface GridKeyboardOptions {
  items: readonly DisplayItem[];
  pageSize: number;
  scrollTo(index: number): void;
  toggleGroup(repository: string): void;
  run(action: ActionId): void;
  openMenu(): void;
}

const ACTION_KEYS: Record<string, ActionId> = { Delete: 'delete', Backspace: 'delete', t: 'tag', u: 'untag', Enter: 'inspect' };

/**
 * The grid's keys: arrows/Page/Home/End move (shift extends, ctrl moves
 * alone), Space selects, Ctrl+A all, Enter inspects, Del deletes, T tags,
 * U untags, Ctrl+C copies the reference, Shift+F10 or the menu key opens the
 * row menu, Escape clears; on a repository heading, Enter and arrows fold it.
 */
export function useGridKeyboard(o: GridKeyboardOptions): (e: KeyboardEvent) => void {
  return (e) => {
    // Keys on the header's buttons and resize handles are theirs.
    if (e.target !== e.currentTarget) return;
    const state = useImageSelection.getState();
    const order = o.items.map((i) => i.key);
    const rowOrder = o.items.filter((i) => i.kind === 'row').map((i) => i.key);
    const ctrl = e.ctrlKey || e.metaKey;
    const current = o.items.find((i) => i.key === state.cursor);
    const move = (delta: number): void => {
      const next = moveCursor(state, order, delta, { shift: e.shiftKey, toggle: ctrl });
      state.set({ ...next, selected: new Set([...next.selected].filter((k) => !k.startsWith('group\n'))) });
      o.scrollTo(order.indexOf(next.cursor ?? ''));
    };
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: o.pageSize,
      PageUp: -o.pageSize,
      Home: -Infinity,
      End: Infinity,
    };
    let handled = true;
    if (e.key in steps) move(steps[e.key]!);
    else if (current?.kind === 'group' && ['Enter', ' ', 'ArrowLeft', 'ArrowRight'].includes(e.key)) {
      if (e.key === 'Enter' || e.key === ' ' || (e.key === 'ArrowLeft') !== current.collapsed) o.toggleGroup(current.repository);
    } else if (e.key === 'ArrowLeft' && current?.kind === 'row' && o.items.some((i) => i.kind === 'group')) {
      const group = `group\n${current.row.repository}`;
      o.toggleGroup(current.row.repository);
      state.set({ ...state, cursor: group });
      o.scrollTo(order.indexOf(group));
    } else if (e.key === ' ' && state.cursor && current?.kind === 'row') state.set(selectKey(state, order, state.cursor, { toggle: ctrl }));
    else if (ctrl && e.key.toLowerCase() === 'a') state.set(selectAll(state, rowOrder));
    else if (ctrl && e.key.toLowerCase() === 'c') o.run('copyRef');
    else if ((e.shiftKey && e.key === 'F10') || e.key === 'ContextMenu') o.openMenu();
    else if (e.key === 'Escape' && state.selected.size > 0) state.set({ ...state, selected: new Set() });
    else if (!ctrl && !e.altKey && ACTION_KEYS[e.key]) o.run(ACTION_KEYS[e.key]!);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };
}
