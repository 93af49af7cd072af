import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../../shared/index';
import { displayItems, rowKeys, visibleRows } from './display-rows';

function row(id: string, repository: string, tag: string, size = 100): ImageRow {
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    repository,
    tag,
    reference: tag === '<none>' ? null : `docker.io/library/${repository}:${tag}`,
    digest: null,
    created: '2024-01-01T00:00:00Z',
    size,
    platform: 'linux/amd64',
    labels: {},
    dangling: tag === '<none>',
  };
}

const rows = [row('aa', 'busybox', '1.35'), row('bb', 'alpine', '3'), row('aa', 'busybox', 'latest'), row('cc', '<none>', '<none>', 7)];

describe('visibleRows', () => {
  it('hides <none> rows behind the toggle and matches words against repo:tag and short ID', () => {
    expect(visibleRows(rows, { words: [], hideDangling: true })).toHaveLength(3);
    expect(visibleRows(rows, { words: [], hideDangling: false })).toHaveLength(4);
    expect(visibleRows(rows, { words: ['box:lat'], hideDangling: false }).map((r) => r.tag)).toEqual(['latest']);
    expect(visibleRows(rows, { words: ['cc00'], hideDangling: false }).map((r) => r.repository)).toEqual(['<none>']);
  });
});

describe('displayItems', () => {
  it('is one item per row when not grouped', () => {
    expect(displayItems(rows, false, new Set()).map((i) => i.kind)).toEqual(['row', 'row', 'row', 'row']);
  });

  it('groups by repository in first-appearance order and counts an image once in the size', () => {
    const items = displayItems(rows, true, new Set());
    expect(items.map((i) => (i.kind === 'group' ? `# ${i.repository} ${i.count} ${i.size}` : i.row.tag))).toEqual([
      '# busybox 2 100',
      '1.35',
      'latest',
      '# alpine 1 100',
      '3',
      '# <none> 1 7',
      '<none>',
    ]);
  });

  it('leaves a collapsed group its heading only, and its rows out of the keyboard order', () => {
    const items = displayItems(rows, true, new Set(['busybox']));
    expect(items.filter((i) => i.kind === 'group').map((i) => i.kind === 'group' && i.collapsed)).toEqual([true, false, false]);
    expect(rowKeys(items)).toHaveLength(2);
  });
});
