import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRegistry, berthConfigDir, insecureHosts, parseRegistryAddress, readSettings, removeRegistry, updateSettings } from './index';

describe('parseRegistryAddress', () => {
  it.each([
    ['registry.example.com:5000', 'registry.example.com:5000', false],
    ['https://Registry.Example.com:5000/v2/', 'registry.example.com:5000', false],
    ['http://10.0.0.5:5000', '10.0.0.5:5000', true],
    ['index.docker.io', 'docker.io', false],
    ['https://index.docker.io/v1/', 'docker.io', false],
    ['[::1]:5000', '[::1]:5000', false],
  ])('%s → %s', (address, host, plainHttp) => {
    expect(parseRegistryAddress(address)).toEqual({ host, plainHttp });
  });

  it.each(['', 'https://', 'bad host', 'a_b.example.com', '-x.example.com'])('refuses %j', (address) => {
    expect(() => parseRegistryAddress(address)).toThrow('invalid registry address');
  });
});

describe('the registry list', () => {
  it('adds (replacing the same host), removes, and lists insecure hosts', () => {
    let s = addRegistry({ registries: [], engines: [] }, { host: 'a.example.com', insecure: false });
    s = addRegistry(s, { host: 'b.example.com:5000', insecure: true });
    s = addRegistry(s, { host: 'a.example.com', insecure: true });
    expect(s.registries).toEqual([
      { host: 'b.example.com:5000', insecure: true },
      { host: 'a.example.com', insecure: true },
    ]);
    expect(insecureHosts(removeRegistry(s, 'a.example.com'))).toEqual(['b.example.com:5000']);
    expect(() => removeRegistry(s, 'c.example.com')).toThrow('registry c.example.com is not configured');
    expect(() => addRegistry(s, { host: 'docker.io', insecure: false })).toThrow('Docker Hub is always available');
  });
});

describe('settings.json', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a missing file as empty, writes atomically, keeps keys it does not know', async () => {
    const file = path.join(dir, 'nested', 'settings.json');
    expect(await readSettings(file)).toEqual({ registries: [], engines: [] });
    await updateSettings(file, (s) => addRegistry(s, { host: 'r.example.com', insecure: false }));
    const raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
    expect(raw).toEqual({ registries: [{ host: 'r.example.com', insecure: false }], engines: [] });
    await writeFile(file, JSON.stringify({ future: { x: 1 }, registries: [{ host: 'r.example.com' }] }));
    await updateSettings(file, (s) => addRegistry(s, { host: 's.example.com', insecure: true }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      future: { x: 1 },
      registries: [
        { host: 'r.example.com', insecure: false },
        { host: 's.example.com', insecure: true },
      ],
      engines: [],
    });
  });

  it('reports a broken file as CORRUPT with its path', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '{"registries": [');
    await expect(readSettings(file)).rejects.toMatchObject({ code: 'CORRUPT', message: expect.stringContaining(file) });
  });

  it('lives in BERTH_CONFIG_DIR, else under XDG_CONFIG_HOME', () => {
    expect(berthConfigDir({ BERTH_CONFIG_DIR: '/x/y' })).toBe('/x/y');
    if (process.platform === 'linux') expect(berthConfigDir({ XDG_CONFIG_HOME: '/cfg', HOME: '/h' })).toBe('/cfg/berth');
    if (process.platform === 'linux') expect(berthConfigDir({ HOME: '/h' })).toBe('/h/.config/berth');
  });
});
