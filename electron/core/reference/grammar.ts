/**
 * The reference grammar as hand-written scanners. Each one walks its input
 * once, left to right, so no input can make it slow: the upstream regexps are
 * safe in Go's RE2 but their nested repetitions (`(sep alnum)*` with `-+`
 * separators) backtrack exponentially in a JavaScript engine.
 *
 * Only ASCII characters are ever accepted; anything else fails the scan.
 */
import { TAG_MAX_LENGTH } from './types';

const isLowerAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isAlnum = (c: number): boolean => isLetter(c) || isDigit(c);
/** Go's `\w`: ASCII letters, digits and underscore. */
const isWord = (c: number): boolean => isAlnum(c) || c === 0x5f;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isLowerHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66);

const DOT = 0x2e;
const UNDERSCORE = 0x5f;
const DASH = 0x2d;
const COLON = 0x3a;

/** True when every character of s[from, to) satisfies `ok` and the span is non-empty. */
function spanAll(s: string, from: number, to: number, ok: (c: number) => boolean): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) if (!ok(s.charCodeAt(i))) return false;
  return true;
}

/**
 * path-component := [a-z0-9]+ ( separator [a-z0-9]+ )*
 * separator      := "." | "_" | "__" | "-"+
 */
export function isPathComponent(s: string, from = 0, to = s.length): boolean {
  let i = from;
  for (;;) {
    const runStart = i;
    while (i < to && isLowerAlnum(s.charCodeAt(i))) i++;
    if (i === runStart) return false; // empty, or a separator where letters/digits must be
    if (i === to) return true;
    i = separatorEnd(s, i, to);
    if (i === -1) return false;
  }
}

/** Index just past the separator that starts at `at`, or -1 when none does. */
function separatorEnd(s: string, at: number, to: number): number {
  const c = s.charCodeAt(at);
  if (c === DOT) return at + 1;
  if (c === UNDERSCORE) return at + 1 < to && s.charCodeAt(at + 1) === UNDERSCORE ? at + 2 : at + 1;
  if (c !== DASH) return -1;
  let j = at + 1;
  while (j < to && s.charCodeAt(j) === DASH) j++;
  return j;
}

/** path := path-component ( "/" path-component )* */
export function isPath(s: string, from = 0, to = s.length): boolean {
  let start = from;
  for (;;) {
    const slash = s.indexOf('/', start);
    const end = slash === -1 || slash >= to ? to : slash;
    if (!isPathComponent(s, start, end)) return false;
    if (end === to) return true;
    start = end + 1;
  }
}

/** domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9] */
function isDomainComponent(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  if (!isAlnum(s.charCodeAt(from)) || !isAlnum(s.charCodeAt(to - 1))) return false;
  for (let i = from + 1; i < to - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isAlnum(c) && c !== DASH) return false;
  }
  return true;
}

/** domain-name := domain-component ( "." domain-component )*  (covers dotted IPv4 too) */
function isDomainName(s: string, from: number, to: number): boolean {
  let start = from;
  for (;;) {
    const dot = s.indexOf('.', start);
    const end = dot === -1 || dot >= to ? to : dot;
    if (!isDomainComponent(s, start, end)) return false;
    if (end === to) return true;
    start = end + 1;
  }
}

/** "[" [a-fA-F0-9:]+ "]": no zone IDs, no embedded IPv4, as upstream. */
function isBracketedIPv6(s: string, from: number, to: number): boolean {
  return (
    to - from >= 3 &&
    s.charCodeAt(from) === 0x5b &&
    s.charCodeAt(to - 1) === 0x5d &&
    spanAll(s, from + 1, to - 1, (c) => isHex(c) || c === COLON)
  );
}

/** domain := host [":" port], host := domain-name | "[" IPv6 "]", port := [0-9]+ */
export function isDomain(s: string, from = 0, to = s.length): boolean {
  if (from >= to) return false;
  if (s.charCodeAt(from) === 0x5b) {
    const close = s.indexOf(']', from);
    if (close === -1 || close >= to) return false;
    const hostEnd = close + 1;
    if (!isBracketedIPv6(s, from, hostEnd)) return false;
    return hostEnd === to || isPort(s, hostEnd, to);
  }
  const colon = s.indexOf(':', from);
  const hostEnd = colon === -1 || colon >= to ? to : colon;
  if (!isDomainName(s, from, hostEnd)) return false;
  return hostEnd === to || isPort(s, hostEnd, to);
}

/** ":" [0-9]+ starting at `from`. */
function isPort(s: string, from: number, to: number): boolean {
  return s.charCodeAt(from) === COLON && spanAll(s, from + 1, to, isDigit);
}

/** tag := [\w][\w.-]{0,127} */
export function isTag(s: string, from = 0, to = s.length): boolean {
  if (to - from < 1 || to - from > TAG_MAX_LENGTH) return false;
  if (!isWord(s.charCodeAt(from))) return false;
  for (let i = from + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isWord(c) && c !== DOT && c !== DASH) return false;
  }
  return true;
}

/**
 * The digest shape a reference accepts (checked again by go-digest rules later):
 * algorithm := [A-Za-z][A-Za-z0-9]* ( [-_+.] [A-Za-z][A-Za-z0-9]* )*
 * digest    := algorithm ":" [0-9a-fA-F]{32,}
 */
export function isReferenceDigest(s: string, from = 0, to = s.length): boolean {
  const colon = s.indexOf(':', from);
  if (colon === -1 || colon >= to) return false;
  if (to - (colon + 1) < 32 || !spanAll(s, colon + 1, to, isHex)) return false;
  return isSeparatedRun(s, from, colon, isLetter, isAlnum, (c) => c === DASH || c === UNDERSCORE || c === 0x2b || c === DOT);
}

/**
 * go-digest's anchored DigestRegexp, used to tell "unsupported" from "malformed":
 * [a-z0-9]+ ( [.+_-] [a-z0-9]+ )* ":" [a-zA-Z0-9=_-]+
 */
export function isGoDigestShape(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon === -1) return false;
  const encodedOk = spanAll(s, colon + 1, s.length, (c) => isAlnum(c) || c === 0x3d || c === UNDERSCORE || c === DASH);
  return encodedOk && isSeparatedRun(s, 0, colon, isLowerAlnum, isLowerAlnum, (c) => c === DOT || c === 0x2b || c === UNDERSCORE || c === DASH);
}

/** first rest* ( sep first rest* )*: single separators between non-empty parts. */
function isSeparatedRun(
  s: string,
  from: number,
  to: number,
  first: (c: number) => boolean,
  rest: (c: number) => boolean,
  sep: (c: number) => boolean,
): boolean {
  let atPartStart = true;
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (atPartStart) {
      if (!first(c)) return false;
      atPartStart = false;
    } else if (sep(c)) {
      atPartStart = true;
    } else if (!rest(c)) {
      return false;
    }
  }
  return !atPartStart;
}

/** identifier := [a-f0-9]{64}: a full image ID without its algorithm. */
export function isFullIdentifier(s: string): boolean {
  return s.length === 64 && spanAll(s, 0, 64, isLowerHex);
}

/** [a-f0-9]+ over the whole string (go-digest only accepts lowercase hex). */
export function isLowerHexString(s: string): boolean {
  return spanAll(s, 0, s.length, isLowerHex);
}
