/**
 * Docker's presentation of `docker images` cells (go-units HumanSize and
 * HumanDuration), so the table reads exactly like the CLI.
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/**
 * `%.3g` + unit, 1000-based, no space: 0B, 5.61MB, 124MB, 1.09GB (docker images).
 * Precision 4 is go-units' HumanSize, as in `Total reclaimed space: 1.234GB`.
 */
export function humanSize(bytes: number, precision = 3): string {
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < DECIMAL_UNITS.length - 1) {
    size /= 1000;
    i++;
  }
  return `${formatG(size, precision)}${DECIMAL_UNITS[i]}`;
}

/** Go's %.{precision}g: shortest of fixed or exponent form, trailing zeros dropped. */
export function formatG(x: number, precision: number): string {
  if (x === 0) return '0';
  const [mantissa = '0', expText = '0'] = x.toExponential(precision - 1).split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= precision) {
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${trimZeros(mantissa)}e${exp < 0 ? '-' : '+'}${digits}`;
  }
  return trimZeros(x.toFixed(Math.max(0, precision - 1 - exp)));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** `sha256:4eacea30377a…` -> `4eacea30377a`. */
export function shortId(id: string): string {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return hex.slice(0, 12);
}

export type DurationKey =
  | 'lessThanSecond'
  | 'second'
  | 'seconds'
  | 'aboutMinute'
  | 'minutes'
  | 'aboutHour'
  | 'hours'
  | 'days'
  | 'weeks'
  | 'months'
  | 'years';

/** HumanDuration's buckets as a translation key and count, so each language words them itself. */
export function humanDuration(ms: number): { key: DurationKey; count: number } {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return { key: 'lessThanSecond', count: 0 };
  if (seconds === 1) return { key: 'second', count: 1 };
  if (seconds < 60) return { key: 'seconds', count: seconds };
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return { key: 'aboutMinute', count: 1 };
  if (minutes < 60) return { key: 'minutes', count: minutes };
  const exactHours = ms / 3_600_000;
  const hours = Math.trunc(exactHours + 0.5);
  if (hours === 1) return { key: 'aboutHour', count: 1 };
  if (hours < 48) return { key: 'hours', count: hours };
  if (hours < 24 * 7 * 2) return { key: 'days', count: Math.trunc(hours / 24) };
  if (hours < 24 * 30 * 2) return { key: 'weeks', count: Math.trunc(hours / 24 / 7) };
  if (hours < 24 * 365 * 2) return { key: 'months', count: Math.trunc(hours / 24 / 30) };
  return { key: 'years', count: Math.trunc(exactHours / 24 / 365) };
}

/** Time since `created`, or null where Docker prints N/A (unset or unparseable). */
export function createdSince(created: string, now: number): { key: DurationKey; count: number } | null {
  const t = Date.parse(created);
  if (Number.isNaN(t) || t <= 0) return null;
  return humanDuration(now - t);
}
