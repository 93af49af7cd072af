/**
 * FamiliarMatch: Docker's `reference=` filter, which is Go's path.Match
 * (shell globbing where "*" and "?" never cross "/") applied to the familiar
 * string, then to the familiar name. Patterns are walked as code points.
 *
 * Cost is bounded by pattern × name: a star tries each later start position
 * once and never revisits an earlier star's choice.
 */
import { BerthError } from '../../../shared/errors';
import { familiarName, familiarString } from './familiar';
import type { Reference } from './types';

const BAD_PATTERN = 'syntax error in pattern';

function badPattern(): BerthError {
  return new BerthError('INVALID_ARGUMENT', BAD_PATTERN);
}

/** Does `ref` match the `reference=` pattern? Throws INVALID_ARGUMENT for a malformed pattern. */
export function familiarMatch(pattern: string, ref: Reference): boolean {
  return pathMatch(pattern, familiarString(ref)) || pathMatch(pattern, familiarName(ref));
}

/** Go's path.Match: the whole of `name` must match. Throws INVALID_ARGUMENT for a malformed pattern. */
export function pathMatch(pattern: string, name: string): boolean {
  const p = Array.from(pattern);
  const n = Array.from(name);
  let pi = 0;
  let ni = 0;
  while (pi < p.length) {
    const chunk = scanChunk(p, pi);
    pi = chunk.end;
    const last = pi === p.length;
    if (chunk.star && chunk.start === chunk.end) return !n.slice(ni).includes('/');
    const next = startAt(p, chunk, n, ni, last);
    if (next === -1) {
      checkRest(p, pi);
      return false;
    }
    ni = next;
  }
  return ni === n.length;
}

interface Chunk {
  star: boolean;
  start: number;
  end: number;
}

/** Where the chunk can be placed: at `ni`, or (after a star) one of the following non-"/" positions. */
function startAt(p: string[], chunk: Chunk, n: string[], ni: number, last: boolean): number {
  const here = matchChunk(p, chunk, n, ni);
  if (here !== -1 && (here === n.length || !last)) return here;
  if (!chunk.star) return -1;
  for (let i = ni; i < n.length && n[i] !== '/'; i++) {
    const t = matchChunk(p, chunk, n, i + 1);
    if (t !== -1 && !(last && t < n.length)) return t;
  }
  return -1;
}

/** A mismatch still reports a malformed pattern, as Go does, so check every remaining chunk. */
function checkRest(p: string[], from: number): void {
  let pi = from;
  while (pi < p.length) {
    const chunk = scanChunk(p, pi);
    matchChunk(p, chunk, [], 0);
    pi = chunk.end;
  }
}

/** Leading stars, then everything up to the next star outside a [class]. */
function scanChunk(p: string[], from: number): Chunk {
  let i = from;
  let star = false;
  while (p[i] === '*') {
    star = true;
    i++;
  }
  const start = i;
  let inClass = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (i + 1 < p.length) i++;
    } else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '*' && !inClass) break;
  }
  return { star, start, end: i };
}

/**
 * Matches the star-free chunk against n from `at`: the index after it, or -1.
 * After a mismatch it keeps reading the chunk only to report a bad pattern.
 */
function matchChunk(p: string[], chunk: Chunk, n: string[], at: number): number {
  let ni = at;
  let failed = false;
  let pi = chunk.start;
  while (pi < chunk.end) {
    if (!failed && ni >= n.length) failed = true;
    const c = p[pi]!;
    if (c === '[') {
      const ch = failed ? '' : n[ni++]!;
      const cls = matchClass(p, pi + 1, chunk.end, ch);
      pi = cls.end;
      if (!cls.matched) failed = true;
    } else if (c === '?') {
      if (!failed && n[ni++] === '/') failed = true;
      pi++;
    } else {
      if (c === '\\') {
        pi++;
        if (pi >= chunk.end) throw badPattern();
      }
      if (!failed && p[pi] !== n[ni++]) failed = true;
      pi++;
    }
  }
  return failed ? -1 : ni;
}

/** "[" [ "^" ] ranges "]", starting just after "[". */
function matchClass(p: string[], from: number, end: number, ch: string): { matched: boolean; end: number } {
  let pi = from;
  const negated = p[pi] === '^';
  if (negated) pi++;
  const code = ch === '' ? -1 : ch.codePointAt(0)!;
  let inRange = false;
  for (let ranges = 0; ; ranges++) {
    if (ranges > 0 && pi < end && p[pi] === ']') return { matched: inRange !== negated, end: pi + 1 };
    const lo = classChar(p, pi, end);
    let hi = lo;
    pi = lo.next;
    if (p[pi] === '-') {
      hi = classChar(p, pi + 1, end);
      pi = hi.next;
    }
    if (lo.code <= code && code <= hi.code) inRange = true;
  }
}

/** One possibly escaped character inside a class; it may not be the class's last character. */
function classChar(p: string[], at: number, end: number): { code: number; next: number } {
  let i = at;
  if (i >= end || p[i] === '-' || p[i] === ']') throw badPattern();
  if (p[i] === '\\') {
    i++;
    if (i >= end) throw badPattern();
  }
  const code = p[i]!.codePointAt(0)!;
  if (i + 1 >= end) throw badPattern();
  return { code, next: i + 1 };
}
