import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../../shared/index';
import { removalArgs } from './delete-plan';

function row(id: string, repository: string, tag: string): ImageRow {
  const dangling = tag === '<none>';
  return {
    id,
    repository,
    tag,
    reference: dangling ? null : `docker.io/library/${repository}:${tag}`,
    digest: null,
    created: '2024-01-01T00:00:00Z',
    size: 100,
    platform: 'linux/amd64',
    labels: {},
    dangling,
  };
}

const a1 = row('sha256:a', 'busybox', '1.35');
const a2 = row('sha256:a', 'app', 'v1');
const b = row('sha256:b', 'alpine', '3');
const none = row('sha256:c', '<none>', '<none>');

describe('removalArgs', () => {
  it('delete removes by ID, each image once', () => {
    expect(removalArgs('delete', [a1, a2, b, none])).toEqual(['sha256:a', 'sha256:b', 'sha256:c']);
  });

  it('untag removes exactly the chosen tags, never a whole image by ID', () => {
    expect(removalArgs('untag', [a2])).toEqual(['docker.io/library/app:v1']);
    expect(removalArgs('untag', [a1, none])).toEqual(['docker.io/library/busybox:1.35']);
  });
});
