/**
 * Timestamps as Go prints them (time.RFC3339Nano): fraction without trailing
 * zeros, "Z" for a zero offset, the zero time for anything missing.
 */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const GO_ZERO_MS = -62135596800000;

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

export interface GoTime {
  /** RFC3339Nano as Go formats it. */
  text: string;
  /** Milliseconds since the epoch (NaN-free: the zero time maps to Go's year 1). */
  ms: number;
  /** Nanoseconds within the millisecond, for exact ordering. */
  subMsNanos: number;
}

export function goTime(input: string | undefined): GoTime {
  const m = input ? RFC3339.exec(input) : null;
  if (!m) return { text: GO_ZERO_TIME, ms: GO_ZERO_MS, subMsNanos: 0 };
  const [, date, clock, frac = '', zone = 'Z'] = m;
  const nanos = frac.slice(0, 9).padEnd(9, '0');
  const trimmed = nanos.replace(/0+$/, '');
  const offset = zone === 'Z' || zone === 'z' || zone === '+00:00' || zone === '-00:00' ? 'Z' : zone;
  const text = `${date}T${clock}${trimmed ? `.${trimmed}` : ''}${offset}`;
  const ms = Date.parse(`${date}T${clock}.${nanos.slice(0, 3)}${offset}`);
  return { text, ms: Number.isFinite(ms) ? ms : 0, subMsNanos: Number(nanos.slice(3)) };
}

export function isZeroTime(t: GoTime): boolean {
  return t.text === GO_ZERO_TIME;
}

/** Go's time.Now().UTC().Format(RFC3339Nano) with the precision JavaScript has. */
export function nowGoTime(): string {
  return goTime(new Date().toISOString()).text;
}
