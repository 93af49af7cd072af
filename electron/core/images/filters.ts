/**
 * Docker's `--filter key=value` arguments: parsed into key → values, keys
 * checked against what the operation accepts, with dockerd's messages.
 */
import { BerthError } from '../../../shared/errors';

export type FilterArgs = Map<string, string[]>;

export function parseFilters(items: readonly string[], accepted: readonly string[]): FilterArgs {
  const args: FilterArgs = new Map();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq === -1) throw new BerthError('INVALID_ARGUMENT', 'bad format of filter (expected name=value)');
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    const list = args.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    args.set(key, list);
  }
  for (const key of args.keys()) {
    if (!accepted.includes(key)) throw new BerthError('INVALID_ARGUMENT', `invalid filter '${key}'`);
  }
  return args;
}

/** filters.GetBoolOrDefault: true/1 or false/0, one distinct meaning only. */
export function boolFilter(args: FilterArgs, key: string): boolean | undefined {
  const values = args.get(key);
  if (!values) return undefined;
  const meanings = new Set(values.map((v) => v.toLowerCase()).map((v) => (v === 'true' || v === '1' ? 'true' : v === 'false' || v === '0' ? 'false' : v)));
  const [only] = meanings;
  if (meanings.size !== 1 || (only !== 'true' && only !== 'false')) {
    throw new BerthError('INVALID_ARGUMENT', `invalid filter '${key}=[${values.join(' ')}]'`);
  }
  return only === 'true';
}

/**
 * `label=key` / `label=key=value` must all match; an image whose labels match
 * every `label!=…` is excluded (dockerd's MatchKVList on both keys).
 */
export function labelsMatch(labels: Record<string, string>, args: FilterArgs): boolean {
  if (!(args.get('label') ?? []).every((f) => hasLabel(labels, f))) return false;
  const not = args.get('label!');
  return !(not && not.every((f) => hasLabel(labels, f)));
}

function hasLabel(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq === -1) return Object.hasOwn(labels, filter);
  const k = filter.slice(0, eq);
  return Object.hasOwn(labels, k) && labels[k] === filter.slice(eq + 1);
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/**
 * `until=`: a Go duration (`10m`, `1h30m`, relative to now), a Unix timestamp
 * (`1700000000`, `1700000000.5`) or an RFC 3339 date/time (local time without a zone).
 */
export function parseUntil(value: string, now = Date.now()): number {
  const dur = /^(?:\d+(?:\.\d*)?(?:ns|us|µs|μs|ms|s|m|h))+$/.test(value) ? goDurationMs(value) : null;
  if (dur !== null) return now - dur;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value);
  if (Number.isFinite(ms)) return ms;
  throw new BerthError('INVALID_ARGUMENT', `failed to parse value as time or duration: "${value}"`);
}

function goDurationMs(s: string): number {
  let ns = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/g)) ns += Number(m[1]) * UNIT_NS[m[2]!]!;
  return ns / 1e6;
}
