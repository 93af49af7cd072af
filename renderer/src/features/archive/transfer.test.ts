import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../../shared/index';
import { loadedRowKeys, suggestedName } from './transfer';

describe('archive transfer helpers', () => {
  it('selects the rows of the tags a load produced, or its untagged images', () => {
    const row = (id: string, reference: string | null, repository = '<none>', tag = '<none>') =>
      ({ id, reference, repository, tag, digest: null, created: '', size: 0, platform: '', labels: {}, dangling: reference === null }) as ImageRow;
    const rows = [
      row('sha256:a', 'docker.io/library/busybox:1.35', 'busybox', '1.35'),
      row('sha256:a', 'docker.io/library/other:1', 'other', '1'),
      row('sha256:b', null),
    ];
    expect(loadedRowKeys({ imageIds: ['sha256:a'], references: ['docker.io/library/busybox:1.35'] }, rows)).toEqual(['sha256:a\nbusybox\n1.35']);
    expect(loadedRowKeys({ imageIds: ['sha256:b'], references: [] }, rows)).toEqual(['sha256:b\n<none>\n<none>']);
  });

  it('suggests a file name from the first reference', () => {
    expect(suggestedName(['busybox:1.35'], 'docker')).toBe('busybox_1.35.tar');
    expect(suggestedName(['registry:5000/a/b:c'], 'oci')).toBe('registry_5000_a_b_c-oci.tar');
  });
});
