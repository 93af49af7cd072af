/**
 * Go's strconv float formatting ('e', 'f', 'g' with a precision, or shortest
 * with precision -1). JavaScript's toPrecision/toFixed round exact ties away
 * from zero (1.125 → "1.13"); Go rounds the exact binary value half-to-even
 * (1.125 → "1.12"), which decides sizes like `docker images` shows, so the
 * digits here come from the exact decimal expansion of the double.
 */

interface Digits {
  d: string; // significant digits, no leading/trailing zeros ("" for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return trimZeros(s, dp);
}

function trimZeros(s: string, dp: number): Digits {
  let start = 0;
  while (start < s.length && s[start] === '0') start++;
  let end = s.length;
  while (end > start && s[end - 1] === '0') end--;
  return { d: s.slice(start, end), dp: dp - start };
}

/** Rounds to nd significant digits, ties to even, like strconv's decimal.Round. */
function round(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  const halfway = next === 5 && nd + 1 === x.d.length;
  const up = halfway ? nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1 : next >= 5;
  if (!up) return trimZeros(x.d.slice(0, nd), x.dp);
  let i = nd - 1;
  while (i >= 0 && x.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return trimZeros(x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), x.dp);
}

function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, e] = Math.abs(x).toExponential().split('e') as [string, string];
  return trimZeros(mant.replace('.', ''), Number(e) + 1);
}

function fmtE(x: Digits, prec: number, upper: boolean): string {
  let s = x.d.length === 0 ? '0' : x.d[0]!;
  if (prec > 0) s += '.' + x.d.slice(1, prec + 1).padEnd(prec, '0');
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const mag = Math.abs(exp);
  return s + (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (mag < 10 ? '0' : '') + String(mag);
}

function fmtF(x: Digits, prec: number): string {
  let s = x.dp > 0 ? x.d.slice(0, x.dp).padEnd(x.dp, '0') : '0';
  if (prec > 0) {
    // Digit j of the fraction is d[dp + j], or '0' outside d: built in slices, not one concatenation per digit.
    const lead = Math.min(prec, Math.max(-x.dp, 0));
    s += '.' + ('0'.repeat(lead) + x.d.slice(Math.max(x.dp, 0), Math.max(x.dp + prec, 0))).padEnd(prec, '0');
  }
  return s;
}

export type FloatVerb = 'e' | 'E' | 'f' | 'g' | 'G';

/** strconv.FormatFloat(x, verb, prec, 64); prec -1 means shortest. */
export function formatFloat(x: number, verb: FloatVerb, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const body = formatAbs(Math.abs(x), verb, prec);
  return neg ? '-' + body : body;
}

function formatAbs(x: number, verb: FloatVerb, prec: number): string {
  const shortest = prec < 0;
  let digs = shortest ? shortestDigits(x) : exactDigits(x);
  if (verb === 'f') {
    if (!shortest) digs = round(digs, digs.dp + prec);
    return fmtF(digs, shortest ? Math.max(digs.d.length - digs.dp, 0) : prec);
  }
  if (verb === 'e' || verb === 'E') {
    if (!shortest) digs = round(digs, prec + 1);
    return fmtE(digs, shortest ? Math.max(digs.d.length - 1, 0) : prec, verb === 'E');
  }
  let p = prec;
  if (!shortest) {
    if (p === 0) p = 1;
    digs = round(digs, p);
  } else {
    p = digs.d.length;
  }
  let eprec = p;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (p > digs.d.length) p = digs.d.length;
    return fmtE(digs, Math.max(p - 1, 0), verb === 'G');
  }
  if (p > digs.dp) p = digs.d.length;
  return fmtF(digs, Math.max(p - digs.dp, 0));
}
