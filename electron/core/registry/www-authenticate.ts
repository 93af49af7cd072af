/**
 * Parser for the WWW-Authenticate header (RFC 7235): several challenges may
 * share one header, parameter values may be tokens or quoted strings with
 * backslash escapes, and quoted values may contain commas.
 */
export interface Challenge {
  /** Lower-cased scheme, e.g. "bearer" or "basic". */
  scheme: string;
  /** Parameter names lower-cased; values unescaped. */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

class Scanner {
  pos = 0;
  constructor(readonly s: string) {}
  done(): boolean {
    return this.pos >= this.s.length;
  }
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  skipSeparators(): void {
    while (this.peek() === ',' || this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done() && TOKEN_CHAR.test(this.peek())) this.pos++;
    return this.s.slice(start, this.pos);
  }
  /** A token68 value (base64-ish, may end in '='); only used after a scheme. */
  token68(): string {
    const start = this.pos;
    while (!this.done() && /[A-Za-z0-9\-._~+/]/.test(this.peek())) this.pos++;
    while (this.peek() === '=') this.pos++;
    return this.s.slice(start, this.pos);
  }
  quoted(): string {
    this.pos++; // opening quote
    let out = '';
    while (!this.done()) {
      const c = this.s[this.pos++] as string;
      if (c === '"') return out;
      if (c === '\\' && !this.done()) out += this.s[this.pos++];
      else out += c;
    }
    return out; // unterminated: take what is there
  }
}

/** Looks ahead: is the text at pos a `name=` parameter (as opposed to a new scheme)? */
function atParam(sc: Scanner): boolean {
  const save = sc.pos;
  const name = sc.token();
  sc.skipSpace();
  let isParam = name !== '' && sc.peek() === '=';
  if (isParam) {
    // "abc123==" or "abc=" (then end or comma) is token68 padding, not name=value.
    sc.pos++;
    sc.skipSpace();
    isParam = !sc.done() && sc.peek() !== '=' && sc.peek() !== ',';
  }
  sc.pos = save;
  return isParam;
}

function parseParams(sc: Scanner, params: Record<string, string>): void {
  for (;;) {
    sc.skipSeparators();
    if (sc.done() || !atParam(sc)) return;
    const name = sc.token().toLowerCase();
    sc.skipSpace();
    sc.pos++; // '='
    sc.skipSpace();
    params[name] = sc.peek() === '"' ? sc.quoted() : sc.token();
  }
}

export function parseWwwAuthenticate(header: string | readonly string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  if (typeof header !== 'string') return header.flatMap((h) => parseWwwAuthenticate(h));
  const sc = new Scanner(header);
  const out: Challenge[] = [];
  for (;;) {
    sc.skipSeparators();
    if (sc.done()) return out;
    const scheme = sc.token();
    if (scheme === '') {
      sc.pos++; // junk character: skip it rather than loop forever
      continue;
    }
    // No prototype: a parameter named __proto__ is kept like any other instead of vanishing.
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: Object.create(null) as Record<string, string> };
    sc.skipSpace();
    if (!sc.done() && sc.peek() !== ',' && !atParam(sc)) sc.token68();
    parseParams(sc, challenge.params);
    out.push(challenge);
  }
}
