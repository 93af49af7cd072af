import { describe, expect, it } from 'vitest';
import { loadedRowKeys, suggestedName } from './transfer';

describe('archive transfer helpers', () => {
  it('turns a load result into the table row keys to select', () => {
    expect(loadedRowKeys({ imageIds: ['sha256:a'], references: ['docker.io/library/busybox:1.35', 'example.com:5000/x/y:v1', 'docker.io/library/a/b:2'] })).toEqual([
      'sha256:a\nbusybox\n1.35',
      'sha256:a\nexample.com:5000/x/y\nv1',
      'sha256:a\nlibrary/a/b\n2',
    ]);
    expect(loadedRowKeys({ imageIds: ['sha256:a', 'sha256:b'], references: [] })).toEqual(['sha256:a\n<none>\n<none>', 'sha256:b\n<none>\n<none>']);
  });

  it('suggests a file name from the first reference', () => {
    expect(suggestedName(['busybox:1.35'], 'docker')).toBe('busybox_1.35.tar');
    expect(suggestedName(['registry:5000/a/b:c'], 'oci')).toBe('registry_5000_a_b_c-oci.tar');
  });
});
