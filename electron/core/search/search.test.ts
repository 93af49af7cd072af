import { describe, expect, it } from 'vitest';
import { applySearchFilters, matchCatalog, parseSearchFilters, parseV1Answer, searchLimit, searchTarget, searchTargetIn } from './index';

describe('searchTarget: the registry a term names, as Docker splits it', () => {
  it.each([
    ['nginx', 'docker.io', 'nginx'],
    ['library/nginx', 'docker.io', 'nginx'],
    ['bitnami/nginx', 'docker.io', 'bitnami/nginx'],
    ['docker.io/library/redis', 'docker.io', 'redis'],
    ['index.docker.io/bitnami/redis', 'docker.io', 'bitnami/redis'],
    ['127.0.0.1:5000/busy', '127.0.0.1:5000', 'busy'],
    ['localhost/busybox', 'localhost', 'busybox'],
    ['Registry.Example.com/team/app', 'registry.example.com', 'team/app'],
    ['localhost', 'docker.io', 'localhost'],
    ['foo:5000', 'docker.io', 'foo:5000'],
    ['', 'docker.io', ''],
  ])('%j → %s, q=%j', (term, registry, query) => {
    expect(searchTarget(term)).toEqual({ registry, query });
  });

  it('refuses a scheme with the daemon\'s words', () => {
    expect(() => searchTarget('https://registry.example.com/app')).toThrow(
      'invalid repository name: repository name (https://registry.example.com/app) should not have a scheme',
    );
  });

  it('refuses an index name with a leading or trailing hyphen', () => {
    expect(() => searchTarget('-bad.example.com/app')).toThrow('invalid index name (-bad.example.com). Cannot begin or end with a hyphen.');
  });

  it('searches a chosen registry for the term as typed', () => {
    expect(searchTargetIn('127.0.0.1:5000', 'peers/nested')).toEqual({ registry: '127.0.0.1:5000', query: 'peers/nested' });
    expect(searchTargetIn('docker.io', 'library/redis')).toEqual({ registry: 'docker.io', query: 'redis' });
  });
});

describe('search filters', () => {
  it('keeps the highest stars value', () => {
    expect(parseSearchFilters(['stars=3', 'stars=100', 'stars=7']).minStars).toBe(100);
  });

  it('reads booleans the way moby does', () => {
    expect(parseSearchFilters(['is-official=TRUE']).official).toBe(true);
    expect(parseSearchFilters(['is-official=0']).official).toBe(false);
    expect(parseSearchFilters(['is-automated=1']).automated).toBe(true);
    expect(parseSearchFilters([])).toEqual({ minStars: undefined, official: undefined, automated: undefined });
  });

  it.each([
    [['stars=x'], 'invalid filter \'stars=x\': strconv.Atoi: parsing "x": invalid syntax'],
    [['stars=1.5'], 'invalid filter \'stars=1.5\': strconv.Atoi: parsing "1.5": invalid syntax'],
    [['is-official=maybe'], "invalid filter 'is-official=[maybe]'"],
    [['is-official=true', 'is-official=false'], "invalid filter 'is-official=[true false]'"],
    [['label=a'], "invalid filter 'label'"],
  ])('%j → %s', (filters, message) => {
    expect(() => parseSearchFilters(filters)).toThrow(message);
  });

  const rows = [
    { name: 'a', starCount: 10, isOfficial: true },
    { name: 'b', starCount: 9, isOfficial: false },
    { name: 'c', starCount: null, isOfficial: false },
    { name: 'd', starCount: 500, isOfficial: false },
  ];

  it('applies stars (inclusive) and is-official, keeping the registry order', () => {
    expect(applySearchFilters(rows, parseSearchFilters(['stars=10'])).map((r) => r.name)).toEqual(['a', 'd']);
    expect(applySearchFilters(rows, parseSearchFilters(['is-official=false'])).map((r) => r.name)).toEqual(['b', 'c', 'd']);
    expect(applySearchFilters(rows, parseSearchFilters(['stars=0'])).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('finds nothing for the deprecated is-automated=true, everything for false', () => {
    expect(applySearchFilters(rows, parseSearchFilters(['is-automated=true']))).toEqual([]);
    expect(applySearchFilters(rows, parseSearchFilters(['is-automated=false']))).toHaveLength(4);
  });
});

describe('searchLimit', () => {
  it('maps 0 to 25 and keeps 1..100', () => {
    expect(searchLimit(0)).toBe(25);
    expect(searchLimit(1)).toBe(1);
    expect(searchLimit(100)).toBe(100);
  });

  it.each([101, -1, 1000])('refuses %d with the daemon\'s range error', (n) => {
    expect(() => searchLimit(n)).toThrow(`limit ${n} is outside the range of [1, 100]`);
  });
});

describe('v1 answers and catalog matches', () => {
  it('reads Hub\'s shape, tolerating null descriptions and missing fields', () => {
    const text = JSON.stringify({
      query: 'x',
      num_results: 2,
      results: [
        { name: 'nginx', description: 'Official build of Nginx.', star_count: 20911, is_official: true, is_automated: false },
        { name: 'me/x', description: null, star_count: 0 },
      ],
    });
    expect(parseV1Answer(text)).toEqual([
      { name: 'nginx', description: 'Official build of Nginx.', starCount: 20911, isOfficial: true, isAutomated: false },
      { name: 'me/x', description: '', starCount: 0, isOfficial: false, isAutomated: false },
    ]);
  });

  it('says what is wrong with an answer that is not search results', () => {
    expect(() => parseV1Answer('<html>')).toThrow(/^error decoding registry search results: /);
    expect(() => parseV1Answer('{"results": [{"star_count": 1}]}')).toThrow('error decoding registry search results: unexpected shape');
  });

  it('matches catalog names by substring, any case, then limits, with the host in front', () => {
    const repos = ['busybox', 'peers/nested/busybox', 'team/App', 'tools/jq'];
    expect(matchCatalog('127.0.0.1:5000', repos, 'BUSY', 25).map((r) => r.name)).toEqual([
      '127.0.0.1:5000/busybox',
      '127.0.0.1:5000/peers/nested/busybox',
    ]);
    expect(matchCatalog('h:1', repos, 'app', 25)).toEqual([{ name: 'h:1/team/App', description: '', starCount: null, isOfficial: false, isAutomated: false }]);
    expect(matchCatalog('h:1', repos, '', 3)).toHaveLength(3);
  });
});
