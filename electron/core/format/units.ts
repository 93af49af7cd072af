import { formatFloat } from './gofloat';

/**
 * docker/go-units size and duration wording, as `docker images`, `history`
 * and `system df` print them.
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

function scale(size: number, base: number, units: readonly string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]!];
}

/** Go's `%.<precision>g`. */
function goG(x: number, precision: number): string {
  return formatFloat(x, 'g', precision);
}

/**
 * go-units HumanSizeWithPrecision(size, precision): 1000-based, `%.3g` by default,
 * no space (`0B`, `999B`, `1kB`, `127MB`, `1.13MB`, and `1e+03kB` for 999999).
 */
export function humanSize(bytes: number, precision = 3): string {
  const [n, unit] = scale(bytes, 1000, DECIMAL_UNITS);
  return goG(n, precision) + unit;
}

/** go-units BytesSize: 1024-based with `%.4g` (`44KiB`, `17MiB`); used by docker for memory figures. */
export function bytesSize(bytes: number): string {
  const [n, unit] = scale(bytes, 1024, BINARY_UNITS);
  return goG(n, 4) + unit;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * go-units HumanDuration: `Less than a second`, `1 second`, `N seconds`,
 * `About a minute`, `N minutes`, `About an hour`, `N hours` (<48h),
 * `N days` (<14d), `N weeks` (<60d), `N months` (<2y, 30-day months), `N years`.
 * Hours are rounded (h + 0.5); everything else truncates, as Go's int() does.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (!(seconds >= 1)) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / HOUR + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / HOUR) / 24 / 365)} years`;
}

/**
 * `docker images` CREATED column: HumanDuration(now − created) + " ago".
 * Returns '' for a missing or unparsable date, which the default template turns into `N/A`.
 */
export function createdSince(date: Date | string | number | null | undefined, now: Date | number = Date.now()): string {
  if (date === null || date === undefined || date === '') return '';
  const t = date instanceof Date ? date.getTime() : new Date(date).getTime();
  if (!Number.isFinite(t)) return '';
  const n = now instanceof Date ? now.getTime() : now;
  return humanDuration(n - t) + ' ago';
}
