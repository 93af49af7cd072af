/**
 * The X-Registry-Auth header an engine needs to pull from or push to a
 * registry as the user: Docker's AuthConfig JSON in base64url with padding
 * (Go's URLEncoding: dockerd 20.10 and Podman 4.3 both refuse it unpadded).
 * The header goes to the engine's socket only; nothing here is logged.
 */
import type { Credentials } from '../registry/credentials-types';
import { authKey } from '../registry/docker-config';
import type { RemoteContext } from '../remote';

export const REGISTRY_AUTH_HEADER = 'X-Registry-Auth';

/** Docker's AuthConfig fields, as the docker CLI sends them. */
interface AuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  serveraddress?: string;
}

export function encodeRegistryAuth(config: AuthConfig): string {
  return Buffer.from(JSON.stringify(config), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The AuthConfig for host's credentials; undefined when there are none to send. */
export function authConfigFor(host: string, creds: Credentials | undefined): AuthConfig | undefined {
  if (!creds) return undefined;
  const serveraddress = authKey(host);
  if (creds.identityToken) return { identitytoken: creds.identityToken, serveraddress };
  if (creds.registryToken) return { registrytoken: creds.registryToken, serveraddress };
  if (creds.username && creds.password !== undefined) return { username: creds.username, password: creds.password, serveraddress };
  return undefined;
}

/**
 * Headers carrying the user's credentials for host. With none: nothing, or
 * an empty `{}` when `always` (dockerd's push refuses a request without it).
 */
export async function registryAuthHeaders(remote: RemoteContext, host: string, opts: { always?: boolean } = {}): Promise<Record<string, string>> {
  // A broken credential helper must not stop an anonymous pull: the registry will say if auth is needed.
  const creds = await remote.credentials.get(host).catch(() => undefined);
  const config = authConfigFor(host, creds) ?? (opts.always ? {} : undefined);
  return config ? { [REGISTRY_AUTH_HEADER]: encodeRegistryAuth(config) } : {};
}
