import { describe, expect, it } from 'vitest';
import { formatTable, tabwrite } from './tabwriter';
import { codePointWidth, displayWidth, ellipsis } from './width';

describe('formatTable (docker: minwidth 10, padding 3)', () => {
  it.each<[string, string[][], string]>([
    ['header wider than minwidth', [['REPOSITORY', 'TAG'], ['debian', 'bookworm']], 'REPOSITORY   TAG\ndebian       bookworm\n'],
    ['short cells pad to minwidth 10', [['a', 'b'], ['c', 'd']], 'a         b\nc         d\n'],
    ['last cell never padded', [['x', 'y', 'z']], 'x         y         z\n'],
    ['IMAGE ID column: 12 + 3', [['IMAGE ID', 'SIZE'], ['4eacea30377a', '124MB']], 'IMAGE ID       SIZE\n4eacea30377a   124MB\n'],
    ['CJK counts two cells each', [['名字', 'x'], ['ab', 'y']], '名字      x\nab        y\n'],
    ['wide column sized by display width', [['中文中文中文', '1'], ['a', '2']], '中文中文中文   1\na              2\n'],
    ['fullwidth letters', [['ＡＢＣ', 'x'], ['abcdefghij', 'y']], 'ＡＢＣ       x\nabcdefghij   y\n'],
    ['empty cells still padded', [['', 'b'], ['a', '']], '          b\na         \n'],
    ['no rows', [], ''],
  ])('%s', (_name, rows, want) => {
    expect(formatTable(rows)).toBe(want);
  });

  it('honours padding and minWidth options', () => {
    expect(formatTable([['ab', 'c'], ['abcd', 'e']], { minWidth: 0, padding: 1 })).toBe('ab   c\nabcd e\n');
    expect(formatTable([['ab', 'c']], { minWidth: 6, padding: 0 })).toBe('ab    c\n');
  });
});

describe('tabwrite (Go text/tabwriter column blocks)', () => {
  it("reproduces the package doc's example: columns are runs of consecutive lines", () => {
    const text = 'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n';
    expect(tabwrite(text, { minWidth: 0, padding: 1 })).toBe('aaaa bbb d\naa   b   dd\na    \naa   cccc eee\n');
  });

  it('a line without tabs ends the column block above it', () => {
    const text = 'a\tb\nno tabs here at all\ncccccccccccccc\td\n';
    expect(tabwrite(text)).toBe('a         b\nno tabs here at all\ncccccccccccccc   d\n');
  });

  it('text after the last newline is written unpadded', () => {
    expect(tabwrite('a\tb\nc')).toBe('a         b\nc');
  });

  it('a tab inside a cell value creates an extra column (as in docker)', () => {
    expect(tabwrite('NAME\tDESC\nx\thas\ttab\n')).toBe('NAME      DESC\nx         has       tab\n');
  });
});

describe('displayWidth', () => {
  it.each<[string, number]>([
    ['', 0], ['abc', 3], ['中文', 4], ['ｈｉ', 4], ['한국어', 6], ['e\u0301', 1], ['🐳', 2], ['👨‍👩‍👧', 2],
    ['a\u200bb', 2], ['tab\t', 3], ['…', 1], ['ひらがな', 8],
  ])('%j → %i', (s, w) => {
    expect(displayWidth(s)).toBe(w);
  });

  it('codePointWidth covers controls, combining marks and wide ranges', () => {
    expect(codePointWidth(0x07)).toBe(0);
    expect(codePointWidth(0x0301)).toBe(0);
    expect(codePointWidth(0x4e2d)).toBe(2);
    expect(codePointWidth(0x41)).toBe(1);
    expect(codePointWidth(0x20000)).toBe(2);
  });
});

describe('ellipsis (docker formatter.Ellipsis)', () => {
  it.each<[string, number, string]>([
    ['short', 45, 'short'],
    ['abcdef', 5, 'abcd…'],
    ['abcde', 5, 'abcde'],
    ['中文中文中文', 5, '中文…'],
    ['中文中文中文', 6, '中文…'],
    ['中文中文中文', 7, '中文中…'],
    ['a中文', 4, 'a中…'],
    ['anything', 1, 'a'],
    ['anything', 0, ''],
  ])('%j at %i → %j', (s, n, want) => {
    expect(ellipsis(s, n)).toBe(want);
  });

  it('the result never exceeds the width docker allows', () => {
    const s = '这是一个非常非常长的中文描述 with ascii 混合 text to make it long enough';
    const out = ellipsis(s, 45);
    expect(out.endsWith('…')).toBe(true);
    expect(displayWidth(out)).toBeLessThanOrEqual(45);
  });
});
