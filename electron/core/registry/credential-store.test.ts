// config.json and credential-helper resolution, with a real helper program
// (docker-credential-berthtest) written into a temp dir on PATH.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helperList } from './cred-helper';
import { DockerCredentialStore } from './credential-store';
import { HUB_AUTH_KEY, decodeAuthEntry, findAuthEntry } from './docker-config';

const HELPER = `#!${process.execPath}
// Test credential helper: one JSON file per server URL under BERTH_HELPER_STATE.
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.BERTH_HELPER_STATE;
const file = (url) => path.join(dir, Buffer.from(url).toString('hex') + '.json');
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => {
  fs.appendFileSync(path.join(dir, 'calls.log'), process.argv[2] + '\\n');
  const action = process.argv[2];
  if (action === 'store') { const c = JSON.parse(input); fs.writeFileSync(file(c.ServerURL), input); return; }
  if (action === 'list') {
    const out = {};
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) { const c = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')); out[c.ServerURL] = c.Username; }
    process.stdout.write(JSON.stringify(out)); return;
  }
  const url = input.trim();
  if (!fs.existsSync(file(url))) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
  if (action === 'get') process.stdout.write(fs.readFileSync(file(url)));
  else if (action === 'erase') fs.rmSync(file(url));
  else { process.stdout.write('unknown action'); process.exit(1); }
});
`;

let root: string;
let env: NodeJS.ProcessEnv;
const configDir = () => join(root, 'docker');
const readConfig = async () => JSON.parse(await readFile(join(configDir(), 'config.json'), 'utf8')) as { auths: Record<string, unknown>; [k: string]: unknown };
const writeConfig = async (data: unknown) => {
  await mkdir(configDir(), { recursive: true });
  await writeFile(join(configDir(), 'config.json'), JSON.stringify(data));
};

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-creds-'));
  await mkdir(join(root, 'bin'));
  await mkdir(join(root, 'state'));
  await writeFile(join(root, 'bin', 'docker-credential-berthtest'), HELPER);
  await chmod(join(root, 'bin', 'docker-credential-berthtest'), 0o755);
  env = { PATH: `${join(root, 'bin')}${delimiter}${process.env.PATH ?? ''}`, BERTH_HELPER_STATE: join(root, 'state') };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('config.json auths', () => {
  it('decodes auth at the first colon and refuses an empty username', () => {
    expect(decodeAuthEntry({ auth: Buffer.from('me:pa:ss').toString('base64') })).toEqual({ username: 'me', password: 'pa:ss' });
    expect(() => decodeAuthEntry({ auth: Buffer.from(':x').toString('base64') })).toThrow('invalid auth configuration file');
    expect(decodeAuthEntry({})).toBeUndefined();
    expect(decodeAuthEntry({ identitytoken: 'idt', registrytoken: 'rt' })).toEqual({ identityToken: 'idt', registryToken: 'rt' });
  });

  it('maps Docker Hub names to the index key and reduces URL keys to hosts', () => {
    const auths = { [HUB_AUTH_KEY]: { auth: 'aHViOng=' }, 'https://reg.example:5000/v1/': { auth: 'cjp4' } };
    expect(findAuthEntry(auths, 'docker.io')?.key).toBe(HUB_AUTH_KEY);
    expect(findAuthEntry(auths, 'index.docker.io')?.key).toBe(HUB_AUTH_KEY);
    expect(findAuthEntry(auths, 'reg.example:5000')?.key).toBe('https://reg.example:5000/v1/');
    expect(findAuthEntry(auths, 'reg.example')).toBeUndefined();
  });

  it('stores plain-text auth keeping other keys, and erases it', async () => {
    await writeConfig({ imagesFormat: 'table {{.ID}}', auths: { 'other:1': { auth: 'eDp5' } } });
    const store = new DockerCredentialStore({ configDir: configDir(), env });
    const where = await store.store('docker.io', { username: 'u', password: 'p' });
    expect(where.plainText).toBe(true);
    const cfg = await readConfig();
    expect(cfg.imagesFormat).toBe('table {{.ID}}');
    expect(cfg.auths[HUB_AUTH_KEY]).toEqual({ auth: Buffer.from('u:p').toString('base64') });
    expect(await store.get('docker.io')).toEqual({ username: 'u', password: 'p' });
    expect(await store.erase('docker.io')).toBe(true);
    expect((await readConfig()).auths).toEqual({ 'other:1': { auth: 'eDp5' } });
  });

  it('stores an identity token instead of the password', async () => {
    const store = new DockerCredentialStore({ configDir: configDir(), env });
    await store.store('reg.example', { username: 'u', identityToken: 'refresh-123' });
    expect((await readConfig()).auths['reg.example']).toEqual({ auth: Buffer.from('u:').toString('base64'), identitytoken: 'refresh-123' });
    expect(await store.get('reg.example')).toEqual({ username: 'u', password: '', identityToken: 'refresh-123' });
  });

  it('lets DOCKER_AUTH_CONFIG override the stores', async () => {
    await writeConfig({ auths: { 'reg.example': { auth: Buffer.from('file:f').toString('base64') } } });
    const over = JSON.stringify({ auths: { 'reg.example': { auth: Buffer.from('envuser:e').toString('base64') } } });
    const store = new DockerCredentialStore({ configDir: configDir(), env: { ...env, DOCKER_AUTH_CONFIG: over } });
    expect(await store.get('reg.example')).toEqual({ username: 'envuser', password: 'e' });
  });
});

describe('credential helpers (real child processes)', () => {
  it('credsStore: store goes to the helper and leaves {} in the file; get and erase round-trip', async () => {
    await writeConfig({ credsStore: 'berthtest' });
    const store = new DockerCredentialStore({ configDir: configDir(), env });
    const where = await store.store('docker.io', { username: 'hubuser', password: 's3cret' });
    expect(where).toMatchObject({ helper: 'berthtest', plainText: false });
    expect((await readConfig()).auths).toEqual({ [HUB_AUTH_KEY]: {} });
    expect(await store.get('docker.io')).toEqual({ username: 'hubuser', password: 's3cret' });
    expect(await helperList('berthtest', { env })).toEqual({ [HUB_AUTH_KEY]: 'hubuser' });
    expect(await store.erase('docker.io')).toBe(true);
    expect(await store.get('docker.io')).toBeUndefined();
  });

  it('credHelpers wins over credsStore and the file; "<token>" means an identity token', async () => {
    await writeConfig({ credsStore: 'missing-helper', credHelpers: { 'reg.example': 'berthtest' }, auths: { 'reg.example': { auth: Buffer.from('file:x').toString('base64') } } });
    const store = new DockerCredentialStore({ configDir: configDir(), env });
    await store.store('reg.example', { username: 'u', identityToken: 'idt-1' });
    expect(await store.get('reg.example')).toEqual({ identityToken: 'idt-1' });
    const log = await readFile(join(root, 'state', 'calls.log'), 'utf8');
    expect(log.split('\n').filter(Boolean)).toEqual(['store', 'get']);
  });

  it('treats "credentials not found" as anonymous and falls back to the file', async () => {
    await writeConfig({ credsStore: 'berthtest', auths: { 'reg.example': { auth: Buffer.from('f:p').toString('base64') } } });
    const store = new DockerCredentialStore({ configDir: configDir(), env });
    expect(await store.get('reg.example')).toEqual({ username: 'f', password: 'p' });
    expect(await store.get('nowhere.example')).toBeUndefined();
  });

  it('reports a missing helper program without leaking input', async () => {
    await writeConfig({ credsStore: 'nosuchhelper' });
    const store = new DockerCredentialStore({ configDir: configDir(), env });
    await expect(store.store('reg.example', { username: 'u', password: 'leak-me' })).rejects.toThrow(
      'error getting credentials - err: exec: "docker-credential-nosuchhelper": executable file not found in $PATH',
    );
  });
});
