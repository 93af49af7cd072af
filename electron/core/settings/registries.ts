/**
 * The registry list the user keeps in Settings: addresses normalised to the
 * host[:port] form references use, each with its insecure (plain HTTP) flag.
 */
import { BerthError } from '../../../shared/errors';
import { isDockerHub } from '../registry/hosts';
import type { ConfiguredRegistry, Settings } from './settings-file';

export interface ParsedAddress {
  host: string;
  /** The address said http:// explicitly. */
  plainHttp: boolean;
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/;

/**
 * "https://Registry.Example.com:5000/v2/" → "registry.example.com:5000", the way
 * Docker's ConvertToHostname reads login addresses; Hub's aliases → "docker.io".
 */
export function parseRegistryAddress(address: string): ParsedAddress {
  const trimmed = address.trim();
  const plainHttp = /^http:\/\//i.test(trimmed);
  const host = trimmed.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]!.toLowerCase();
  if (host === '' || !HOST.test(host)) throw new BerthError('INVALID_ARGUMENT', `invalid registry address: ${JSON.stringify(address)}`);
  return { host: isDockerHub(host) ? 'docker.io' : host, plainHttp };
}

export function addRegistry(settings: Settings, entry: ConfiguredRegistry): Settings {
  if (isDockerHub(entry.host)) throw new BerthError('INVALID_ARGUMENT', 'Docker Hub is always available and cannot be added');
  const rest = settings.registries.filter((r) => r.host !== entry.host);
  return { ...settings, registries: [...rest, entry] };
}

export function removeRegistry(settings: Settings, host: string): Settings {
  if (!settings.registries.some((r) => r.host === host)) throw new BerthError('NOT_FOUND', `registry ${host} is not configured`);
  return { ...settings, registries: settings.registries.filter((r) => r.host !== host) };
}

/** Hosts marked insecure, for the registry client's HostOptions. */
export function insecureHosts(settings: Settings): string[] {
  return settings.registries.filter((r) => r.insecure).map((r) => r.host);
}
