/**
 * Docker's `--filter key=value` arguments as the Engine API takes them: the
 * JSON map `{"key":["value",…]}` (the form dockerd ≥1.25 and podman's compat
 * layer both read). Keys are not checked here: each engine answers unknown
 * ones in its own words.
 */
import { parseFilters } from '../images/filters';

export function filtersJson(items: readonly string[], extra: Record<string, string[]> = {}): string | undefined {
  const keys = items.map((i) => i.slice(0, Math.max(0, i.indexOf('='))).trim().toLowerCase());
  const args = parseFilters(items, keys);
  for (const [k, v] of Object.entries(extra)) args.set(k, v);
  return args.size === 0 ? undefined : JSON.stringify(Object.fromEntries(args));
}
