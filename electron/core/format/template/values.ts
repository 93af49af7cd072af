import { formatFloat } from '../gofloat';

/**
 * How template values behave, modelled on what `docker inspect -f` sees:
 * JSON-shaped data where objects are Go maps (printed `map[k:v]`, keys
 * sorted), arrays are `[]interface {}` (printed `[a b]`), whole numbers are
 * int64 (Docker's typed fields such as .Size print `123456789`, not
 * `1.23456789e+08`) and other numbers float64. `undefined` is Go's invalid
 * value (missing map key → `<no value>`), `null` a nil interface (`<nil>`).
 * Numbers the template makes itself (literals, len, range indexes) are GoNumber
 * so they keep Go's `int`/`float64` types in comparisons and errors.
 */
export class GoNumber {
  constructor(
    readonly value: number,
    readonly type: 'int' | 'float64',
  ) {}
}

export type Kind = 'invalid' | 'nil' | 'string' | 'bool' | 'int' | 'float' | 'slice' | 'map' | 'other';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof GoNumber) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function kindOf(v: unknown): Kind {
  if (v === undefined) return 'invalid';
  if (v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof GoNumber) return v.type === 'int' ? 'int' : 'float';
  if (Array.isArray(v)) return 'slice';
  if (isPlainObject(v)) return 'map';
  return 'other';
}

export function numberValue(v: unknown): number {
  if (v instanceof GoNumber) return v.value;
  if (typeof v === 'bigint') return Number(v);
  return v as number;
}

/** Go's dynamic type name, as fmt's `%!d(T=v)` and comparison errors show it. */
export function typeName(v: unknown): string {
  if (v instanceof GoNumber) return v.type;
  switch (kindOf(v)) {
    case 'invalid': case 'nil': return 'interface {}';
    case 'string': return 'string';
    case 'bool': return 'bool';
    case 'int': return 'int64';
    case 'float': return 'float64';
    case 'slice': return '[]interface {}';
    case 'map': return 'map[string]interface {}';
    default: return 'interface {}';
  }
}

/** Map keys in Go's sorted order (byte-wise, which is code-point order). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(compareCodePoints);
}

export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

export function formatInt(v: number | bigint): string {
  if (typeof v === 'bigint') return v.toString();
  return Math.abs(v) < 1e21 ? v.toFixed(0) : BigInt(v).toString();
}

/** fmt's %v of a number. */
export function formatNumber(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  const n = numberValue(v);
  return kindOf(v) === 'int' ? formatInt(n) : formatFloat(n, 'g', -1);
}

/** fmt.Sprint of one value (%v). */
export function formatValue(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': return '<no value>';
    case 'nil': return '<nil>';
    case 'string': return v as string;
    case 'bool': return v ? 'true' : 'false';
    case 'int': case 'float': return formatNumber(v);
    case 'slice': return '[' + (v as unknown[]).map((e) => formatValue(e === undefined ? null : e)).join(' ') + ']';
    case 'map': {
      const o = v as Record<string, unknown>;
      return 'map[' + sortedKeys(o).map((k) => `${k}:${formatValue(o[k])}`).join(' ') + ']';
    }
    default: return v instanceof Date ? v.toISOString() : String(v);
  }
}

/** text/template's notion of truth: zero values and empty collections are false. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid': case 'nil': return false;
    case 'string': return (v as string).length > 0;
    case 'bool': return v as boolean;
    case 'int': case 'float': return numberValue(v) !== 0;
    case 'slice': return (v as unknown[]).length > 0;
    case 'map': return sortedKeys(v as Record<string, unknown>).length > 0;
    default: return true;
  }
}
