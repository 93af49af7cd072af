/**
 * Tokenizer for Go text/template syntax (current Go: trim markers, comments,
 * newlines inside actions, `=` assignment, break/continue). Error texts are
 * Go's, since users see them behind `template parsing error:`.
 */
import { goQuote, goRuneU } from './goquote';

export type ItemType =
  | 'error' | 'bool' | 'char' | 'charConstant' | 'complex' | 'assign' | 'declare' | 'eof'
  | 'field' | 'identifier' | 'leftDelim' | 'leftParen' | 'number' | 'pipe' | 'rawString'
  | 'rightDelim' | 'rightParen' | 'space' | 'string' | 'text' | 'variable'
  // keywords
  | 'block' | 'break' | 'continue' | 'dot' | 'define' | 'else' | 'end' | 'if' | 'nil'
  | 'range' | 'template' | 'with';

export interface Item {
  typ: ItemType;
  pos: number; // UTF-16 index into the source
  val: string;
  line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  '.': 'dot', block: 'block', break: 'break', continue: 'continue', define: 'define', else: 'else',
  end: 'end', if: 'if', range: 'range', nil: 'nil', template: 'template', with: 'with',
};
export const KEYWORD_TYPES: ReadonlySet<ItemType> = new Set(Object.values(KEYWORDS));

const LEFT = '{{';
const RIGHT = '}}';
const EOF = '';

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string) => c !== EOF && /^[_\p{L}\p{Nd}]$/u.test(c);

class Lexer {
  private pos = 0;
  private start = 0;
  private parenDepth = 0;
  private lineMemo = { pos: 0, line: 1 };
  readonly items: Item[] = [];

  constructor(private readonly input: string) {}

  run(): Item[] {
    let state: (() => unknown) | null = this.lexText;
    while (state) state = state.call(this) as (() => unknown) | null;
    return this.items;
  }

  /** Line of `pos`; items arrive in order, so counting on from the last answer keeps lexing linear. */
  private lineAt(pos: number): number {
    if (pos < this.lineMemo.pos) this.lineMemo = { pos: 0, line: 1 };
    let { line } = this.lineMemo;
    for (let i = this.input.indexOf('\n', this.lineMemo.pos); i !== -1 && i < pos; i = this.input.indexOf('\n', i + 1)) line++;
    this.lineMemo = { pos, line };
    return line;
  }

  private next(): string {
    if (this.pos >= this.input.length) return EOF;
    const cp = this.input.codePointAt(this.pos)!;
    const c = String.fromCodePoint(cp);
    this.pos += c.length;
    return c;
  }

  private lastWidth(c: string): number {
    return c.length;
  }

  private peek(): string {
    if (this.pos >= this.input.length) return EOF;
    return String.fromCodePoint(this.input.codePointAt(this.pos)!);
  }

  private emit(typ: ItemType): void {
    this.items.push({ typ, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.lineAt(this.start) });
    this.start = this.pos;
  }

  private errorf(msg: string): null {
    this.items.push({ typ: 'error', pos: this.start, val: msg, line: this.lineAt(this.start) });
    return null;
  }

  private accept(valid: string): boolean {
    const c = this.peek();
    if (c !== EOF && valid.includes(c)) {
      this.pos += c.length;
      return true;
    }
    return false;
  }

  private acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  private rest(at = this.pos): string {
    return this.input.slice(at);
  }

  private static hasLeftTrim(s: string): boolean {
    return s.length >= 2 && s[0] === '-' && isSpace(s[1]!);
  }

  private static hasRightTrim(s: string): boolean {
    return s.length >= 2 && isSpace(s[0]!) && s[1] === '-';
  }

  private atRightDelim(): { delim: boolean; trim: boolean } {
    if (Lexer.hasRightTrim(this.rest()) && this.rest(this.pos + 2).startsWith(RIGHT)) return { delim: true, trim: true };
    if (this.rest().startsWith(RIGHT)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  }

  private lexText(): (() => unknown) | null {
    const x = this.input.indexOf(LEFT, this.pos);
    if (x >= 0) {
      if (x > this.pos) {
        this.pos = x;
        let trim = 0;
        if (Lexer.hasLeftTrim(this.rest(x + LEFT.length))) {
          // A loop, not /\s+$/: that regexp retries every start in a long run of spaces (quadratic).
          while (this.pos - trim > this.start && isSpace(this.input[this.pos - trim - 1]!)) trim++;
        }
        this.pos -= trim;
        if (this.pos > this.start) this.emit('text');
        this.pos += trim;
        this.start = this.pos;
      }
      return this.lexLeftDelim;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) this.emit('text');
    this.emit('eof');
    return null;
  }

  private lexLeftDelim(): (() => unknown) | null {
    this.pos += LEFT.length;
    const trim = Lexer.hasLeftTrim(this.rest());
    const after = trim ? 2 : 0;
    if (this.rest(this.pos + after).startsWith('/*')) {
      this.pos += after;
      this.start = this.pos;
      return this.lexComment;
    }
    this.emit('leftDelim');
    this.pos += after;
    this.start = this.pos;
    this.parenDepth = 0;
    return this.lexInsideAction;
  }

  private lexComment(): (() => unknown) | null {
    this.pos += 2;
    const x = this.input.indexOf('*/', this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos = x + 2;
    const { delim, trim } = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    if (trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (trim) this.skipLeadingSpace();
    this.start = this.pos;
    return this.lexText;
  }

  private skipLeadingSpace(): void {
    while (this.pos < this.input.length && isSpace(this.input[this.pos]!)) this.pos++;
  }

  private lexRightDelim(): (() => unknown) | null {
    const { trim } = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.start = this.pos;
    }
    this.pos += RIGHT.length;
    this.emit('rightDelim');
    if (trim) {
      this.skipLeadingSpace();
      this.start = this.pos;
    }
    return this.lexText;
  }

  private lexInsideAction(): (() => unknown) | null {
    if (this.atRightDelim().delim) {
      if (this.parenDepth === 0) return this.lexRightDelim;
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.pos -= r.length;
      return this.lexSpace;
    }
    switch (r) {
      case '=':
        this.emit('assign');
        return this.lexInsideAction;
      case ':':
        if (this.next() !== '=') return this.errorf('expected :=');
        this.emit('declare');
        return this.lexInsideAction;
      case '|':
        this.emit('pipe');
        return this.lexInsideAction;
      case '"':
        return this.lexQuote;
      case '`':
        return this.lexRawQuote;
      case '$':
        return this.lexVariable;
      case "'":
        return this.lexChar;
      case '(':
        this.emit('leftParen');
        this.parenDepth++;
        return this.lexInsideAction;
      case ')':
        if (this.parenDepth === 0) return this.errorf('unexpected right paren');
        this.parenDepth--;
        this.emit('rightParen');
        return this.lexInsideAction;
    }
    if (r === '.') {
      if (this.pos < this.input.length) {
        const c = this.input[this.pos]!;
        if (c < '0' || c > '9') return this.lexField;
      }
    }
    if (r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9')) {
      this.pos -= 1;
      return this.lexNumber;
    }
    if (isAlphaNumeric(r)) {
      this.pos -= this.lastWidth(r);
      return this.lexIdentifier;
    }
    const cp = r.codePointAt(0)!;
    if (cp >= 0x20 && cp < 0x7f) {
      this.emit('char');
      return this.lexInsideAction;
    }
    return this.errorf(`unrecognized character in action: ${goRuneU(r)}`);
  }

  private lexSpace(): (() => unknown) | null {
    let numSpaces = 0;
    while (isSpace(this.peek())) {
      this.pos++;
      numSpaces++;
    }
    // A " -}}" after the spaces belongs to the right delimiter.
    if (Lexer.hasRightTrim(this.rest(this.pos - 1)) && this.rest(this.pos + 1).startsWith(RIGHT)) {
      this.pos--;
      if (numSpaces === 1) return this.lexRightDelim;
    }
    this.emit('space');
    return this.lexInsideAction;
  }

  private lexIdentifier(): (() => unknown) | null {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.pos -= r.length;
      const word = this.input.slice(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${goRuneU(r)}`);
      const kw = KEYWORDS[word];
      if (kw && kw !== 'dot') this.emit(kw);
      else if (word.startsWith('.')) this.emit('field');
      else if (word === 'true' || word === 'false') this.emit('bool');
      else this.emit('identifier');
      return this.lexInsideAction;
    }
  }

  private lexField(): (() => unknown) | null {
    return this.lexFieldOrVariable('field');
  }

  private lexVariable(): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit('variable');
      return this.lexInsideAction;
    }
    return this.lexFieldOrVariable('variable');
  }

  private lexFieldOrVariable(typ: 'field' | 'variable'): (() => unknown) | null {
    if (this.atTerminator()) {
      this.emit(typ === 'variable' ? 'variable' : 'dot');
      return this.lexInsideAction;
    }
    let r: string;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.pos -= r.length;
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${goRuneU(r)}`);
    this.emit(typ);
    return this.lexInsideAction;
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (r === EOF || isSpace(r)) return true;
    if ('.,|:)(='.includes(r)) return true;
    return this.rest().startsWith(RIGHT);
  }

  private lexChar(): (() => unknown) | null {
    for (;;) {
      let c = this.next();
      if (c === '\\') {
        c = this.next();
        if (c !== EOF && c !== '\n') continue;
      }
      if (c === EOF || c === '\n') return this.errorf('unterminated character constant');
      if (c === "'") break;
    }
    this.emit('charConstant');
    return this.lexInsideAction;
  }

  private lexNumber(): (() => unknown) | null {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === '+' || sign === '-') {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 'i') {
        return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      }
      this.emit('complex');
    } else {
      this.emit('number');
    }
    return this.lexInsideAction;
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  private lexQuote(): (() => unknown) | null {
    for (;;) {
      let c = this.next();
      if (c === '\\') {
        c = this.next();
        if (c !== EOF && c !== '\n') continue;
      }
      if (c === EOF || c === '\n') return this.errorf('unterminated quoted string');
      if (c === '"') break;
    }
    this.emit('string');
    return this.lexInsideAction;
  }

  private lexRawQuote(): (() => unknown) | null {
    const end = this.input.indexOf('`', this.pos);
    if (end < 0) return this.errorf('unterminated raw quoted string');
    this.pos = end + 1;
    this.emit('rawString');
    return this.lexInsideAction;
  }
}

/** Splits a template into Go's lexical items, ending with an `eof` or `error` item. */
export function lex(input: string): Item[] {
  return new Lexer(input).run();
}
