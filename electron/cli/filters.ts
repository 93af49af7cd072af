import { UsageError } from './errors';

/**
 * Docker's FilterOpt: each `--filter` value must be `name=value`; the name is
 * lower-cased and both sides trimmed; an empty value is ignored. A bad value is
 * a flag error naming the flag as Docker's help spells it (`-f, --filter`).
 */
export function parseFilters(values: readonly string[] | undefined, flag: string, command: string): string[] {
  const filters: string[] = [];
  for (const value of values ?? []) {
    if (value === '') continue;
    const eq = value.indexOf('=');
    if (eq < 0) {
      throw new UsageError(
        `invalid argument "${value}" for "${flag}" flag: bad format of filter (expected name=value)`,
        command,
      );
    }
    filters.push(`${value.slice(0, eq).trim().toLowerCase()}=${value.slice(eq + 1).trim()}`);
  }
  return filters;
}
