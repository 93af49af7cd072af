/**
 * Go's path.Match: `*` matches any run of non-'/' characters, `?` one
 * non-'/' character, `[...]` a class (ranges, `^` negation), `\` escapes.
 * A malformed pattern throws, as Go returns ErrBadPattern.
 */
import { BerthError } from '../../../shared/errors';

export const BAD_PATTERN = 'syntax error in pattern';

export function pathMatch(pattern: string, name: string): boolean {
  const p = [...pattern];
  const s = [...name];
  return matchAt(p, 0, s, 0);
}

function matchAt(p: string[], pi: number, s: string[], si: number): boolean {
  while (pi < p.length) {
    const c = p[pi]!;
    if (c === '*') {
      while (p[pi] === '*') pi += 1;
      // A star never crosses '/': try every split within the current segment.
      for (let k = si; ; k += 1) {
        if (matchAt(p, pi, s, k)) return true;
        if (k >= s.length || s[k] === '/') break;
      }
      validateRest(p, pi);
      return false;
    }
    if (si >= s.length) {
      validateRest(p, pi);
      return false;
    }
    const ch = s[si]!;
    if (c === '?') {
      if (ch === '/') return fail(p, pi);
      pi += 1;
    } else if (c === '[') {
      const r = matchClass(p, pi, ch);
      if (!r.ok) return fail(p, r.next);
      pi = r.next;
    } else if (c === '\\') {
      if (pi + 1 >= p.length) throw bad();
      if (p[pi + 1] !== ch) return fail(p, pi + 2);
      pi += 2;
    } else {
      if (c !== ch) return fail(p, pi + 1);
      pi += 1;
    }
    si += 1;
  }
  return si === s.length;
}

/** Go reports a bad pattern even when the mismatch happens first. */
function fail(p: string[], from: number): false {
  validateRest(p, from);
  return false;
}

function validateRest(p: string[], from: number): void {
  for (let i = from; i < p.length; ) {
    if (p[i] === '\\') {
      if (i + 1 >= p.length) throw bad();
      i += 2;
    } else if (p[i] === '[') {
      i = matchClass(p, i, '\u0000').next;
    } else {
      i += 1;
    }
  }
}

function matchClass(p: string[], start: number, ch: string): { ok: boolean; next: number } {
  let i = start + 1;
  const negated = p[i] === '^';
  if (negated) i += 1;
  let matched = false;
  let first = true;
  for (;;) {
    if (i >= p.length) throw bad();
    if (p[i] === ']' && !first) {
      i += 1;
      break;
    }
    first = false;
    const lo = classChar(p, i);
    let hi = lo;
    i = lo.next;
    if (p[i] === '-') {
      hi = classChar(p, i + 1);
      i = hi.next;
    }
    if (lo.ch <= ch && ch <= hi.ch) matched = true;
  }
  return { ok: matched !== negated, next: i };
}

function classChar(p: string[], i: number): { ch: string; next: number } {
  const c = p[i];
  if (c === undefined || c === '-' || c === ']') throw bad();
  if (c === '\\') {
    const e = p[i + 1];
    if (e === undefined) throw bad();
    return { ch: e, next: i + 2 };
  }
  return { ch: c, next: i + 1 };
}

function bad(): BerthError {
  return new BerthError('INVALID_ARGUMENT', BAD_PATTERN);
}
