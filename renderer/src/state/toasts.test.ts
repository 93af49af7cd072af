import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_TOASTS, useToasts } from './toasts';

describe('useToasts', () => {
  beforeEach(() => useToasts.setState({ toasts: [] }));

  it('pushes toasts with distinct ids and dismisses by id', () => {
    const a = useToasts.getState().push({ kind: 'info', title: 'a' });
    const b = useToasts.getState().push({ kind: 'error', title: 'b', description: 'why' });
    expect(a).not.toBe(b);
    expect(useToasts.getState().toasts.map((t) => t.title)).toEqual(['a', 'b']);
    useToasts.getState().dismiss(a);
    expect(useToasts.getState().toasts).toEqual([{ id: b, kind: 'error', title: 'b', description: 'why' }]);
  });

  it(`keeps only the newest ${MAX_TOASTS}`, () => {
    for (let i = 0; i < MAX_TOASTS + 2; i++) useToasts.getState().push({ kind: 'info', title: `t${i}` });
    const titles = useToasts.getState().toasts.map((t) => t.title);
    expect(titles).toHaveLength(MAX_TOASTS);
    expect(titles.at(-1)).toBe(`t${MAX_TOASTS + 1}`);
    expect(titles[0]).toBe('t2');
  });
});
