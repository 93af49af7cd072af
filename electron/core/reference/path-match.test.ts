import { describe, expect, it } from 'vitest';
import { pathMatch } from './match';

describe('pathMatch (Go path.Match)', () => {
  it.each([
    ['busybox', 'busybox', true],
    ['busy*', 'busybox', true],
    ['*', 'library/busybox', false],
    ['*/*', 'library/busybox', true],
    ['peers/*/busybox', 'peers/nested/busybox', true],
    ['b?sybox', 'busybox', true],
    ['b?sybox', 'b/sybox', false],
    ['[a-c]usybox', 'busybox', true],
    ['[^a-c]usybox', 'busybox', false],
    ['busybox:1.*', 'busybox:1.35', true],
    ['\\*', '*', true],
    ['*x', 'xxx', true],
  ])('%s ~ %s → %s', (p, s, want) => {
    expect(pathMatch(p, s)).toBe(want);
  });

  it('rejects malformed patterns like Go', () => {
    for (const p of ['[', '[]', 'a\\', '[a-]']) expect(() => pathMatch(p, 'zzz')).toThrow('syntax error in pattern');
  });
});
