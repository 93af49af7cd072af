/**
 * Docker's search filters, checked and applied as its daemon does: only
 * stars, is-official and is-automated exist; the highest stars=N wins;
 * is-automated=true (deprecated) finds nothing; is_automated in results is
 * always reported false.
 */
import { BerthError } from '../../../shared/errors';

export interface SearchFilters {
  minStars: number | undefined;
  official: boolean | undefined;
  automated: boolean | undefined;
}

const ACCEPTED = new Set(['stars', 'is-official', 'is-automated']);

/** Go's strconv.Atoi: optional sign, decimal digits, within int64. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** moby's filters.Args.GetBoolOrDefault: exactly one value, true/1 or false/0 in any case. */
function boolFilter(name: string, values: string[]): boolean | undefined {
  if (values.length === 0) return undefined;
  const v = values.length === 1 ? values[0]!.toLowerCase() : '';
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new BerthError('INVALID_ARGUMENT', `invalid filter '${name}=[${values.join(' ')}]'`);
}

/** Parses `name=value` strings (the CLI's --filter, the panel's toggles). */
export function parseSearchFilters(filters: readonly string[]): SearchFilters {
  const byName = new Map<string, string[]>();
  for (const f of filters) {
    const eq = f.indexOf('=');
    const name = eq < 0 ? f : f.slice(0, eq);
    if (!ACCEPTED.has(name)) throw new BerthError('INVALID_ARGUMENT', `invalid filter '${name}'`);
    const values = byName.get(name) ?? [];
    const value = eq < 0 ? '' : f.slice(eq + 1);
    if (!values.includes(value)) values.push(value); // moby keeps a set of values per name
    byName.set(name, values);
  }
  const automated = boolFilter('is-automated', byName.get('is-automated') ?? []);
  const official = boolFilter('is-official', byName.get('is-official') ?? []);
  let minStars: number | undefined;
  for (const v of byName.get('stars') ?? []) {
    const n = atoi(v);
    if (n === undefined) {
      throw new BerthError('INVALID_ARGUMENT', `invalid filter 'stars=${v}': strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    }
    minStars = Math.max(minStars ?? 0, n);
  }
  return { minStars, official, automated };
}

export interface FilterableResult {
  starCount: number | null;
  isOfficial: boolean;
}

export function applySearchFilters<T extends FilterableResult>(results: readonly T[], f: SearchFilters): T[] {
  if (f.automated === true) return [];
  return results.filter(
    (r) => (f.official === undefined || r.isOfficial === f.official) && (f.minStars === undefined || (r.starCount ?? 0) >= f.minStars),
  );
}

export const DEFAULT_SEARCH_LIMIT = 25;

/** 0 means Docker's default; anything else outside 1..100 is the daemon's error, not a clamp. */
export function searchLimit(limit: number): number {
  const n = limit === 0 ? DEFAULT_SEARCH_LIMIT : limit;
  if (n < 1 || n > 100) throw new BerthError('INVALID_ARGUMENT', `limit ${limit} is outside the range of [1, 100]`);
  return n;
}
