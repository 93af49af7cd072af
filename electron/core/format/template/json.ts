import { GoNumber, formatInt, isPlainObject, kindOf, numberValue } from './values';

/**
 * docker's `json` template function: encoding/json with SetEscapeHTML(false)
 * (so `<`, `>` and `&` stay as they are) and the encoder's trailing newline
 * trimmed. Object keys keep the order given, as Docker's typed structs do.
 * U+2028/U+2029 are still escaped and lone surrogates become U+FFFD, like Go.
 * Unencodable values (NaN, ±Inf) make Go's encoder fail, which docker prints as "".
 */
export function goJson(v: unknown): string {
  try {
    return encode(v);
  } catch {
    return '';
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodeString(s: string): string {
  return JSON.stringify(s.replace(LONE_SURROGATE, '\uFFFD')).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

function encode(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': case 'nil': return 'null';
    case 'string': return encodeString(v as string);
    case 'bool': return v ? 'true' : 'false';
    case 'int': return typeof v === 'bigint' ? v.toString() : formatInt(numberValue(v));
    case 'float': {
      const n = v instanceof GoNumber ? v.value : (v as number);
      if (!Number.isFinite(n)) throw new Error('unsupported value');
      return JSON.stringify(n);
    }
    case 'slice': return '[' + (v as unknown[]).map((e) => encode(e)).join(',') + ']';
    case 'map': {
      const o = v as Record<string, unknown>;
      const parts: string[] = [];
      for (const k of Object.keys(o)) if (o[k] !== undefined) parts.push(encodeString(k) + ':' + encode(o[k]));
      return '{' + parts.join(',') + '}';
    }
    default:
      if (v instanceof Date) return encodeString(v.toISOString());
      if (isPlainObject(v)) return encode(v);
      return encodeString(String(v));
  }
}
