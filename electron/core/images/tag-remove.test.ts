import { describe, expect, it } from 'vitest';
import { addImage, fileLayer, tarOf } from '../store/testing/build';
import { coreOnFreshStore } from './testing';
import { chainIDs } from '../store';

const env = coreOnFreshStore();
const call = env.call;
const tagsOf = async (ref: string) => (await call('images.inspect', { ref })).RepoTags;
async function sizesOf(digests: string[]): Promise<number> {
  let total = 0;
  for (const d of digests) total += (await env.t.store.blobs.size(d)) ?? 0;
  return total;
}

describe('images.tag', () => {
  it('tags by name or ID prefix, adds latest, records LastTagTime, and moves tags', async () => {
    const a = await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    const b = await addImage(env.t.store, { layers: [await fileLayer('a', '2')], tag: 'docker.io/library/b:1' });
    expect(await call('images.tag', { ref: 'a:1', target: 'me/app' })).toEqual({ target: 'docker.io/me/app:latest', moved: false });
    expect(await tagsOf('a:1')).toEqual(['a:1', 'me/app:latest']);
    expect((await call('images.inspect', { ref: 'a:1' })).Metadata.LastTagTime).toMatch(/^20\d\d-/);
    expect(await call('images.tag', { ref: b.id.slice(7, 19), target: 'me/app' })).toEqual({ target: 'docker.io/me/app:latest', moved: true });
    expect(await tagsOf('me/app')).toEqual(['b:1', 'me/app:latest']);
    expect(await tagsOf(a.id)).toEqual(['a:1']);
  });

  it("refuses what Docker refuses, in Docker's words", async () => {
    await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    const refuse = (source: string, target: string) => call('images.tag', { ref: source, target });
    await expect(refuse('a:1', `x@sha256:${'a'.repeat(64)}`)).rejects.toThrow('refusing to create a tag with a digest reference');
    await expect(refuse('a:1', 'sha256:foo')).rejects.toThrow('refusing to create an ambiguous tag using digest algorithm as name');
    await expect(refuse('a:1', 'Bad/Name')).rejects.toThrow(/^error parsing reference: "Bad\/Name" is not a valid repository\/tag: /);
    await expect(refuse('A:1', 'ok')).rejects.toThrow('error parsing reference: "A:1" is not a valid repository/tag: ');
    await expect(refuse('missing', 'ok')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: missing:latest' });
  });
});

describe('images.remove', () => {
  it('untags by name; deletes with the last reference, printing chain IDs of freed layers top first', async () => {
    const base = await tarOf([{ name: 'base', content: 'b' }]);
    const l1 = await fileLayer('one', '1');
    const l2 = await fileLayer('two', '2');
    const img = await addImage(env.t.store, { layers: [base, l1], tag: 'docker.io/library/a:1', repoDigest: (m) => `docker.io/library/a@${m}` });
    await addImage(env.t.store, { layers: [base, l2], tag: 'docker.io/library/other:1' });
    await call('images.tag', { ref: 'a:1', target: 'a:2' });
    expect(await call('images.remove', { refs: ['a:1'] })).toEqual({ records: [{ untagged: 'a:1' }], failures: [], reclaimed: 0, containersRemoved: [] });
    const { createHash } = await import('node:crypto');
    const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
    const chains = chainIDs([sha(base), sha(l1)]);
    const expected = {
      records: [{ untagged: 'a:2' }, { untagged: `a@${img.manifestDigest}` }, { deleted: img.id }, { deleted: chains[1] }],
      failures: [],
      containersRemoved: [],
    };
    // The dry run says exactly what the real run then does, bytes included, and changes nothing.
    const blobsBefore = await sizesOf([img.manifestDigest, img.id, img.layerDigests[1]!]);
    const preview = await call('images.remove', { refs: ['a:2'], dryRun: true });
    expect(preview).toEqual({ ...expected, reclaimed: blobsBefore });
    expect(await tagsOf('a:2')).toEqual(['a:2']);
    expect(await call('images.remove', { refs: ['a:2'] })).toEqual({ ...expected, reclaimed: blobsBefore });
    expect(await env.t.store.blobs.has(img.manifestDigest)).toBe(false);
    expect(await env.t.store.blobs.has(img.layerDigests[1]!)).toBe(false);
    expect(await env.t.store.blobs.has(img.layerDigests[0]!)).toBe(true); // shared with other:1
    expect((await env.t.store.fsck()).ok).toBe(true);
  });

  it('by ID: conflict when referenced in several repositories, unless forced', async () => {
    const img = await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    await call('images.tag', { ref: 'a:1', target: 'b:1' });
    const short = img.id.slice(7, 19);
    expect(await call('images.remove', { refs: [short] })).toEqual({
      records: [],
      failures: [{ ref: short, code: 'CONFLICT', message: `conflict: unable to delete ${short} (must be forced) - image is referenced in multiple repositories` }],
      reclaimed: 0,
      containersRemoved: [],
    });
    const forced = await call('images.remove', { refs: [img.id], force: true });
    expect(forced.records).toEqual([{ untagged: 'a:1' }, { untagged: 'b:1' }, { deleted: img.id }, { deleted: expect.stringMatching(/^sha256:/) }]);
  });

  it('by ID with a single tag untags and deletes; a dangling image is just deleted', async () => {
    const tagged = await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    const loose = await addImage(env.t.store, { layers: [await fileLayer('a', '2')] });
    const r = await call('images.remove', { refs: [tagged.id.slice(7), loose.id.slice(7, 15)] });
    expect(r.records.map((x: object) => Object.keys(x)[0] + ' ' + Object.values(x)[0])).toEqual([
      'untagged a:1', `deleted ${tagged.id}`, expect.stringMatching(/^deleted sha256:/),
      `deleted ${loose.id}`, expect.stringMatching(/^deleted sha256:/),
    ]);
    expect((await call('images.list', {})).rows).toEqual([]);
  });

  it('processes each argument independently and collects failures', async () => {
    await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    const r = await call('images.remove', { refs: ['nope', 'a:1', 'Bad!'] });
    expect(r.records[0]).toEqual({ untagged: 'a:1' });
    expect(r.failures).toEqual([
      { ref: 'nope', code: 'NOT_FOUND', message: 'No such image: nope:latest' },
      { ref: 'Bad!', code: 'INVALID_REFERENCE', message: expect.any(String) },
    ]);
  });
});

describe('images.prune', () => {
  it('removes dangling images (digest-only counts as dangling), keeps tagged ones, reports freed bytes', async () => {
    const keep = await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/a:1' });
    const loose = await addImage(env.t.store, { layers: [await fileLayer('a', '2')] });
    const pinned = await addImage(env.t.store, { layers: [await fileLayer('a', '3')], repoDigest: (m) => `docker.io/library/p@${m}` });
    const dry = await call('images.prune', { dryRun: true });
    expect((await call('images.list', {})).imageCount).toBe(3);
    const real = await call('images.prune', {});
    expect(real.records).toEqual(dry.records);
    expect(real.reclaimed).toBe(dry.reclaimed);
    expect(real.records).toContainEqual({ untagged: `p@${pinned.manifestDigest}` });
    expect(real.records).toContainEqual({ deleted: pinned.id });
    expect(real.records).toContainEqual({ deleted: loose.id });
    const freed = [loose, pinned].reduce((n, i) => n + i.config.length + i.manifest.length, 0);
    expect(real.reclaimed).toBeGreaterThan(freed);
    expect((await call('images.list', {})).rows.map((r: { id: string }) => r.id)).toEqual([keep.id]);
  });

  it('all=true removes every image; until= and label= narrow it', async () => {
    await addImage(env.t.store, { layers: [await fileLayer('a', '1')], tag: 'docker.io/library/old:1', created: '2020-01-01T00:00:00Z', labels: { keep: 'no' } });
    await addImage(env.t.store, { layers: [await fileLayer('a', '2')], tag: 'docker.io/library/new:1', created: '2024-01-01T00:00:00Z' });
    expect((await call('images.prune', { all: true, filters: ['until=2021-01-01T00:00:00Z'], dryRun: true })).records[0]).toEqual({ untagged: 'old:1' });
    expect((await call('images.prune', { all: true, filters: ['label!=keep=no'], dryRun: true })).records[0]).toEqual({ untagged: 'new:1' });
    await expect(call('images.prune', { filters: ['reference=x'] })).rejects.toThrow("invalid filter 'reference'");
    await call('images.prune', { all: true });
    expect((await call('images.list', {})).rows).toEqual([]);
    expect(await env.t.store.blobs.list()).toEqual([]);
  });
});
