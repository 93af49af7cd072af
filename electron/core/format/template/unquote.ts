/** strconv.Unquote for the template's string and character literals; null means Go's "invalid syntax". */

const SIMPLE: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function unescape(body: string, quote: string): string | null {
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === quote) return null;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return null;
    if (e in SIMPLE) {
      out += SIMPLE[e];
      i += 2;
    } else if (e === quote) {
      out += e;
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return null;
      const cp = parseInt(hex, 16);
      if (e === 'x') out += String.fromCharCode(cp); // a raw byte; Latin-1 is the closest JS can hold
      else {
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
        out += String.fromCodePoint(cp);
      }
      i += 2 + n;
    } else if (e >= '0' && e <= '7') {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return null;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 4;
    } else {
      return null;
    }
  }
  return out;
}

export function unquoteString(lit: string): string | null {
  if (lit.length < 2) return null;
  const q = lit[0]!;
  if (lit[lit.length - 1] !== q) return null;
  const body = lit.slice(1, -1);
  if (q === '`') return body.includes('`') ? null : body.replace(/\r/g, '');
  if (q !== '"' || body.includes('\n')) return null;
  return unescape(body, '"');
}

export function unquoteChar(lit: string): number | null {
  if (lit.length < 3 || lit[0] !== "'" || lit[lit.length - 1] !== "'") return null;
  const s = unescape(lit.slice(1, -1), "'");
  if (s === null || Array.from(s).length !== 1) return null;
  return s.codePointAt(0)!;
}
