/**
 * Registries in Settings and who is logged in to them. Secrets go from the
 * login form straight to Docker's config.json or credential helper; what
 * comes back is only whether someone is logged in, and as whom.
 */
import type { MethodOutput } from '../../../shared/contract';
import { authKey } from '../registry/docker-config';
import { isInsecureRegistry } from '../registry/hosts';
import { login, logout } from '../registry/login';
import { addRegistry, parseRegistryAddress, readSettings, removeRegistry, updateSettings } from '../settings';
import type { RemoteContext } from './context';

export type RegistryEntry = MethodOutput<'registry.list'>[number];

async function entry(ctx: RemoteContext, host: string, insecure: boolean): Promise<RegistryEntry> {
  // A helper that fails (not installed, locked keychain) must not hide the registry.
  const creds = await ctx.credentials.get(host).catch(() => undefined);
  const loggedIn = Boolean(creds && (creds.password || creds.identityToken || creds.registryToken));
  return { host, hub: host === 'docker.io', insecure, loggedIn, username: loggedIn && creds?.username ? creds.username : null };
}

export async function listRegistries(ctx: RemoteContext): Promise<RegistryEntry[]> {
  const settings = await readSettings(ctx.settingsFile);
  const opts = { insecureRegistries: settings.registries.filter((r) => r.insecure).map((r) => r.host), env: ctx.env };
  return Promise.all([
    entry(ctx, 'docker.io', false),
    ...settings.registries.map((r) => entry(ctx, r.host, isInsecureRegistry(r.host, opts))),
  ]);
}

export async function addConfiguredRegistry(ctx: RemoteContext, address: string, insecure: boolean): Promise<RegistryEntry[]> {
  const parsed = parseRegistryAddress(address);
  await updateSettings(ctx.settingsFile, (s) => addRegistry(s, { host: parsed.host, insecure: insecure || parsed.plainHttp }));
  return listRegistries(ctx);
}

export async function removeConfiguredRegistry(ctx: RemoteContext, host: string): Promise<RegistryEntry[]> {
  await updateSettings(ctx.settingsFile, (s) => removeRegistry(s, host));
  return listRegistries(ctx);
}

/** '' means Docker Hub, as `docker login` with no server. */
function hostOf(registry: string): string {
  return registry.trim() === '' ? 'docker.io' : parseRegistryAddress(registry).host;
}

export async function loginRegistry(
  ctx: RemoteContext,
  input: { registry: string; username: string; password: string },
): Promise<MethodOutput<'registry.login'>> {
  const host = hostOf(input.registry);
  const result = await login(host, input.username, input.password, { ...(await ctx.hostOptions()), store: ctx.credentials });
  return {
    status: result.status,
    serverAddress: result.serverAddress,
    username: input.username,
    plainTextPath: result.stored.plainText ? result.stored.path : null,
    helper: result.stored.helper ?? null,
  };
}

export async function logoutRegistry(ctx: RemoteContext, registry: string): Promise<MethodOutput<'registry.logout'>> {
  const host = hostOf(registry);
  const result = await logout(host, ctx.credentials);
  return { serverAddress: host === 'docker.io' ? authKey(host) : host, removed: result.removed };
}
