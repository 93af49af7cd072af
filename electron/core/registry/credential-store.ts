/**
 * Credentials the way the docker CLI keeps them: DOCKER_AUTH_CONFIG, then
 * credHelpers[host], then credsStore, then the file's `auths`. Writes go to
 * the configured helper (the file keeps an empty `{}` entry) or to `auths`.
 */
import { BerthError } from '../../../shared/errors';
import { helperErase, helperGet, helperStore, IDENTITY_TOKEN_USERNAME, type HelperOptions } from './cred-helper';
import type { CredentialProvider, Credentials } from './credentials-types';
import {
  authKey,
  decodeAuthEntry,
  dockerConfigDir,
  encodeAuth,
  findAuthEntry,
  hostOfKey,
  readDockerConfig,
  writeDockerConfig,
  type AuthEntry,
  type DockerConfigData,
} from './docker-config';
import { isDockerHub } from './hosts';

export interface CredentialStoreOptions {
  /** Directory holding config.json. Default: DOCKER_CONFIG or ~/.docker. */
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  helperTimeoutMs?: number;
}

export interface StoredWhere {
  /** The helper name when a helper holds the secret. */
  helper?: string;
  path: string;
  /** True when the secret sits base64-encoded in config.json (Docker warns about that). */
  plainText: boolean;
}

export class DockerCredentialStore {
  readonly configDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly helperOpts: HelperOptions;

  constructor(opts: CredentialStoreOptions = {}) {
    this.env = opts.env ?? process.env;
    this.configDir = opts.configDir ?? dockerConfigDir(this.env);
    this.helperOpts = { env: this.env, ...(opts.helperTimeoutMs ? { timeoutMs: opts.helperTimeoutMs } : {}) };
  }

  /** The helper configured for host, if any. */
  helperFor(data: DockerConfigData, host: string): string | undefined {
    const helpers = data.credHelpers ?? {};
    return helpers[authKey(host)] ?? helpers[host] ?? (isDockerHub(host) ? helpers['docker.io'] : undefined) ?? (data.credsStore || undefined);
  }

  private fromEnv(host: string): Credentials | undefined {
    const raw = this.env.DOCKER_AUTH_CONFIG;
    if (!raw) return undefined;
    let parsed: { auths?: Record<string, AuthEntry> };
    try {
      parsed = JSON.parse(raw) as typeof parsed;
    } catch {
      throw new BerthError('INVALID_ARGUMENT', 'DOCKER_AUTH_CONFIG is not valid JSON');
    }
    const found = findAuthEntry(parsed.auths, host);
    return found ? decodeAuthEntry(found.entry) : undefined;
  }

  async get(host: string): Promise<Credentials | undefined> {
    const fromEnv = this.fromEnv(host);
    if (fromEnv) return fromEnv;
    const { data } = await readDockerConfig(this.configDir);
    const helper = this.helperFor(data, host);
    if (helper) {
      const creds = await helperGet(helper, authKey(host), this.helperOpts);
      if (creds) return creds;
    }
    const found = findAuthEntry(data.auths, host);
    return found ? decodeAuthEntry(found.entry) : undefined;
  }

  provider(): CredentialProvider {
    return (host) => this.get(host);
  }

  /** Saves username + password, or username + identity token (the password is then not kept). */
  async store(host: string, creds: { username: string; password?: string; identityToken?: string }): Promise<StoredWhere> {
    if (!creds.username) throw new BerthError('INVALID_ARGUMENT', 'no credentials username');
    const file = await readDockerConfig(this.configDir);
    const key = authKey(host);
    const helper = this.helperFor(file.data, host);
    const auths = (file.data.auths ??= {});
    if (helper) {
      const secret = creds.identityToken
        ? { username: IDENTITY_TOKEN_USERNAME, secret: creds.identityToken }
        : { username: creds.username, secret: creds.password ?? '' };
      await helperStore(helper, key, secret, this.helperOpts);
      auths[key] = {};
      await writeDockerConfig(file);
      return { helper, path: file.path, plainText: false };
    }
    const entry: AuthEntry = { auth: encodeAuth(creds.username, creds.identityToken ? '' : (creds.password ?? '')) };
    if (creds.identityToken) entry.identitytoken = creds.identityToken;
    auths[key] = entry;
    await writeDockerConfig(file);
    return { path: file.path, plainText: true };
  }

  /** Removes host's credentials from the helper and the file; false when there were none. */
  async erase(host: string): Promise<boolean> {
    const file = await readDockerConfig(this.configDir);
    const helper = this.helperFor(file.data, host);
    let removed = false;
    if (helper) removed = await helperErase(helper, authKey(host), this.helperOpts);
    const auths = file.data.auths ?? {};
    const want = hostOfKey(authKey(host));
    for (const k of Object.keys(auths)) {
      if (k === authKey(host) || hostOfKey(k) === want) {
        delete auths[k];
        removed = true;
      }
    }
    if (removed) await writeDockerConfig(file);
    return removed;
  }
}
