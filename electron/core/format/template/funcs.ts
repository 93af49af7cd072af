import { sprint, sprintf, sprintln } from './gofmt';
import { goJson } from './json';
import {
  GoNumber, compareCodePoints, formatValue, isTrue, kindOf, numberValue, sortedKeys, typeName,
} from './values';

/**
 * The template function table: Go's builtins plus docker's (templates.go):
 * json, split, join, title, lower, upper, pad, truncate.
 */

/** How an argument reaches the function, after Go's reflect-based conversion. */
export type Param = 'value' | 'any' | 'string' | 'int';

export interface TemplateFunc {
  params: Param[];
  variadic?: Param;
  call(args: unknown[]): unknown;
}

/** An error a function returns; the executor reports it as `error calling <name>: <message>`. */
export class FuncError extends Error {}

const int = (n: number) => new GoNumber(n, 'int');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';

function basicKind(v: unknown): BasicKind {
  const k = kindOf(v);
  if (k === 'bool' || k === 'int' || k === 'float' || k === 'string') return k;
  return k === 'invalid' ? 'invalid' : 'other';
}

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (a !== undefined && b !== undefined) throw new FuncError('incompatible types for comparison');
    } else if (k1 === 'other' || k1 === 'invalid') {
      const aNil = a === null || a === undefined;
      const bNil = b === null || b === undefined;
      if (!aNil && !bNil) throw new FuncError(`non-comparable type ${formatValue(b)}: ${typeName(b)}`);
      truth = aNil === bNil;
    } else if (k1 === 'int' || k1 === 'float') {
      truth = numberValue(a) === numberValue(b);
    } else {
      truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  const basic = (k: BasicKind) => k !== 'other' && k !== 'invalid';
  if (!basic(k1) || !basic(k2)) throw new FuncError('invalid type for comparison');
  if (k1 !== k2) throw new FuncError('incompatible types for comparison');
  if (k1 === 'bool') throw new FuncError('invalid type for comparison');
  if (k1 === 'string') return compareCodePoints(a as string, b as string) < 0;
  return numberValue(a) < numberValue(b);
}

function indexArg(i: unknown, cap: number): number {
  if (kindOf(i) !== 'int') {
    throw new FuncError(i === undefined || i === null ? 'cannot index slice/array with nil' : `cannot index slice/array with type ${typeName(i)}`);
  }
  const x = numberValue(i);
  if (x < 0 || x >= cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError('index of untyped nil');
  for (const i of indexes) {
    if (item === null) throw new FuncError('index of nil pointer');
    switch (kindOf(item)) {
      case 'slice': {
        const a = item as unknown[];
        item = a[indexArg(i, a.length)];
        break;
      }
      case 'string': {
        const b = utf8(item as string);
        item = new GoNumber(b[indexArg(i, b.length)]!, 'int');
        break;
      }
      case 'map': {
        if (typeof i !== 'string') {
          throw new FuncError(i === undefined || i === null ? 'value is nil; should be of type string' : `value has type ${typeName(i)}; should be string`);
        }
        const o = item as Record<string, unknown>;
        // A missing key yields the element type's zero value: "" for string maps like Labels.
        item = o[i] !== undefined && Object.hasOwn(o, i) ? o[i] : mapZero(o);
        break;
      }
      default:
        throw new FuncError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function mapZero(o: Record<string, unknown>): unknown {
  return Object.values(o).every((v) => typeof v === 'string') ? '' : null;
}

function slice(item: unknown, ...idx: unknown[]): unknown {
  if (item === undefined || item === null) throw new FuncError('slice of untyped nil');
  if (idx.length > 3) throw new FuncError(`too many slice indexes: ${idx.length}`);
  const k = kindOf(item);
  if (k !== 'slice' && k !== 'string') throw new FuncError(`can't slice item of type ${typeName(item)}`);
  if (k === 'string' && idx.length === 3) throw new FuncError('cannot 3-index slice a string');
  const len = k === 'string' ? utf8(item as string).length : (item as unknown[]).length;
  const cap = len;
  const ix = [0, len];
  idx.forEach((v, n) => {
    ix[n] = indexArg(v, cap + 1);
  });
  const [i, j] = [ix[0]!, ix[1]!];
  if (i > j) throw new FuncError(`invalid slice index: ${i} > ${j}`);
  if (k === 'string') return utf8(item as string).subarray(i, j).toString('utf8');
  return (item as unknown[]).slice(i, j);
}

function length(v: unknown): GoNumber {
  switch (kindOf(v)) {
    case 'string': return int(utf8(v as string).length);
    case 'slice': return int((v as unknown[]).length);
    case 'map': return int(sortedKeys(v as Record<string, unknown>).length);
    case 'invalid': throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
    case 'nil': throw new FuncError('len of nil pointer');
    default: throw new FuncError(`len of type ${typeName(v)}`);
  }
}

/** Go's unicode.ToUpper/ToLower work rune by rune; multi-rune mappings (ß → SS) don't apply. */
function mapRunes(s: string, f: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = f(c);
    out += Array.from(m).length === 1 ? m : c;
  }
  return out;
}

/** strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSeparator(prev) ? mapRunes(c, (x) => x.toUpperCase()) : c;
    prev = c;
  }
  return out;
}

function isSeparator(c: string): boolean {
  if (/^[0-9A-Za-z_]$/.test(c)) return false;
  if (c.codePointAt(0)! < 0x80) return true;
  if (/^[\p{L}\p{Nd}]$/u.test(c)) return false;
  return /^\s$/u.test(c);
}

/** strings.Split, including Go's split-into-runes for an empty separator. */
function split(s: string, sep: string): string[] {
  if (sep === '') return Array.from(s);
  return s.split(sep);
}

/** docker's join: slices joined, maps by their sorted values, nil → "". */
function join(v: unknown, sep: string): string {
  switch (kindOf(v)) {
    case 'invalid': case 'nil': return '';
    case 'slice': return (v as unknown[]).map(formatValue).join(sep);
    case 'map': {
      const o = v as Record<string, unknown>;
      return sortedKeys(o).map((k) => formatValue(o[k])).sort(compareCodePoints).join(sep);
    }
    default: throw new FuncError(`wrong type for value; expected []string; got ${typeName(v)}`);
  }
}

function truncate(s: string, n: number): string {
  const b = utf8(s);
  return b.length < n ? s : b.subarray(0, Math.max(n, 0)).toString('utf8');
}

function padWithSpace(s: string, prefix: number, suffix: number): string {
  return s === '' ? s : ' '.repeat(Math.max(prefix, 0)) + s + ' '.repeat(Math.max(suffix, 0));
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) => ({ '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' })[c]!);
}

function jsEscape(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\\'"<>&=\x00-\x1f]/g, (c) => {
    if (c === '\\' || c === "'" || c === '"') return '\\' + c;
    return '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  });
}

function queryEscape(s: string): string {
  return Array.from(utf8(s))
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      return c === ' ' ? '+' : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    })
    .join('');
}

const f = (params: Param[], call: (args: unknown[]) => unknown, variadic?: Param): TemplateFunc =>
  variadic ? { params, variadic, call } : { params, call };

export const FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  // Go builtins
  ['and', f(['value'], (a) => a[a.length - 1], 'value')], // short-circuit handled by the executor
  ['or', f(['value'], (a) => a[a.length - 1], 'value')],
  ['not', f(['value'], ([v]) => !isTrue(v))],
  ['eq', f(['value'], ([a, ...r]) => eq(a, ...r), 'value')],
  ['ne', f(['value', 'value'], ([a, b]) => !eq(a, b))],
  ['lt', f(['value', 'value'], ([a, b]) => lt(a, b))],
  ['le', f(['value', 'value'], ([a, b]) => lt(a, b) || eq(a, b))],
  ['gt', f(['value', 'value'], ([a, b]) => !lt(a, b) && !eq(a, b))],
  ['ge', f(['value', 'value'], ([a, b]) => !lt(a, b))],
  ['index', f(['value'], ([item, ...ix]) => index(item, ...ix), 'value')],
  ['slice', f(['value'], ([item, ...ix]) => slice(item, ...ix), 'value')],
  ['len', f(['value'], ([v]) => length(v))],
  ['print', f([], (a) => sprint(a), 'any')],
  ['printf', f(['string'], ([fmt, ...a]) => sprintf(fmt as string, a), 'any')],
  ['println', f([], (a) => sprintln(a), 'any')],
  ['html', f([], (a) => htmlEscape(sprint(a)), 'any')],
  ['js', f([], (a) => jsEscape(sprint(a)), 'any')],
  ['urlquery', f([], (a) => queryEscape(sprint(a)), 'any')],
  // docker/cli templates.basicFunctions
  ['json', f(['any'], ([v]) => goJson(v))],
  ['split', f(['string', 'string'], ([s, sep]) => split(s as string, sep as string))],
  ['join', f(['value', 'string'], ([v, sep]) => join(v, sep as string))],
  ['title', f(['string'], ([s]) => title(s as string))],
  ['lower', f(['string'], ([s]) => mapRunes(s as string, (c) => c.toLowerCase()))],
  ['upper', f(['string'], ([s]) => mapRunes(s as string, (c) => c.toUpperCase()))],
  ['pad', f(['string', 'int', 'int'], ([s, a, b]) => padWithSpace(s as string, numberValue(a), numberValue(b)))],
  ['truncate', f(['string', 'int'], ([s, n]) => truncate(s as string, numberValue(n)))],
]);

/**
 * docker's HeaderFunctions: when a `table` format renders its header row the
 * column-changing functions become identities, so `{{upper .Name}}` heads its
 * column with the header text itself (pad is deliberately kept, for alignment).
 */
export const HEADER_FUNCS: ReadonlyMap<string, TemplateFunc> = new Map<string, TemplateFunc>([
  ...FUNCS,
  ['json', f(['string'], ([v]) => v)],
  ['split', f(['string', 'string'], ([v]) => v)],
  ['join', f(['string', 'string'], ([v]) => v)],
  ['title', f(['string'], ([v]) => v)],
  ['lower', f(['string'], ([v]) => v)],
  ['upper', f(['string'], ([v]) => v)],
  ['truncate', f(['string', 'int'], ([v]) => v)],
]);
