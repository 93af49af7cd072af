import type {
  ActionNode, BranchNode, CommandNode, IfNode, ListNode, Node, NumberNode, PipeNode, RangeNode, VariableNode, WithNode,
} from './ast';
import { nodeString } from './ast';
import { goQuote } from './goquote';
import { KEYWORD_TYPES, lex } from './lexer';
import type { Item, ItemType } from './lexer';
import { unquoteChar, unquoteString } from './unquote';

/** Thrown for template syntax errors; the message is Go's, e.g. `template: :1: unexpected "}" in operand`. */
export class TemplateSyntaxError extends Error {}

interface ElseNode { type: 'else'; pos: number; line: number }
interface EndNode { type: 'end'; pos: number }
type Parsed = Node | ElseNode | EndNode;

function itemString(i: Item): string {
  if (i.typ === 'eof') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (KEYWORD_TYPES.has(i.typ)) return `<${i.val}>`;
  if (Buffer.byteLength(i.val) > 10) return goQuote(Array.from(i.val).slice(0, 10).join('')) + '...';
  return goQuote(i.val);
}

function parsedString(n: Parsed): string {
  if (n.type === 'else') return '{{else}}';
  if (n.type === 'end') return '{{end}}';
  return nodeString(n);
}

const OPERAND_START: ReadonlySet<ItemType> = new Set<ItemType>([
  'bool', 'charConstant', 'complex', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen',
]);

class Parser {
  private readonly items: Item[];
  private cursor = 0;
  private readonly token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private actionLine = 0;

  constructor(
    src: string,
    private readonly funcs: ReadonlySet<string>,
  ) {
    this.items = lex(src);
  }

  parse(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${parsedString(n)}`);
      root.nodes.push(n as Node);
    }
    return root;
  }

  // --- token stream (Go's three-token lookahead) ---

  private fromLexer(): Item {
    const item = this.items[Math.min(this.cursor, this.items.length - 1)]!;
    this.cursor++;
    return item;
  }

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.fromLexer();
    return this.token[this.peekCount]!;
  }

  private backup(): void {
    this.peekCount++;
  }

  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }

  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }

  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.fromLexer();
    return this.token[0];
  }

  private nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === 'space');
    return t;
  }

  private peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  // --- errors ---

  private errorf(msg: string): never {
    throw new TemplateSyntaxError(`template: :${this.token[0]?.line ?? 1}: ${msg}`);
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at :${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(token.val + extra);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private expect(expected: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }

  // --- grammar ---

  private itemList(): { list: ListNode; next: Parsed } {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== 'eof') {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return { list, next: n };
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Parsed {
    const token = this.nextNonSpace();
    if (token.typ === 'text') return { type: 'text', pos: token.pos, text: token.val };
    if (token.typ === 'leftDelim') {
      const saved = this.actionLine;
      this.actionLine = token.line;
      try {
        return this.action();
      } finally {
        this.actionLine = saved;
      }
    }
    this.unexpected(token, 'input');
  }

  private action(): Parsed {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'break': case 'continue': return this.loopControl(token);
      case 'else': return this.elseControl();
      case 'end': return { type: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if': return this.branch('if');
      case 'range': return this.branch('range');
      case 'with': return this.branch('with');
      case 'template': return this.templateControl();
      case 'block': case 'define':
        this.errorf(`{{${token.val}}} is not supported`);
    }
    this.backup();
    const t = this.peek();
    const action: ActionNode = { type: 'action', pos: t.pos, pipe: this.pipeline('command', 'rightDelim') };
    return action;
  }

  // {{template "name" pipeline}}: parsed like Go; only templates defined here could run, and none can be.
  private templateControl(): Node {
    const token = this.nextNonSpace();
    if (token.typ !== 'string' && token.typ !== 'rawString') this.unexpected(token, 'template clause');
    const name = unquoteString(token.val);
    if (name === null) this.errorf('invalid syntax');
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline('template clause', 'rightDelim');
    }
    return { type: 'template', pos: token.pos, name, pipe };
  }

  private loopControl(token: Item): Node {
    const name = token.typ as 'break' | 'continue';
    const t = this.nextNonSpace();
    if (t.typ !== 'rightDelim') this.unexpected(t, `{{${name}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${name}}} outside {{range}}`);
    return { type: name, pos: token.pos };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.typ === 'if' || peek.typ === 'with') return { type: 'else', pos: peek.pos, line: peek.line };
    const t = this.expect('rightDelim', 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private branch(context: 'if' | 'range' | 'with'): IfNode | RangeNode | WithNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      const body = this.itemList();
      const list = body.list;
      let next = body.next;
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if ((context === 'if' && this.peek().typ === 'if') || (context === 'with' && this.peek().typ === 'with')) {
          this.next();
          elseList = { type: 'list', pos: next.pos, nodes: [this.branch(context)] };
        } else {
          ({ list: elseList, next } = this.itemList());
          if (next.type !== 'end') this.errorf(`expected end; found ${parsedString(next)}`);
        }
      }
      const b: BranchNode = { pos: pipe.pos, pipe, list, elseList };
      return { type: context, ...b };
    } finally {
      this.vars.length = mark;
    }
  }

  private pipeline(context: string, end: ItemType): PipeNode {
    const pipe: PipeNode = { type: 'pipe', pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== 'variable') break;
      this.next();
      const after = this.peek();
      const nxt = this.peekNonSpace();
      if (nxt.typ === 'assign' || nxt.typ === 'declare') {
        pipe.isAssign = nxt.typ === 'assign';
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (nxt.typ === 'char' && nxt.val === ',') {
        this.nextNonSpace();
        pipe.decl.push(this.variable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === 'variable' || t === 'rightDelim' || t === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (after.typ === 'space') {
        this.backup3(v, after);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (!OPERAND_START.has(token.typ)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0]!.type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === 'space') continue;
      if (token.typ === 'rightDelim' || token.typ === 'rightParen') this.backup();
      else if (token.typ !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    const node = this.term();
    if (!node) return null;
    if (this.peek().typ !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
    switch (node.type) {
      case 'field': return { type: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable': return { type: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool': case 'string': case 'number': case 'nil': case 'dot':
        return this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
      default: return { type: 'chain', pos, node, field: fields };
    }
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case 'error': return this.errorf(token.val);
      case 'identifier':
        if (!this.funcs.has(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: 'identifier', pos: token.pos, ident: token.val };
      case 'dot': return { type: 'dot', pos: token.pos };
      case 'nil': return { type: 'nil', pos: token.pos };
      case 'variable': return this.useVar(token.pos, token.val);
      case 'field': return { type: 'field', pos: token.pos, ident: [token.val.slice(1)] };
      case 'bool': return { type: 'bool', pos: token.pos, value: token.val === 'true' };
      case 'charConstant': case 'complex': case 'number': return this.number(token);
      case 'leftParen': return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string': case 'rawString': {
        const text = unquoteString(token.val);
        if (text === null) this.errorf('invalid syntax');
        return { type: 'string', pos: token.pos, quoted: token.val, text };
      }
    }
    this.backup();
    return null;
  }

  private variable(pos: number, val: string): VariableNode {
    return { type: 'variable', pos, ident: val.split('.') };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.variable(pos, name);
    if (!this.vars.includes(v.ident[0]!)) this.errorf(`undefined variable ${goQuote(v.ident[0]!)}`);
    return v;
  }

  private number(token: Item): NumberNode {
    const text = token.val;
    if (token.typ === 'charConstant') {
      const r = unquoteChar(text);
      if (r === null) this.errorf(`malformed character constant: ${text}`);
      return { type: 'number', pos: token.pos, text, kind: 'int', value: r };
    }
    const value = parseGoNumber(text);
    if (token.typ === 'complex' || text.endsWith('i') || value === null) this.errorf(`illegal number syntax: ${goQuote(text)}`);
    const hexInt = /^[+-]?0[xX]/.test(text) && !/[pP]/.test(text);
    const kind = !hexInt && /[.eEpP]/.test(text) ? 'float' : 'int';
    return { type: 'number', pos: token.pos, text, kind, value };
  }
}

/** Go number literal (decimal, 0x, 0o, 0b, legacy octal, floats, `_` separators) → value, or null. */
export function parseGoNumber(text: string): number | null {
  const t = text.replace(/_/g, '');
  const m = /^([+-]?)(.*)$/.exec(t)!;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2]!;
  let v: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]?[0-7]+$/.test(body)) v = parseInt(body.replace(/^0[oO]?/, ''), 8);
  else if (/^0[bB][01]+$/.test(body)) v = parseInt(body.slice(2), 2);
  else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(body)) v = Number(body);
  else return null;
  return sign * v;
}

/** Parses a template; throws TemplateSyntaxError with Go's message. */
export function parse(src: string, funcs: ReadonlySet<string>): ListNode {
  return new Parser(src, funcs).parse();
}
