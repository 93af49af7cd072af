import { describe, expect, it } from 'vitest';
import type { ImageRow } from '../../../../shared/index';
import { planRemoval } from './delete-plan';

function row(id: string, repository: string, tag: string, uniqueSize = 10): ImageRow {
  const dangling = tag === '<none>';
  return {
    id,
    repository,
    tag,
    reference: dangling ? null : `docker.io/library/${repository}:${tag}`,
    digest: null,
    created: '2024-01-01T00:00:00Z',
    size: 100,
    uniqueSize,
    sharedSize: 100 - uniqueSize,
    platform: 'linux/amd64',
    labels: {},
    dangling,
  };
}

const a1 = row('sha256:a', 'busybox', '1.35', 30);
const a2 = row('sha256:a', 'app', 'v1', 30);
const b = row('sha256:b', 'alpine', '3', 40);
const none = row('sha256:c', '<none>', '<none>', 5);
const all = [a1, a2, b, none];

describe('planRemoval', () => {
  it('delete removes by ID and lists every tag of each image once', () => {
    const plan = planRemoval('delete', [a1, a2, b], all);
    expect(plan.args).toEqual(['sha256:a', 'sha256:b']);
    expect(plan.images.map((i) => i.untag)).toEqual([['busybox:1.35', 'app:v1'], ['alpine:3']]);
    expect(plan.bytes).toBe(70);
  });

  it('delete of a <none> row untags nothing', () => {
    expect(planRemoval('delete', [none], all).images).toEqual([{ id: 'sha256:c', untag: [], deleted: true, bytes: 5 }]);
  });

  it('untag of one of two tags keeps the image and frees nothing', () => {
    const plan = planRemoval('untag', [a2], all);
    expect(plan.args).toEqual(['docker.io/library/app:v1']);
    expect(plan.images).toEqual([{ id: 'sha256:a', untag: ['app:v1'], deleted: false, bytes: 0 }]);
  });

  it('untag of an image’s last tag deletes it', () => {
    const plan = planRemoval('untag', [b], all);
    expect(plan.images[0]).toMatchObject({ deleted: true, bytes: 40 });
  });
});
