/**
 * Registry host → API base URL. Docker Hub goes to registry-1.docker.io (or
 * BERTH_HUB_REGISTRY_URL, which tests point at a local server). Loopback
 * hosts speak plain HTTP like Docker; other hosts only when configured as
 * insecure (option or BERTH_INSECURE_REGISTRIES=host:port,…). Everything
 * else is HTTPS and never downgrades.
 */
import { isIP } from 'node:net';

export const DOCKER_HUB_HOST = 'docker.io';
export const DOCKER_HUB_API = 'https://registry-1.docker.io';
const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

export interface HostOptions {
  /** host[:port] entries or IPv4 CIDRs treated as insecure (plain HTTP). */
  insecureRegistries?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

export function isDockerHub(host: string): boolean {
  return HUB_ALIASES.has(host.toLowerCase());
}

/** Splits "host:port", "[::1]:5000", "::1" into hostname and optional port. */
export function splitHostPort(host: string): { hostname: string; port: string | undefined } {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    const rest = host.slice(end + 1);
    return { hostname: host.slice(1, end), port: rest.startsWith(':') ? rest.slice(1) : undefined };
  }
  if (isIP(host) === 6) return { hostname: host, port: undefined };
  const i = host.lastIndexOf(':');
  return i < 0 ? { hostname: host, port: undefined } : { hostname: host.slice(0, i), port: host.slice(i + 1) };
}

export function isLoopbackHost(host: string): boolean {
  const { hostname } = splitHostPort(host.toLowerCase());
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true;
  if (hostname === '::1' || hostname === '0:0:0:0:0:0:0:1') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}

export function insecureRegistriesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.BERTH_INSECURE_REGISTRIES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function inCidr(hostname: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (net === undefined || isIP(net) !== 4 || isIP(hostname) !== 4 || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((ipv4ToInt(hostname) & mask) >>> 0) === ((ipv4ToInt(net) & mask) >>> 0);
}

function matchesEntry(host: string, entry: string): boolean {
  const e = entry.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (e.includes('/')) return inCidr(splitHostPort(host).hostname, e);
  return e === host || e === splitHostPort(host).hostname;
}

export function isInsecureRegistry(host: string, opts: HostOptions = {}): boolean {
  const h = host.toLowerCase();
  if (isLoopbackHost(h)) return true;
  const entries = [...(opts.insecureRegistries ?? []), ...insecureRegistriesFromEnv(opts.env)];
  return entries.some((entry) => matchesEntry(h, entry));
}

/** Base URL (no trailing slash) for the registry API of host. */
export function registryBaseUrl(host: string, opts: HostOptions = {}): string {
  const env = opts.env ?? process.env;
  if (isDockerHub(host)) return (env.BERTH_HUB_REGISTRY_URL || DOCKER_HUB_API).replace(/\/+$/, '');
  const scheme = isInsecureRegistry(host, opts) ? 'http' : 'https';
  return `${scheme}://${host.toLowerCase()}`;
}
