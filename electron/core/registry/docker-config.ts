/**
 * Docker's config.json ($DOCKER_CONFIG/config.json or ~/.docker/config.json):
 * reading `auths`, `credsStore`, `credHelpers`, and writing it back with every
 * other key kept, atomically and readable only by the owner.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { BerthError } from '../../../shared/errors';
import type { Credentials } from './credentials-types';
import { isDockerHub } from './hosts';

export const HUB_AUTH_KEY = 'https://index.docker.io/v1/';

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
}

export interface DockerConfigData {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

export interface DockerConfigFile {
  path: string;
  data: DockerConfigData;
}

export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

export async function readDockerConfig(dir: string): Promise<DockerConfigFile> {
  const path = join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { path, data: {} };
    throw e;
  }
  if (text.trim() === '') return { path, data: {} };
  try {
    const data = JSON.parse(text) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
    return { path, data: data as DockerConfigData };
  } catch (e) {
    throw new BerthError('CORRUPT', `loading config file: ${path}: ${(e as Error).message}`);
  }
}

export async function writeDockerConfig(file: DockerConfigFile): Promise<void> {
  await mkdir(dirname(file.path), { recursive: true, mode: 0o700 });
  const tmp = `${file.path}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(JSON.stringify(file.data, null, '\t') + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file.path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** The config key for a registry host: Docker Hub's is the old index URL. */
export function authKey(host: string): string {
  return isDockerHub(host) ? HUB_AUTH_KEY : host;
}

/** "https://host:5000/v1/" → "host:5000" (Docker's ConvertToHostname). */
export function hostOfKey(key: string): string {
  const stripped = key.replace(/^https?:\/\//, '');
  return stripped.split('/')[0] ?? stripped;
}

/** The entry for host: exact key first, else one whose key reduces to the same hostname. */
export function findAuthEntry(auths: Record<string, AuthEntry> | undefined, host: string): { key: string; entry: AuthEntry } | undefined {
  if (!auths) return undefined;
  const key = authKey(host);
  const exact = auths[key];
  if (exact) return { key, entry: exact };
  const want = isDockerHub(host) ? hostOfKey(HUB_AUTH_KEY) : host;
  for (const [k, entry] of Object.entries(auths)) {
    const h = hostOfKey(k);
    if (h === want || (isDockerHub(host) && isDockerHub(h))) return { key: k, entry };
  }
  return undefined;
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`).toString('base64');
}

/** Credentials from an auths entry; undefined when it holds nothing usable (e.g. `{}` left by a helper). */
export function decodeAuthEntry(entry: AuthEntry): Credentials | undefined {
  const out: Credentials = {};
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const username = i < 0 ? decoded : decoded.slice(0, i);
    if (i < 0 || username === '') throw new BerthError('CORRUPT', 'invalid auth configuration file');
    out.username = username;
    out.password = decoded.slice(i + 1).replace(/\0+$/, '');
  } else if (entry.username) {
    out.username = entry.username;
    if (entry.password !== undefined) out.password = entry.password;
  }
  if (entry.identitytoken) out.identityToken = entry.identitytoken;
  if (entry.registrytoken) out.registryToken = entry.registrytoken;
  return Object.keys(out).length > 0 ? out : undefined;
}
