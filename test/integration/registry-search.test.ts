// docker search and registry browsing against real peers: a stand-in for
// Hub's v1 search serving committed fixtures, and a real distribution
// registry (seeded, several repositories) that has no search API.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../electron/core/api/dispatch';
import { RemoteContext, remoteHandlers } from '../../electron/core/remote';
import { hubCorpus, hubMatches, startHubSearch, type HubSearchServer } from '../fixtures/hub-search';
import { seedImages, type SeededImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';

let hub: HubSearchServer;
let reg: RegistryHandle;
let seeded: SeededImages;
let home: TempDir;
let api: Pick<Handlers, 'registry.search' | 'registry.tags' | 'registry.inspect'>;

const EXTRA_REPOS = ['team/web:1.0', 'team/web:1.10', 'team/web:1.9', 'tools/busybox-static:2024'];

beforeAll(async () => {
  [hub, reg, home] = await Promise.all([startHubSearch(), startRegistry(), tempDir('berth-search')]);
  seeded = await seedImages(reg);
  for (const name of EXTRA_REPOS) {
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--src-tls-verify=false', '--dest-tls-verify=false',
      `docker://${reg.host}/busybox:1.35-amd64`, `docker://${reg.host}/${name}`]);
  }
  const env = { ...process.env, BERTH_HUB_INDEX_URL: hub.url, DOCKER_CONFIG: join(home.path, 'docker') };
  api = remoteHandlers(new RemoteContext({ env, settingsFile: join(home.path, 'settings.json') }));
});

afterAll(async () => {
  await Promise.all([hub?.stop(), reg?.stop(), home?.remove()]);
});

const search = (term: string, limit = 0, filters: string[] = [], registry?: string) =>
  api['registry.search']({ term, limit, filters, ...(registry ? { registry } : {}) });

describe('Hub v1 search', () => {
  it('asks with q, n and X-Docker-Token, keeps Hub\'s order and reports is_automated as false', async () => {
    hub.reset();
    const found = await search('nginx', 10);
    expect(hub.requests).toEqual([{ q: 'nginx', n: '10', dockerToken: 'true', path: '/v1/search' }]);
    const expected = hubMatches(hubCorpus(), 'nginx').slice(0, 10);
    expect(found.registry).toBe('docker.io');
    expect(found.source).toBe('v1');
    expect(found.results.map((r) => r.name)).toEqual(expected.map((r) => r.name));
    expect(found.results.map((r) => r.starCount)).toEqual(expected.map((r) => r.star_count));
    expect(expected.some((r) => r.is_automated)).toBe(true);
    expect(found.results.every((r) => r.isAutomated === false)).toBe(true);
  });

  it('sends Docker\'s default of 25, strips library/, and URL-encodes CJK terms', async () => {
    hub.reset();
    await search('library/redis');
    await search('镜像');
    expect(hub.requests.map((r) => [r.q, r.n])).toEqual([['redis', '25'], ['镜像', '25']]);
  });

  it('filters after the registry answered: stars (highest wins) and is-official', async () => {
    const found = await search('sql', 0, ['stars=100', 'stars=1000', 'is-official=true']);
    expect(found.results.map((r) => [r.name, r.starCount])).toEqual([
      ['postgres', 14102], ['mariadb', 6073], ['redis', 13205], ['mysql', 15482], ['phpmyadmin', 1000],
    ]);
  });

  it('answers is-automated=true with nothing, without asking Hub', async () => {
    hub.reset();
    expect((await search('nginx', 0, ['is-automated=true'])).results).toEqual([]);
    expect(hub.requests).toEqual([]);
  });

  it('refuses limits outside 1..100 before asking', async () => {
    hub.reset();
    await expect(search('nginx', 101)).rejects.toThrow('limit 101 is outside the range of [1, 100]');
    expect(hub.requests).toEqual([]);
  });

  it('turns a failing Hub into Docker\'s status error', async () => {
    hub.fail('boom', 503);
    await expect(search('boom')).rejects.toThrow('unexpected status code 503');
  });
});

describe('a registry without a search API', () => {
  it('is searched through its catalog by substring, marked as such, names ready to pull', async () => {
    const found = await search(`${reg.host}/busybox`);
    expect(found).toEqual({
      registry: reg.host,
      source: 'catalog',
      results: ['busybox', 'peers/nested/busybox', 'tools/busybox-static'].map((repo) => ({
        name: `${reg.host}/${repo}`, description: '', starCount: null, isOfficial: false, isAutomated: false,
      })),
    });
  });

  it('can be chosen instead of named in the term, and honours limit and filters', async () => {
    expect((await search('TEAM', 0, [], reg.host)).results.map((r) => r.name)).toEqual([`${reg.host}/team/web`]);
    expect((await search('', 2, [], reg.host)).results).toHaveLength(2);
    expect((await search('busybox', 0, ['stars=1'], reg.host)).results).toEqual([]);
  });
});

describe('browsing without pulling', () => {
  it('lists every tag of a repository', async () => {
    const { repository, tags } = await api['registry.tags']({ repository: `${reg.host}/team/web` });
    expect(repository).toBe(`${reg.host}/team/web`);
    expect([...tags].sort()).toEqual(['1.0', '1.10', '1.9']);
  });

  it('describes a multi-platform tag: its platforms, and one platform\'s config', async () => {
    const index = seeded.images['busybox:1.35'];
    const info = await api['registry.inspect']({ ref: `${reg.host}/busybox:1.35`, platform: 'linux/arm64/v8' });
    expect(info.digest).toBe(index.digest);
    expect(info.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`).sort()).toEqual([
      'linux/amd64', 'linux/arm64/v8',
    ]);
    const arm = seeded.images['busybox:1.35-arm64'];
    expect(info.image?.digest).toBe(arm.digest);
    expect(info.image?.architecture).toBe('arm64');
    expect(info.image?.layers).toHaveLength(3);
    expect(info.image?.compressedSize).toBe(info.image!.layers.reduce((n, l) => n + l.size, 0));
    expect(info.image?.created).toMatch(/^2024-01-01T/);
    expect(info.image?.history.length).toBeGreaterThanOrEqual(3);
  });

  it('describes a single-platform tag with no platform list', async () => {
    const info = await api['registry.inspect']({ ref: `${reg.host}/tools/busybox-static:2024` });
    expect(info.platforms).toEqual([]);
    expect(info.image?.digest).toBe(seeded.images['busybox:1.35-amd64'].digest);
  });

  it('says which tag is missing, Docker\'s way', async () => {
    await expect(api['registry.inspect']({ ref: `${reg.host}/team/web:nope` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
