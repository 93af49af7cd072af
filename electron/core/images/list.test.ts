import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addImage, fileLayer, tarOf, tempStore } from '../store/testing/build';
import { listImages } from './list';

let t: Awaited<ReturnType<typeof tempStore>>;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => t.cleanup());

const list = async (filters: string[] = [], all = false) => listImages(await t.store.snapshot(), { all, filters });

describe('images.list', () => {
  it('one row per tag, <none> rows for dangling images, newest first', async () => {
    const old = await addImage(t.store, { layers: [await fileLayer('a', '1')], created: '2020-01-01T00:00:00Z', tag: 'docker.io/library/old:1' });
    await addImage(t.store, { layers: [await fileLayer('a', '2')], created: '2020-01-01T00:00:00Z', tag: 'docker.io/library/old:1' });
    const multi = await addImage(t.store, { layers: [await fileLayer('a', '3')], created: '2023-05-01T00:00:00Z', tag: 'docker.io/library/multi:a' });
    const { tagImage } = await import('./tag');
    await tagImage(t.store, 'multi:a', 'localhost:5000/team/multi:b');
    const r = await list();
    expect(r.rows.map((x) => [x.repository, x.tag])).toEqual([
      ['multi', 'a'],
      ['localhost:5000/team/multi', 'b'],
      ['old', '1'],
      ['<none>', '<none>'],
    ]);
    expect(r.rows[0]).toMatchObject({ id: multi.id, reference: 'docker.io/library/multi:a', dangling: false, platform: 'linux/amd64' });
    expect(r.rows[3]).toMatchObject({ id: old.id, reference: null, dangling: true, digest: null });
    expect(r.imageCount).toBe(3);
  });

  it('shows a repository known only by digest with tag <none>', async () => {
    const img = await addImage(t.store, { layers: [await fileLayer('a', '1')], repoDigest: (m) => `docker.io/library/pinned@${m}` });
    const r = await list();
    expect(r.rows).toEqual([expect.objectContaining({ repository: 'pinned', tag: '<none>', digest: img.manifestDigest, dangling: true })]);
  });

  it('computes shared and unique sizes by layer, and the total without double counting', async () => {
    const base = await tarOf([{ name: 'base', content: 'b'.repeat(100) }]);
    await addImage(t.store, { layers: [base, await tarOf([{ name: 'x', content: 'x'.repeat(10) }])], tag: 'docker.io/library/a:1' });
    await addImage(t.store, { layers: [base, await tarOf([{ name: 'y', content: 'y'.repeat(20) }])], tag: 'docker.io/library/b:1' });
    const r = await list();
    const a = r.rows.find((x) => x.repository === 'a')!;
    expect([a.size, a.sharedSize, a.uniqueSize]).toEqual([110, 100, 10]);
    expect(r.totalSize).toBe(130);
  });

  describe('filters', () => {
    beforeEach(async () => {
      await addImage(t.store, { layers: [await fileLayer('a', '1')], created: '2021-01-01T00:00:00Z', tag: 'docker.io/library/busybox:1.35', labels: { tier: 'base', team: 'x' } });
      await addImage(t.store, { layers: [await fileLayer('a', '2')], created: '2022-01-01T00:00:00Z', tag: 'docker.io/peers/nested:1' });
      await addImage(t.store, { layers: [await fileLayer('a', '3')], created: '2023-01-01T00:00:00Z' });
    });
    const names = async (f: string[]) => (await list(f)).rows.map((r) => `${r.repository}:${r.tag}`);

    it('dangling=', async () => {
      expect(await names(['dangling=true'])).toEqual(['<none>:<none>']);
      expect(await names(['dangling=0'])).toEqual(['peers/nested:1', 'busybox:1.35']);
      await expect(list(['dangling=maybe'])).rejects.toThrow("invalid filter 'dangling=[maybe]'");
      await expect(list(['dangling=true', 'dangling=false'])).rejects.toThrow("invalid filter 'dangling=[true false]'");
    });

    it('label=', async () => {
      expect(await names(['label=tier'])).toEqual(['busybox:1.35']);
      expect(await names(['label=tier=base', 'label=team=x'])).toEqual(['busybox:1.35']);
      expect(await names(['label=tier=other'])).toEqual([]);
    });

    it('before= and since= compare Created strictly with an existing image', async () => {
      expect(await names(['before=peers/nested:1'])).toEqual(['busybox:1.35']);
      expect(await names(['since=busybox:1.35'])).toEqual(['<none>:<none>', 'peers/nested:1']);
      await expect(list(['since=nope'])).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope:latest' });
    });

    it('reference= globs on familiar and full forms; * does not cross /', async () => {
      expect(await names(['reference=busybox'])).toEqual(['busybox:1.35']);
      expect(await names(['reference=*'])).toEqual(['busybox:1.35']);
      expect(await names(['reference=*/*'])).toEqual(['peers/nested:1']);
      expect(await names(['reference=docker.io/library/busy*:1.*'])).toEqual(['busybox:1.35']);
      expect(await names(['reference=busybox', 'reference=peers/*'])).toEqual(['peers/nested:1', 'busybox:1.35']);
    });

    it('rejects unknown keys and malformed items with dockerd/CLI wording', async () => {
      await expect(list(['colour=red'])).rejects.toThrow("invalid filter 'colour'");
      await expect(list(['dangling'])).rejects.toThrow('bad format of filter (expected name=value)');
    });
  });
});
