import { readFileSync } from 'node:fs';
import path from 'node:path';
import { lookupZone, parseTzif, UTC_ZONE, type Zone } from './tzif';

/**
 * Docker's CLI prints times in Go's local zone: `time.Unix(s, 0).String()` for
 * `docker images --format {{.CreatedAt}}` and `.Format(time.RFC3339)` for
 * `docker history`. Both work on whole Unix seconds, so these do too.
 */

const ZONE_DIRS = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo/'];

function loadZoneFile(file: string): Zone | undefined {
  try {
    return parseTzif(readFileSync(file));
  } catch {
    return undefined;
  }
}

function loadNamedZone(name: string, env: NodeJS.ProcessEnv): Zone | undefined {
  const dirs = env.ZONEINFO ? [env.ZONEINFO, ...ZONE_DIRS] : ZONE_DIRS;
  for (const dir of dirs) {
    const zone = loadZoneFile(path.join(dir, name));
    if (zone) return zone;
  }
  return undefined;
}

const cache = new Map<string, Zone>();

/**
 * Go's time.Local (zoneinfo_unix.go initLocal): TZ unset → /etc/localtime;
 * TZ="" or "UTC" → UTC; ":NAME" or "NAME" → that zoneinfo file (absolute or
 * under the zoneinfo dirs); anything unloadable → UTC.
 */
export function localZone(env: NodeJS.ProcessEnv): Zone {
  const key = env.TZ === undefined ? '\0local' : `${env.ZONEINFO ?? ''}\0${env.TZ}`;
  let zone = cache.get(key);
  if (!zone) {
    zone = resolveLocal(env) ?? UTC_ZONE;
    cache.set(key, zone);
  }
  return zone;
}

function resolveLocal(env: NodeJS.ProcessEnv): Zone | undefined {
  if (env.TZ === undefined) return loadZoneFile('/etc/localtime');
  const tz = env.TZ.startsWith(':') ? env.TZ.slice(1) : env.TZ;
  if (tz === '' || tz === 'UTC') return undefined;
  return tz.startsWith('/') ? loadZoneFile(tz) : loadNamedZone(tz, env);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Wall-clock fields of `sec` in `zone`, plus the zone's offset and abbreviation. */
function civil(sec: number, zone: Zone) {
  const z = lookupZone(zone, sec);
  const d = new Date((sec + z.offset) * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return { date, clock, offset: z.offset, name: z.name };
}

function numericOffset(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.trunc(Math.abs(offset) / 60);
  return `${sign}${pad(Math.trunc(minutes / 60))}${colon ? ':' : ''}${pad(minutes % 60)}`;
}

/** Go's Time.String() for whole seconds: `2021-03-04 03:24:42 +0100 CET`. */
export function goTimeString(unixSeconds: number, zone: Zone): string {
  const c = civil(unixSeconds, zone);
  const offset = numericOffset(c.offset, false);
  // Go falls back to the numeric offset when a zone has no abbreviation.
  return `${c.date} ${c.clock} ${offset} ${c.name || offset}`;
}

/** Go's time.RFC3339 layout: `2024-01-01T01:00:00+01:00`, or `Z` in UTC. */
export function goRFC3339(unixSeconds: number, zone: Zone): string {
  const c = civil(unixSeconds, zone);
  return `${c.date}T${c.clock}${c.offset === 0 ? 'Z' : numericOffset(c.offset, true)}`;
}

/** Whole Unix seconds of an RFC 3339 timestamp (Docker's API carries `Created` that way); NaN if unparsable. */
export function unixSeconds(rfc3339: string): number {
  return Math.floor(Date.parse(rfc3339) / 1000);
}
