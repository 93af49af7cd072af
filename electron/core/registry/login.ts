/**
 * docker login / logout: check the credentials against the registry, then
 * save them (or the identity token the token server handed out instead of
 * the password) where Docker would.
 */
import { RegistryClient, type RegistryClientOptions } from './client';
import { authKey } from './docker-config';
import type { DockerCredentialStore, StoredWhere } from './credential-store';

export interface LoginOptions extends Omit<RegistryClientOptions, 'host' | 'credentials' | 'offlineToken' | 'onRefreshToken'> {
  store: DockerCredentialStore;
  signal?: AbortSignal;
}

export interface LoginResult {
  /** Docker's success line. */
  status: 'Login Succeeded';
  /** The config key the credentials are saved under ("https://index.docker.io/v1/" for Hub). */
  serverAddress: string;
  /** True when an identity token was saved instead of the password. */
  identityToken: boolean;
  stored: StoredWhere;
}

export async function login(host: string, username: string, password: string, opts: LoginOptions): Promise<LoginResult> {
  let refreshToken: string | undefined;
  const client = new RegistryClient({
    ...opts,
    host,
    credentials: { username, password },
    offlineToken: true,
    onRefreshToken: (t) => {
      refreshToken = t;
    },
  });
  try {
    await client.ping(opts.signal);
  } finally {
    await client.close();
  }
  const stored = await opts.store.store(host, refreshToken ? { username, identityToken: refreshToken } : { username, password });
  return { status: 'Login Succeeded', serverAddress: authKey(host), identityToken: refreshToken !== undefined, stored };
}

export interface LogoutResult {
  serverAddress: string;
  /** False when there was nothing to remove (Docker: "Not logged in to <server>"). */
  removed: boolean;
}

export async function logout(host: string, store: DockerCredentialStore): Promise<LogoutResult> {
  return { serverAddress: authKey(host), removed: await store.erase(host) };
}
