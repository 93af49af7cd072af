/** Parse tree of a Go text/template, mirroring text/template/parse's node kinds. */

export type Node =
  | TextNode | ActionNode | IfNode | RangeNode | WithNode | ListNode | BreakNode | ContinueNode
  | TemplateNode | PipeNode | CommandNode | FieldNode | VariableNode | ChainNode | IdentifierNode
  | DotNode | NilNode | BoolNode | NumberNode | StringNode;

export interface ListNode { type: 'list'; pos: number; nodes: Node[] }
export interface TextNode { type: 'text'; pos: number; text: string }
export interface ActionNode { type: 'action'; pos: number; pipe: PipeNode }
export interface BranchNode { pos: number; pipe: PipeNode; list: ListNode; elseList: ListNode | null }
export interface IfNode extends BranchNode { type: 'if' }
export interface WithNode extends BranchNode { type: 'with' }
export interface RangeNode extends BranchNode { type: 'range' }
export interface BreakNode { type: 'break'; pos: number }
export interface ContinueNode { type: 'continue'; pos: number }
export interface TemplateNode { type: 'template'; pos: number; name: string; pipe: PipeNode | null }
export interface PipeNode { type: 'pipe'; pos: number; isAssign: boolean; decl: VariableNode[]; cmds: CommandNode[] }
export interface CommandNode { type: 'command'; pos: number; args: Node[] }
export interface FieldNode { type: 'field'; pos: number; ident: string[] }
export interface VariableNode { type: 'variable'; pos: number; ident: string[] }
export interface ChainNode { type: 'chain'; pos: number; node: Node; field: string[] }
export interface IdentifierNode { type: 'identifier'; pos: number; ident: string }
export interface DotNode { type: 'dot'; pos: number }
export interface NilNode { type: 'nil'; pos: number }
export interface BoolNode { type: 'bool'; pos: number; value: boolean }
export interface NumberNode {
  type: 'number';
  pos: number;
  text: string;
  /** The value an interface{} argument receives: Go int or float64. */
  kind: 'int' | 'float';
  value: number;
}
export interface StringNode { type: 'string'; pos: number; quoted: string; text: string }

/** Go's Node.String(): how a node is quoted in `executing "" at <…>` errors. */
export function nodeString(n: Node): string {
  switch (n.type) {
    case 'text': return JSON.stringify(n.text);
    case 'action': return `{{${nodeString(n.pipe)}}}`;
    case 'if': case 'with': case 'range': {
      const head = `{{${n.type} ${nodeString(n.pipe)}}}${listString(n.list)}`;
      return n.elseList ? `${head}{{else}}${listString(n.elseList)}{{end}}` : `${head}{{end}}`;
    }
    case 'list': return listString(n);
    case 'break': return '{{break}}';
    case 'continue': return '{{continue}}';
    case 'template': return n.pipe ? `{{template ${JSON.stringify(n.name)} ${nodeString(n.pipe)}}}` : `{{template ${JSON.stringify(n.name)}}}`;
    case 'pipe': {
      let s = '';
      if (n.decl.length > 0) s = n.decl.map(nodeString).join(', ') + (n.isAssign ? ' = ' : ' := ');
      return s + n.cmds.map(nodeString).join(' | ');
    }
    case 'command': return n.args.map((a) => (a.type === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'field': return n.ident.map((id) => '.' + id).join('');
    case 'variable': return n.ident.join('.');
    case 'chain': {
      const base = n.node.type === 'pipe' ? `(${nodeString(n.node)})` : nodeString(n.node);
      return base + n.field.map((f) => '.' + f).join('');
    }
    case 'identifier': return n.ident;
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return n.value ? 'true' : 'false';
    case 'number': return n.text;
    case 'string': return n.quoted;
  }
}

function listString(l: ListNode): string {
  return l.nodes.map(nodeString).join('');
}
