import { formatFloat } from '../gofloat';
import type { FloatVerb } from '../gofloat';
import { goQuote } from './goquote';
import { formatInt, formatValue, kindOf, numberValue, sortedKeys, typeName } from './values';

/** The parts of Go's fmt package that templates reach through print, println and printf. */

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | null;
  prec: number | null;
}

/** fmt.Sprint: spaces only between operands when neither is a string. */
export function sprint(args: unknown[]): string {
  let out = '';
  args.forEach((a, i) => {
    const isStr = typeof a === 'string';
    if (i > 0 && !isStr && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintln: always spaced, newline-terminated. */
export function sprintln(args: unknown[]): string {
  return args.map(formatValue).join(' ') + '\n';
}

const runeLen = (s: string) => Array.from(s).length;

/** fmt refuses widths and precisions beyond a million: they are typos or attacks, never layouts. */
const tooLarge = (n: number): boolean => n > 1e6 || n < -1e6;

function pad(s: string, spec: Spec, zeroOk = false): string {
  if (spec.width === null) return s;
  const n = spec.width - runeLen(s);
  if (n <= 0) return s;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && zeroOk) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function bad(verb: string, v: unknown): string {
  return v === null || v === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${formatValue(v)})`;
}

function signed(s: string, neg: boolean, spec: Spec): string {
  if (neg) return '-' + s;
  if (spec.plus) return '+' + s;
  if (spec.space) return ' ' + s;
  return s;
}

function fmtInteger(v: number, verb: string, spec: Spec): string {
  const neg = v < 0;
  const abs = Math.abs(v);
  let digits: string;
  switch (verb) {
    case 'd': case 'v': digits = formatInt(abs); break;
    case 'x': digits = BigInt(abs).toString(16); break;
    case 'X': digits = BigInt(abs).toString(16).toUpperCase(); break;
    case 'o': case 'O': digits = BigInt(abs).toString(8); break;
    case 'b': digits = BigInt(abs).toString(2); break;
    default: digits = formatInt(abs);
  }
  if (spec.prec !== null) digits = spec.prec === 0 && abs === 0 ? '' : digits.padStart(spec.prec, '0');
  if (spec.sharp) {
    if (verb === 'x') digits = '0x' + digits;
    else if (verb === 'X') digits = '0X' + digits;
    else if (verb === 'o' && !digits.startsWith('0')) digits = '0' + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  return pad(signed(digits, neg, spec), spec, spec.prec === null);
}

function fmtFloatVerb(v: number, verb: string, spec: Spec): string {
  const fv: FloatVerb = verb === 'v' ? 'g' : verb === 'F' ? 'f' : (verb as FloatVerb);
  const prec = spec.prec ?? (fv === 'g' || fv === 'G' ? -1 : 6);
  const s = formatFloat(Math.abs(v), fv, prec);
  return pad(signed(s, v < 0 || Object.is(v, -0), spec), spec, true);
}

function quoteRune(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (ch === "'") return "'\\''";
  if (ch === '"') return `'"'`;
  return "'" + goQuote(ch).slice(1, -1) + "'";
}

function hexString(s: string, upper: boolean, spec: Spec): string {
  const hex = Array.from(Buffer.from(s, 'utf8'))
    .map((b) => b.toString(16).padStart(2, '0'))
    .join(spec.space ? ' ' : '');
  return upper ? hex.toUpperCase() : hex;
}

function fmtOne(v: unknown, verb: string, spec: Spec): string {
  const kind = kindOf(v);
  if (verb === 'T') return pad(v === null || v === undefined ? '<nil>' : typeName(v), spec);
  if (kind === 'slice') {
    return pad('[' + (v as unknown[]).map((e) => fmtOne(e, verb, { ...spec, width: null })).join(' ') + ']', spec);
  }
  if (kind === 'map') {
    const o = v as Record<string, unknown>;
    const inner = { ...spec, width: null };
    return pad('map[' + sortedKeys(o).map((k) => `${fmtOne(k, verb, inner)}:${fmtOne(o[k], verb, inner)}`).join(' ') + ']', spec);
  }
  switch (verb) {
    case 'v':
      if (kind === 'int') return fmtInteger(numberValue(v), 'd', spec);
      if (kind === 'float') return fmtFloatVerb(numberValue(v), 'g', spec);
      return pad(v === undefined ? '<nil>' : formatValue(v), spec);
    case 's':
      if (kind !== 'string') return bad(verb, v);
      return pad(spec.prec === null ? (v as string) : Array.from(v as string).slice(0, spec.prec).join(''), spec);
    case 'q':
      if (kind === 'string') {
        const s = v as string;
        // eslint-disable-next-line no-control-regex
        if (spec.sharp && !s.includes('`') && !/[\x00-\x08\x0a-\x1f\x7f]/.test(s)) return pad('`' + s + '`', spec);
        return pad(goQuote(s), spec);
      }
      if (kind === 'int') return pad(quoteRune(numberValue(v)), spec);
      return bad(verb, v);
    case 't':
      return kind === 'bool' ? pad(v ? 'true' : 'false', spec) : bad(verb, v);
    case 'd': case 'o': case 'O': case 'b':
      if (kind === 'int') return fmtInteger(numberValue(v), verb, spec);
      if (verb === 'b' && kind === 'float') return bad(verb, v);
      return bad(verb, v);
    case 'x': case 'X':
      if (kind === 'int') return fmtInteger(numberValue(v), verb, spec);
      if (kind === 'string') return pad(hexString(v as string, verb === 'X', spec), spec);
      return bad(verb, v);
    case 'c':
      return kind === 'int' ? pad(String.fromCodePoint(numberValue(v)), spec) : bad(verb, v);
    case 'U':
      if (kind !== 'int') return bad(verb, v);
      return pad('U+' + numberValue(v).toString(16).toUpperCase().padStart(4, '0'), spec);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      return kind === 'float' ? fmtFloatVerb(numberValue(v), verb, spec) : bad(verb, v);
    default:
      return bad(verb, v);
  }
}

/** fmt.Sprintf with Go's verbs, flags, width and precision, and its %!verb(...) complaints. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: null, prec: null };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = !spec.minus;
      else break;
    }
    // Go's parsenum: a number that grows past 1e6 makes the rest of the format unreadable (NOVERB).
    const num = () => {
      let n: number | null = null;
      for (; i < format.length && format[i]! >= '0' && format[i]! <= '9'; i++) {
        if (n !== null && tooLarge(n)) {
          i = format.length;
          return null;
        }
        n = (n ?? 0) * 10 + (format.charCodeAt(i) - 48);
      }
      return n;
    };
    // Go's intFromArg: a '*' takes an int argument of at most 1e6, else %!(BADWIDTH) / %!(BADPREC).
    const starArg = (): number | null => {
      if (argi >= args.length) return null;
      const a = args[argi++];
      return kindOf(a) === 'int' && !tooLarge(numberValue(a)) ? numberValue(a) : null;
    };
    if (format[i] === '*') {
      i++;
      spec.width = starArg();
      if (spec.width === null) out += '%!(BADWIDTH)';
      else if (spec.width < 0) {
        spec.minus = true;
        spec.zero = false;
        spec.width = -spec.width;
      }
    } else {
      spec.width = num();
    }
    if (i + 1 < format.length && format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        spec.prec = starArg();
        if (spec.prec === null || spec.prec < 0) {
          spec.prec = null;
          out += '%!(BADPREC)';
        }
      } else {
        spec.prec = num() ?? 0;
      }
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}
