// Basic auth against a real htpasswd-protected registry, and docker
// login/logout writing a real config.json that the client then reads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { seedImages, type SeededImages } from '../fixtures/images';
import { tempDir, type TempDir } from '../fixtures/tools';
import { DockerCredentialStore, RegistryClient, getManifest, listCatalog, login, logout, manifestTarget } from '../../electron/core/registry';
import { parseNormalizedNamed } from '../../electron/core/reference';

const USER = 'berth-user';
const PASSWORD = 'p4ss-w0rd-not-in-messages';
let reg: RegistryHandle;
let seeded: SeededImages;
let home: TempDir;

beforeAll(async () => {
  reg = await startRegistry({ htpasswd: { user: USER, password: PASSWORD } });
  seeded = await seedImages(reg);
  home = await tempDir('berth-docker-config');
});

afterAll(async () => {
  await reg?.stop();
  await home?.remove();
});

const target = () => manifestTarget(parseNormalizedNamed(`${reg.host}/busybox:1.35-amd64`));

describe('basic auth against htpasswd', () => {
  it('refuses anonymous pulls with AUTH_REQUIRED and Docker wording', async () => {
    const client = new RegistryClient({ host: reg.host });
    await expect(getManifest(client, target())).rejects.toMatchObject({
      code: 'AUTH_REQUIRED',
      message: `pull access denied for ${reg.host}/busybox, repository does not exist or may require 'docker login': unauthorized: authentication required`,
    });
    await client.close();
  });

  it('pulls with the right credentials', async () => {
    const client = new RegistryClient({ host: reg.host, credentials: { username: USER, password: PASSWORD } });
    const m = await getManifest(client, target());
    expect(m.digest).toBe(seeded.images['busybox:1.35-amd64'].digest);
    expect(await listCatalog(client)).toContain('busybox');
    await client.close();
  });

  it('refuses wrong credentials without echoing them', async () => {
    const client = new RegistryClient({ host: reg.host, credentials: { username: USER, password: 'wrong-secret-xyz' } });
    const e = (await getManifest(client, target()).catch((x: unknown) => x)) as Error & { code: string };
    expect(e.code).toBe('AUTH_REQUIRED');
    expect(JSON.stringify({ m: e.message, d: (e as { details?: unknown }).details })).not.toContain('wrong-secret-xyz');
    await client.close();
  });
});

describe('login and logout with config.json', () => {
  it('logs in, stores base64 auth in config.json, and the store feeds the client', async () => {
    const store = new DockerCredentialStore({ configDir: join(home.path, '.docker'), env: {} });
    await expect(login(reg.host, USER, 'bad-password', { store })).rejects.toMatchObject({ code: 'AUTH_REQUIRED' });
    const r = await login(reg.host, USER, PASSWORD, { store });
    expect(r).toMatchObject({ status: 'Login Succeeded', serverAddress: reg.host, identityToken: false });
    const config = JSON.parse(await readFile(join(home.path, '.docker', 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(config.auths[reg.host]?.auth ?? '', 'base64').toString()).toBe(`${USER}:${PASSWORD}`);

    const client = new RegistryClient({ host: reg.host, credentials: store.provider() });
    expect((await getManifest(client, target())).digest).toBe(seeded.images['busybox:1.35-amd64'].digest);
    await client.close();

    expect(await logout(reg.host, store)).toEqual({ serverAddress: reg.host, removed: true });
    expect(await logout(reg.host, store)).toEqual({ serverAddress: reg.host, removed: false });
    expect(await store.get(reg.host)).toBeUndefined();
  });
});
