import { paths, query, type JsonValue } from 'jsonpath-rfc9535';

export interface PathSearch {
  /** RFC 9535 normalized paths of the matches, e.g. `$['Config']['Cmd']`. */
  matches: string[];
  values: unknown[];
  /** Every ancestor of a match, so the tree can open down to it. */
  ancestors: ReadonlySet<string>;
  error: string | null;
}

const EMPTY: PathSearch = { matches: [], values: [], ancestors: new Set(), error: null };

/**
 * Runs an RFC 9535 JSONPath over the inspect document. `Config.Cmd` is read
 * as `$.Config.Cmd`, so the `$.` people forget is not an error.
 */
export function searchJson(doc: unknown, expression: string): PathSearch {
  const text = expression.trim();
  if (text === '') return EMPTY;
  const expr = text.startsWith('$') ? text : `$.${text}`;
  try {
    const matches = paths(doc as JsonValue, expr);
    const values = query(doc as JsonValue, expr);
    const ancestors = new Set<string>();
    for (const m of matches) for (const a of ancestorsOf(m)) ancestors.add(a);
    return { matches, values, ancestors, error: null };
  } catch (e) {
    return { ...EMPTY, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The normalized path of a tree node from its keys (what the library's `paths` prints). */
export function normalizedPath(keys: ReadonlyArray<string | number>): string {
  return `$${keys.map((k) => (typeof k === 'number' ? `[${k}]` : `['${escapeName(k)}']`)).join('')}`;
}

function escapeName(name: string): string {
  let out = '';
  for (const c of name) {
    const code = c.charCodeAt(0);
    out += c === '\\' || c === "'" ? `\\${c}` : code < 0x20 ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

/** `$['a']['b'][0]` -> `$`, `$['a']`, `$['a']['b']`. */
export function ancestorsOf(path: string): string[] {
  const segments = path.slice(1).match(/\[(?:'(?:\\.|[^'\\])*'|\d+)\]/g) ?? [];
  const out = ['$'];
  let acc = '$';
  for (const s of segments.slice(0, -1)) {
    acc += s;
    out.push(acc);
  }
  return out;
}
