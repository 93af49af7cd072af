import type {
  BranchNode, ChainNode, CommandNode, FieldNode, IdentifierNode, ListNode, Node, PipeNode, RangeNode, VariableNode,
} from './ast';
import { nodeString } from './ast';
import { FuncError } from './funcs';
import type { Param, TemplateFunc } from './funcs';
import { GoNumber, formatValue, isTrue, kindOf, sortedKeys, typeName } from './values';

/** Thrown for execution errors; the message is Go's `template: :1:2: executing "" at <.X>: …`. */
export class TemplateExecError extends Error {}

export interface ExecOptions {
  /**
   * Go's missingkey option. 'default' prints `<no value>` for a missing map
   * key; 'error' fails with `map has no entry for key "X"` (what docker's raw
   * inspect fallback uses).
   */
  missingKey?: 'default' | 'error';
  /**
   * Emulates docker's typed pass: when given, only objects it accepts are Go
   * maps (a missing key prints `<no value>`); a missing key on any other
   * object is an error, as an unknown field of a Go struct is.
   */
  isGoMap?: (obj: object) => boolean;
}

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');
const MISSING = Symbol('missing'); // "no final argument" in a pipeline

/**
 * A value plus whether Go would see it through an `interface {}` (anything
 * read out of a map or slice). That only shows in error texts:
 * `can't evaluate field X in type interface {}` versus `… in type string`.
 */
interface Boxed {
  v: unknown;
  boxed: boolean;
}

const MAX_STEPS = 5_000_000;
/**
 * Characters one execution may print, and the longest string a function may
 * return: Go has no such bound, but a template from the renderer must not be
 * able to fill the main process's memory (`{{range 1000000}}{{printf "%1000000d" 1}}{{end}}`).
 */
export const MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

class State {
  private vars: { name: string; value: unknown }[] = [];
  private node: Node | null = null;
  private out: string[] = [];
  private outChars = 0;
  private steps = 0;

  constructor(
    private readonly src: string,
    private readonly funcs: ReadonlyMap<string, TemplateFunc>,
    private readonly opts: ExecOptions,
  ) {}

  run(root: ListNode, data: unknown): string {
    const dot = data === null ? undefined : data;
    this.vars.push({ name: '$', value: dot });
    this.walk({ v: dot, boxed: false }, root);
    return this.out.join('');
  }

  // --- errors ---

  private at(n: Node): void {
    this.node = n;
    if (++this.steps > MAX_STEPS) this.errorf('template execution exceeded its step budget');
  }

  private print(text: string): void {
    this.outChars += text.length;
    if (this.outChars > MAX_OUTPUT_CHARS) this.errorf(`template output exceeds ${MAX_OUTPUT_CHARS} characters`);
    this.out.push(text);
  }

  private errorf(msg: string): never {
    if (!this.node) throw new TemplateExecError(`template: : ${msg}`);
    const before = this.src.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = Buffer.byteLength(nl === -1 ? before : before.slice(nl + 1));
    throw new TemplateExecError(`template: :${line}:${col}: executing "" at <${nodeString(this.node)}>: ${msg}`);
  }

  // --- variables ---

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: unknown): void {
    this.vars[this.vars.length - n]!.value = value;
  }

  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.errorf(`undefined variable: ${name}`);
  }

  // --- statements ---

  private walk(dot: Boxed, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.print(formatValue(val));
        }
        return;
      }
      case 'break': throw BREAK;
      case 'continue': throw CONTINUE;
      case 'if': case 'with': return this.walkIfOrWith(node.type, dot, node);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range': return this.walkRange(dot, node);
      case 'text':
        this.print(node.text);
        return;
      case 'template':
        return this.errorf(`template ${JSON.stringify(node.name)} not defined`);
      default:
        this.errorf(`unknown node: ${nodeString(node)}`);
    }
  }

  private walkIfOrWith(type: 'if' | 'with', dot: Boxed, b: BranchNode): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, b.pipe);
      if (isTrue(val)) this.walk(type === 'with' ? { v: val, boxed: false } : dot, b.list);
      else if (b.elseList) this.walk(dot, b.elseList);
    } finally {
      this.pop(mark);
    }
  }

  private walkRange(dot: Boxed, r: RangeNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const one = (index: unknown, elem: unknown, boxed: boolean): boolean => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) this.setVar(decl[0]!.ident[0]!, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk({ v: elem, boxed }, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      const kind = kindOf(val);
      let ran = false;
      if (kind === 'slice') {
        const a = val as unknown[];
        for (let i = 0; i < a.length; i++) {
          ran = true;
          if (!one(new GoNumber(i, 'int'), a[i] === undefined ? null : a[i], true)) break;
        }
      } else if (kind === 'map') {
        const o = val as Record<string, unknown>;
        for (const k of sortedKeys(o)) {
          ran = true;
          if (!one(k, o[k], true)) break;
        }
      } else if (kind === 'int' && val instanceof GoNumber) {
        if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
        for (let i = 0; i < val.value; i++) {
          ran = true;
          if (!one(new GoNumber(i, 'int'), new GoNumber(i, 'int'), false)) break;
        }
      } else if (kind !== 'invalid') {
        this.errorf(`range can't iterate over ${formatValue(val)}`);
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  // --- expressions ---

  private evalPipeline(dot: Boxed, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // Go unwraps interface{} results here, which turns a nil interface into "no value".
      if (value === null) value = undefined;
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0]!, value);
      else this.vars.push({ name: v.ident[0]!, value });
    }
    return value;
  }

  private notAFunction(args: Node[], final: unknown): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: Boxed, cmd: CommandNode, final: unknown): unknown {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final).v;
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final).v;
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final).v;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot.v;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return new GoNumber(first.value, first.kind === 'int' ? 'int' : 'float64');
      case 'string': return first.text;
    }
    this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private evalFieldNode(dot: Boxed, field: FieldNode, args: Node[], final: unknown): Boxed {
    this.at(field);
    return this.evalFieldChain(dot, dot, field.ident, args, final);
  }

  private evalChainNode(dot: Boxed, chain: ChainNode, args: Node[], final: unknown): Boxed {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const recv = this.evalArg(dot, 'value', chain.node);
    return this.evalFieldChain(dot, { v: recv, boxed: false }, chain.field, args, final);
  }

  private evalVariableNode(dot: Boxed, v: VariableNode, args: Node[], final: unknown): Boxed {
    this.at(v);
    const value = this.varValue(v.ident[0]!);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return { v: value, boxed: false };
    }
    return this.evalFieldChain(dot, { v: value, boxed: false }, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Boxed, recv: Boxed, ident: string[], args: Node[], final: unknown): Boxed {
    for (let i = 0; i < ident.length - 1; i++) recv = this.evalField(ident[i]!, [], MISSING, recv);
    return this.evalField(ident[ident.length - 1]!, args, final, recv);
  }

  private evalField(name: string, args: Node[], final: unknown, recv: Boxed): Boxed {
    const r = recv.v;
    if (r === undefined) {
      if (this.opts.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return { v: undefined, boxed: false };
    }
    const staticType = recv.boxed ? 'interface {}' : typeName(r);
    if (r === null) this.errorf(`nil pointer evaluating ${staticType}.${name}`);
    if (kindOf(r) === 'map') {
      if (args.length > 1 || final !== MISSING) this.errorf(`${name} is not a method but has arguments`);
      const o = r as Record<string, unknown>;
      if (Object.hasOwn(o, name) && o[name] !== undefined) return { v: o[name], boxed: true };
      if (this.opts.missingKey === 'error') this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      if (this.opts.isGoMap && !this.opts.isGoMap(o)) this.errorf(`can't evaluate field ${name} in type ${staticType}`);
      return { v: undefined, boxed: false };
    }
    this.errorf(`can't evaluate field ${name} in type ${staticType}`);
  }

  private evalFunction(dot: Boxed, node: IdentifierNode, cmd: CommandNode, args: Node[], final: unknown): unknown {
    this.at(node);
    const name = node.ident;
    const fn = this.funcs.get(name);
    if (!fn) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    const given = args.slice(1);
    const numIn = given.length + (final !== MISSING ? 1 : 0);
    const fixed = fn.params.length;
    if (fn.variadic ? numIn < fixed : numIn !== fixed) {
      const want = fn.variadic ? `at least ${fixed}` : String(fixed);
      this.errorf(`wrong number of args for ${name}: want ${want} got ${numIn}`);
    }
    const paramAt = (i: number): Param => (i < fixed ? fn.params[i]! : fn.variadic!);
    if (name === 'and' || name === 'or') {
      let v: unknown;
      for (const a of given) {
        v = this.evalArg(dot, 'value', a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv = given.map((a, i) => this.evalArg(dot, paramAt(i), a));
    if (final !== MISSING) argv.push(this.validateType(final, paramAt(given.length)));
    try {
      const result = fn.call(argv);
      if (typeof result === 'string' && result.length > MAX_OUTPUT_CHARS) {
        throw new FuncError(`result exceeds ${MAX_OUTPUT_CHARS} characters`);
      }
      return result;
    } catch (e) {
      // A string or array too long for JS (pad "x" 2000000000 0) is the same refusal as one over budget.
      const tooLong = e instanceof RangeError && /Invalid (string|array) length/.test(e.message);
      if (!(e instanceof FuncError) && !tooLong) throw e;
      this.at(cmd);
      this.errorf(`error calling ${name}: ${tooLong ? `result exceeds ${MAX_OUTPUT_CHARS} characters` : e.message}`);
    }
  }

  private evalArg(dot: Boxed, param: Param, n: Node): unknown {
    this.at(n);
    switch (n.type) {
      case 'dot': return this.validateType(dot.v, param);
      case 'nil':
        if (param === 'value' || param === 'any') return null;
        return this.errorf(`cannot assign nil to ${param}`);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING).v, param);
      case 'variable': return this.validateType(this.evalVariableNode(dot, n, [], MISSING).v, param);
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), param);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, { type: 'command', pos: n.pos, args: [n] }, [n], MISSING), param);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, [], MISSING).v, param);
    }
    switch (param) {
      case 'string':
        if (n.type === 'string') return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case 'int':
        if (n.type === 'number' && Number.isInteger(n.value)) return new GoNumber(n.value, 'int');
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      default:
        switch (n.type) {
          case 'bool': return n.value;
          case 'string': return n.text;
          case 'number': return new GoNumber(n.value, n.kind === 'int' ? 'int' : 'float64');
        }
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${param}`);
  }

  /** Go's validateType: may the value be passed where `param` is expected? */
  private validateType(v: unknown, param: Param): unknown {
    if (param === 'value') return v;
    if (v === undefined) {
      if (param === 'any') return null;
      this.errorf(`invalid value; expected ${param}`);
    }
    if (param === 'any') return v;
    if (param === 'string' && typeof v === 'string') return v;
    if (param === 'int' && v instanceof GoNumber && v.type === 'int') return v;
    this.errorf(`wrong type for value; expected ${param}; got ${v === null ? 'interface {}' : typeName(v)}`);
  }
}

/** Runs a parsed template over data; throws TemplateExecError with Go's message. */
export function execute(
  src: string,
  root: ListNode,
  data: unknown,
  funcs: ReadonlyMap<string, TemplateFunc>,
  opts: ExecOptions = {},
): string {
  return new State(src, funcs, opts).run(root, data);
}
