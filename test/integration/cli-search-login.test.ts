// `berth search`, `login` and `logout` end to end on the real core: Hub's
// stand-in for search, a real htpasswd registry for accounts, a real
// config.json in a temp DOCKER_CONFIG, settings.json in a temp config dir.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/testing/run-cli';
import { createCore, type Core } from '../../electron/core/service';
import { startHubSearch, type HubSearchServer } from '../fixtures/hub-search';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { tempDir, type TempDir } from '../fixtures/tools';

const USER = 'berth-user';
const PASSWORD = 'pw-9f3c-never-printed';
const sp = (n: number): string => ' '.repeat(n);

let hub: HubSearchServer;
let reg: RegistryHandle;
let home: TempDir;
let core: Core;
const saved: Record<string, string | undefined> = {};

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
}

beforeAll(async () => {
  [hub, reg, home] = await Promise.all([
    startHubSearch(),
    startRegistry({ htpasswd: { user: USER, password: PASSWORD } }),
    tempDir('berth-cli-search'),
  ]);
  // The core reads these from its process, as `berth` and `berth serve` do.
  setEnv({ BERTH_HUB_INDEX_URL: hub.url, DOCKER_CONFIG: join(home.path, 'docker'), BERTH_CONFIG_DIR: join(home.path, 'config') });
  core = await createCore({ storePath: join(home.path, 'store'), host: 'browser' });
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await core?.close();
  await Promise.all([hub?.stop(), reg?.stop(), home?.remove()]);
});

const berth = (argv: string[], stdin?: string) =>
  runCli(argv, { env: { BERTH_STORE: join(home.path, 'store') }, ...(stdin !== undefined ? { stdin } : {}) });

describe('berth search against the Hub stand-in', () => {
  it('prints Docker\'s table for the registry\'s first n answers, filtered', async () => {
    hub.reset();
    const r = await berth(['search', '--limit', '3', '--filter', 'stars=10000', 'sql']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        `NAME${sp(7)}DESCRIPTION${sp(37)}STARS${sp(5)}OFFICIAL`,
        `postgres${sp(3)}The PostgreSQL object-relational database sy…${sp(3)}14102${sp(5)}[OK]`,
        `redis${sp(6)}Redis is the world’s fastest data platform f…${sp(3)}13205${sp(5)}[OK]`,
        '',
      ].join('\n'),
    );
    expect(hub.requests.map((q) => [q.q, q.n])).toEqual([['sql', '3']]);
  });

  it('cuts CJK descriptions at 45 cells, counting wide characters twice', async () => {
    const r = await berth(['search', '镜像']);
    expect(r.stdout).toBe(
      [
        `NAME${sp(32)}DESCRIPTION${sp(36)}STARS${sp(5)}OFFICIAL`,
        `dockerpracticesig/docker_practice${sp(3)}Docker — 从入门到实践，一本开源的 Docker 中…${sp(3)}146${sp(7)}`,
        `yunhe/nginx-cn${sp(22)}基于官方 nginx 镜像，预置中文错误页与常用反…${sp(3)}12${sp(8)}`,
        `dbkernel/mysql-cn${sp(19)}MySQL 8 中文文档镜像，包含常见配置与示例。 …${sp(3)}7${sp(9)}`,
        '',
      ].join('\n'),
    );
  });

  it('searches a registry named in the term through its catalog', async () => {
    const r = await berth(['search', '--format', '{{.Name}}|{{.StarCount}}|{{.IsOfficial}}', `${reg.host}/x`]);
    // The registry wants a login: without one, Docker's pull-access wording comes back.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error response from daemon: .*(unauthorized|authentication required)/);
  });
});

describe('berth login / logout against an htpasswd registry', () => {
  it('refuses a wrong password without echoing it', async () => {
    const r = await berth(['login', '-u', USER, '--password-stdin', reg.host], 'wrong-pw-xyz\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error response from daemon: /);
    expect(r.stdout + r.stderr).not.toContain('wrong-pw-xyz');
  });

  it('logs in, stores the secret where Docker does, warns, and the registry then answers', async () => {
    const r = await berth(['login', '-u', USER, '--password-stdin', `http://${reg.host}`], `${PASSWORD}\n`);
    const configPath = join(home.path, 'docker', 'config.json');
    expect(r.stdout).toBe('Login Succeeded\n');
    expect(r.stderr).toBe(
      `\nWARNING! Your credentials are stored unencrypted in '${configPath}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`,
    );
    const config = JSON.parse(await readFile(configPath, 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(config.auths[reg.host]!.auth, 'base64').toString()).toBe(`${USER}:${PASSWORD}`);
    const listed = await core.dispatch('registry.list', {});
    expect(listed).toEqual({ ok: true, value: [expect.objectContaining({ host: 'docker.io', loggedIn: false })] });
    const found = await berth(['search', '--format', '{{.Name}}|{{.StarCount}}|{{.IsOfficial}}', `${reg.host}/x`]);
    expect(found).toEqual({ code: 0, stdout: '', stderr: '' }); // empty registry, but the login was used
  });

  it('shows who is logged in to a configured registry, never the secret', async () => {
    await core.dispatch('registry.add', { address: reg.host, insecure: false });
    const listed = await core.dispatch('registry.list', {});
    expect(listed.ok && listed.value).toEqual([
      { host: 'docker.io', hub: true, insecure: false, loggedIn: false, username: null },
      { host: reg.host, hub: false, insecure: true, loggedIn: true, username: USER },
    ]);
    expect(JSON.stringify(listed)).not.toContain(PASSWORD);
    const settings = JSON.parse(await readFile(join(home.path, 'config', 'settings.json'), 'utf8')) as unknown;
    expect(settings).toEqual({ registries: [{ host: reg.host, insecure: false }], engines: [] });
  });

  it('logs out with Docker\'s line and forgets the credentials', async () => {
    const r = await berth(['logout', reg.host]);
    expect(r).toEqual({ code: 0, stdout: `Removing login credentials for ${reg.host}\n`, stderr: '' });
    const listed = await core.dispatch('registry.list', {});
    expect(listed.ok && (listed.value as unknown[])[1]).toEqual({ host: reg.host, hub: false, insecure: true, loggedIn: false, username: null });
    await core.dispatch('registry.remove', { host: reg.host });
    expect(await core.dispatch('registry.list', {})).toEqual({ ok: true, value: [expect.objectContaining({ host: 'docker.io' })] });
  });
});
