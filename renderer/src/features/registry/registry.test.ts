import { describe, expect, it } from 'vitest';
import { createLatest } from './latest';
import { searchInput, sortResults, type SearchResult } from './results';
import { addRecent, MAX_RECENT, toggle } from './saved';
import { compareTagVersions, filterTags, paginate, sortTags } from './tags';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('createLatest: a newer query always wins', () => {
  it('drops a slow old answer that arrives after a newer one', async () => {
    const latest = createLatest();
    const shown: string[] = [];
    const old = deferred<string>();
    const fresh = deferred<string>();
    latest.track(() => old.promise, (v) => shown.push(v), () => shown.push('error'));
    latest.track(() => fresh.promise, (v) => shown.push(v), () => shown.push('error'));
    fresh.resolve('redis results');
    await flush();
    old.resolve('postgres results');
    await flush();
    expect(shown).toEqual(['redis results']);
  });

  it('drops an old answer even when it comes first, and old errors too', async () => {
    const latest = createLatest();
    const shown: string[] = [];
    const old = deferred<string>();
    const fresh = deferred<string>();
    latest.track(() => old.promise, (v) => shown.push(v), () => shown.push('old error'));
    latest.track(() => fresh.promise, (v) => shown.push(v), () => shown.push('error'));
    old.reject(new Error('x'));
    await flush();
    expect(shown).toEqual([]);
    fresh.resolve('new');
    await flush();
    expect(shown).toEqual(['new']);
  });

  it('cancel() silences everything pending', async () => {
    const latest = createLatest();
    const shown: string[] = [];
    const d = deferred<string>();
    latest.track(() => d.promise, (v) => shown.push(v), () => {});
    latest.cancel();
    d.resolve('late');
    await flush();
    expect(shown).toEqual([]);
  });
});

describe('search input and sorting', () => {
  const base = { term: ' sql ', registry: 'docker.io', minStars: 0, officialOnly: false, automatedOnly: false };

  it('spells the panel\'s filters as docker search does, and names a registry only when one is chosen', () => {
    expect(searchInput(base)).toEqual({ term: 'sql', limit: 100, filters: [] });
    expect(searchInput({ ...base, minStars: 1000, officialOnly: true, automatedOnly: true, registry: '127.0.0.1:5000' })).toEqual({
      term: 'sql', limit: 100, filters: ['stars=1000', 'is-official=true', 'is-automated=true'], registry: '127.0.0.1:5000',
    });
  });

  const r = (name: string, starCount: number | null): SearchResult => ({ name, starCount, description: '', isOfficial: false, isAutomated: false });
  const rows = [r('b', 5), r('a', null), r('c', 500), r('d', 5)];

  it('sorts by stars (no stars last), by name, or keeps the registry order', () => {
    expect(sortResults(rows, 'stars').map((x) => x.name)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortResults(rows, 'name').map((x) => x.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(sortResults(rows, 'relevance').map((x) => x.name)).toEqual(['b', 'a', 'c', 'd']);
  });
});

describe('tags', () => {
  it('sorts versions newest first, numbers as numbers, latest on top, words last', () => {
    const tags = ['1.9', 'edge', '1.10', 'latest', '1.35-amd64', '1.35', 'v2.0.1', '1.10.1', 'alpine', '1.35-alpine', '10'];
    expect(sortTags(tags, 'version')).toEqual(['latest', '10', 'v2.0.1', '1.35', '1.35-alpine', '1.35-amd64', '1.10.1', '1.10', '1.9', 'alpine', 'edge']);
    expect(sortTags(['b', 'a', '1.10', '1.9'], 'name')).toEqual(['1.10', '1.9', 'a', 'b']);
    expect(compareTagVersions('1.2', '1.2')).toBe(0);
  });

  it('filters by substring, any case', () => {
    expect(filterTags(['1.35-amd64', '1.35-ARM64', 'latest'], ' arm ')).toEqual(['1.35-ARM64']);
    expect(filterTags(['a'], '')).toEqual(['a']);
  });

  it('pages, clamping the page number', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(paginate(items, 0, 50)).toEqual({ items: items.slice(0, 50), page: 0, pages: 3 });
    expect(paginate(items, 2, 50).items).toEqual(items.slice(100));
    expect(paginate(items, 9, 50).page).toBe(2);
    expect(paginate([], 3, 50)).toEqual({ items: [], page: 0, pages: 1 });
  });
});

describe('saved searches and bookmarks', () => {
  it('keeps recent searches newest first, without duplicates, bounded', () => {
    let list = addRecent([], { term: 'a', registry: 'docker.io' });
    list = addRecent(list, { term: 'b', registry: 'docker.io' });
    list = addRecent(list, { term: 'a', registry: 'docker.io' });
    expect(list.map((x) => x.term)).toEqual(['a', 'b']);
    for (let i = 0; i < 20; i++) list = addRecent(list, { term: `t${i}`, registry: 'h:1' });
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toEqual({ term: 't19', registry: 'h:1' });
  });

  it('toggles bookmarks', () => {
    expect(toggle(['b'], 'a')).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });
});
