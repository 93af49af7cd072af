/**
 * Go's view of a time zone: the TZif file (zoneinfo) with its transitions and
 * POSIX-TZ footer, so zone abbreviations (`CET`, `CEST`, `+03`) come out as Go
 * prints them. Intl cannot give these: it invents `GMT+1` for most zones.
 */

export interface ZoneType {
  /** Seconds east of UTC. */
  offset: number;
  isDst: boolean;
  name: string;
}

export interface Zone {
  types: ZoneType[];
  /** Transition instants (Unix seconds), ascending, with the type that starts at each. */
  transitions: { at: number; type: number }[];
  /** POSIX TZ rule for instants after the last transition ('' when absent). */
  extend: string;
}

export const UTC_ZONE: Zone = { types: [{ offset: 0, isDst: false, name: 'UTC' }], transitions: [], extend: '' };

/** Parses a TZif file (versions 1–4); returns undefined for anything else. */
export function parseTzif(data: Uint8Array): Zone | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const header = (at: number) => {
    if (data.length < at + 44 || String.fromCharCode(...data.subarray(at, at + 4)) !== 'TZif') return undefined;
    const count = (k: number) => view.getUint32(at + 20 + 4 * k);
    return {
      version: data[at + 4]!,
      isutc: count(0),
      isstd: count(1),
      leap: count(2),
      time: count(3),
      type: count(4),
      chars: count(5),
    };
  };
  const h1 = header(0);
  if (!h1) return undefined;
  const v1Size = (h: NonNullable<typeof h1>, timeSize: number) =>
    h.time * timeSize + h.time + h.type * 6 + h.chars + h.leap * (timeSize + 4) + h.isstd + h.isutc;
  let at = 44;
  let h = h1;
  let timeSize = 4;
  if (h1.version >= 0x32) {
    // Version 2+: skip the 32-bit block, use the 64-bit one and its footer.
    at += v1Size(h1, 4);
    const h2 = header(at);
    if (!h2) return undefined;
    h = h2;
    at += 44;
    timeSize = 8;
  }
  if (data.length < at + v1Size(h, timeSize)) return undefined;
  const times: number[] = [];
  for (let i = 0; i < h.time; i++, at += timeSize) {
    times.push(timeSize === 8 ? Number(view.getBigInt64(at)) : view.getInt32(at));
  }
  const indices = Array.from(data.subarray(at, at + h.time));
  at += h.time;
  const raw: { offset: number; isDst: boolean; abbr: number }[] = [];
  for (let i = 0; i < h.type; i++, at += 6) {
    raw.push({ offset: view.getInt32(at), isDst: data[at + 4] !== 0, abbr: data[at + 5]! });
  }
  const chars = data.subarray(at, at + h.chars);
  at += h.chars + h.leap * (timeSize + 4) + h.isstd + h.isutc;
  const types = raw.map((t) => ({ offset: t.offset, isDst: t.isDst, name: cString(chars, t.abbr) }));
  if (types.length === 0 || indices.some((i) => i >= types.length)) return undefined;
  let extend = '';
  if (timeSize === 8 && data[at] === 0x0a) {
    const end = data.indexOf(0x0a, at + 1);
    if (end > at) extend = String.fromCharCode(...data.subarray(at + 1, end));
  }
  return { types, transitions: times.map((t, i) => ({ at: t, type: indices[i]! })), extend };
}

function cString(chars: Uint8Array, from: number): string {
  let end = from;
  while (end < chars.length && chars[end] !== 0) end++;
  return String.fromCharCode(...chars.subarray(from, end));
}

/** The zone type in effect at `sec` (Unix seconds), following Go's Location.lookup. */
export function lookupZone(zone: Zone, sec: number): ZoneType {
  const tx = zone.transitions;
  if (tx.length === 0 || sec < tx[0]!.at) {
    // With no transitions a footer still governs every instant.
    if (tx.length === 0 && zone.extend) {
      const rule = evalPosixTz(zone.extend, sec);
      if (rule) return rule;
    }
    return zone.types[firstZone(zone)]!;
  }
  let lo = 0;
  let hi = tx.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sec < tx[mid]!.at) hi = mid;
    else lo = mid;
  }
  if (lo === tx.length - 1 && zone.extend) {
    const rule = evalPosixTz(zone.extend, sec);
    if (rule) return rule;
  }
  return zone.types[tx[lo]!.type]!;
}

/** Go's lookupFirstZone: the zone before the first transition. */
function firstZone(zone: Zone): number {
  const used = new Set(zone.transitions.map((t) => t.type));
  if (!used.has(0)) return 0;
  const first = zone.transitions[0];
  if (first && zone.types[first.type]!.isDst) {
    for (let i = first.type - 1; i >= 0; i--) if (!zone.types[i]!.isDst) return i;
  }
  const std = zone.types.findIndex((t) => !t.isDst);
  return std < 0 ? 0 : std;
}

interface Rule {
  kind: 'julian' | 'doy' | 'mwd';
  day: number;
  week: number;
  mon: number;
  /** Seconds after local midnight. */
  time: number;
}

/** A cursor over a POSIX TZ string such as `CET-1CEST,M3.5.0,M10.5.0/3`. */
class TzCursor {
  constructor(
    private s: string,
    private i = 0,
  ) {}

  done(): boolean {
    return this.i >= this.s.length;
  }

  peek(): string {
    return this.s[this.i] ?? '';
  }

  take(c: string): boolean {
    if (this.peek() !== c) return false;
    this.i++;
    return true;
  }

  name(): string | undefined {
    if (this.take('<')) {
      const end = this.s.indexOf('>', this.i);
      if (end < 0) return undefined;
      const n = this.s.slice(this.i, end);
      this.i = end + 1;
      return n;
    }
    const m = /^[A-Za-z]{3,}/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  number(): number | undefined {
    const m = /^\d+/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    this.i += m[0].length;
    return Number(m[0]);
  }

  /** [+-]hh[:mm[:ss]] in seconds. */
  offset(): number | undefined {
    let sign = 1;
    if (this.take('-')) sign = -1;
    else this.take('+');
    const hh = this.number();
    if (hh === undefined) return undefined;
    let secs = hh * 3600;
    if (this.take(':')) {
      const mm = this.number();
      if (mm === undefined) return undefined;
      secs += mm * 60;
      if (this.take(':')) {
        const ss = this.number();
        if (ss === undefined) return undefined;
        secs += ss;
      }
    }
    return sign * secs;
  }

  rule(): Rule | undefined {
    let r: Rule;
    if (this.take('J')) {
      const day = this.number();
      if (day === undefined || day < 1 || day > 365) return undefined;
      r = { kind: 'julian', day, week: 0, mon: 0, time: 7200 };
    } else if (this.take('M')) {
      const mon = this.number();
      const week = this.take('.') ? this.number() : undefined;
      const day = this.take('.') ? this.number() : undefined;
      if (mon === undefined || week === undefined || day === undefined) return undefined;
      if (mon < 1 || mon > 12 || week < 1 || week > 5 || day > 6) return undefined;
      r = { kind: 'mwd', day, week, mon, time: 7200 };
    } else {
      const day = this.number();
      if (day === undefined || day > 365) return undefined;
      r = { kind: 'doy', day, week: 0, mon: 0, time: 7200 };
    }
    if (this.take('/')) {
      const t = this.offset();
      if (t === undefined) return undefined;
      r.time = t;
    }
    return r;
  }
}

const DAY = 86400;

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** Seconds from the start of `year` (UTC) to the rule's instant, given the offset it is written in. */
function ruleTime(year: number, r: Rule, offset: number): number {
  let day: number;
  if (r.kind === 'julian') day = r.day - 1 + (isLeap(year) && r.day >= 60 ? 1 : 0);
  else if (r.kind === 'doy') day = r.day;
  else {
    const firstOfMonth = Date.UTC(year, r.mon - 1, 1);
    const dow = new Date(firstOfMonth).getUTCDay();
    let d = (r.day - dow + 7) % 7;
    const monthDays = new Date(Date.UTC(year, r.mon, 0)).getUTCDate();
    for (let i = 1; i < r.week && d + 7 < monthDays; i++) d += 7;
    day = (firstOfMonth - Date.UTC(year, 0, 1)) / (DAY * 1000) + d;
  }
  return day * DAY + r.time - offset;
}

/** Go's tzset: the zone a POSIX TZ string gives for `sec`, or undefined if the string is malformed. */
export function evalPosixTz(tz: string, sec: number): ZoneType | undefined {
  const c = new TzCursor(tz);
  const stdName = c.name();
  const stdPosix = c.offset();
  if (stdName === undefined || stdPosix === undefined) return undefined;
  const std: ZoneType = { name: stdName, offset: -stdPosix, isDst: false };
  if (c.done()) return std;
  const dstName = c.name();
  if (dstName === undefined) return undefined;
  let dstOffset = std.offset + 3600;
  if (!c.done() && c.peek() !== ',') {
    const o = c.offset();
    if (o === undefined) return undefined;
    dstOffset = -o;
  }
  const dst: ZoneType = { name: dstName, offset: dstOffset, isDst: true };
  let start: Rule | undefined = { kind: 'mwd', mon: 3, week: 2, day: 0, time: 7200 };
  let end: Rule | undefined = { kind: 'mwd', mon: 11, week: 1, day: 0, time: 7200 };
  if (!c.done()) {
    if (!c.take(',')) return undefined;
    start = c.rule();
    if (!start || !c.take(',')) return undefined;
    end = c.rule();
    if (!end || !c.done()) return undefined;
  }
  const year = new Date(sec * 1000).getUTCFullYear();
  const ysec = sec - Date.UTC(year, 0, 1) / 1000;
  let startSec = ruleTime(year, start, std.offset);
  let endSec = ruleTime(year, end, dst.offset);
  let [before, during] = [std, dst];
  if (endSec < startSec) {
    [startSec, endSec] = [endSec, startSec];
    [before, during] = [dst, std];
  }
  return ysec >= startSec && ysec < endSec ? during : before;
}
