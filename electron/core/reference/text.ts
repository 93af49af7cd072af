/**
 * Go's strings.ToLower uses simple (one-to-one) case mapping; JavaScript's
 * toLowerCase uses full mapping. They differ only for U+0130 (İ), which Go
 * maps to a plain "i" and JavaScript to "i" + U+0307. That difference decides
 * whether a lower-cased input matches the ASCII grammar, so mirror Go here.
 */
export function goToLower(s: string): string {
  return s.replace(/\u0130/g, 'i').toLowerCase();
}

/** Length in UTF-8 bytes, which is what Go's len() measures. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3; // BMP character, or a lone surrogate (Go would see U+FFFD: 3 bytes)
  }
  return n;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
