import { BerthError } from '../../../../shared/errors';
import type { ListNode } from './ast';
import { execute, TemplateExecError } from './exec';
import type { ExecOptions } from './exec';
import { FUNCS, HEADER_FUNCS } from './funcs';
import { parse, TemplateSyntaxError } from './parser';

/**
 * Go text/template, as docker's `--format` / `inspect -f` runs it: Go's syntax
 * and builtins plus docker's json/split/join/title/lower/upper/pad/truncate.
 * Errors carry docker's `template parsing error: ` prefix followed by Go's own
 * text, which docker prints for both parse and execution failures.
 */
export interface Template {
  readonly source: string;
  readonly root: ListNode;
}

export type { ExecOptions } from './exec';

export const TEMPLATE_ERROR_PREFIX = 'template parsing error: ';

const FUNC_NAMES: ReadonlySet<string> = new Set(FUNCS.keys());

function fail(e: unknown, phase: 'parse' | 'exec'): never {
  if (e instanceof TemplateSyntaxError || e instanceof TemplateExecError) {
    throw new BerthError('INVALID_ARGUMENT', TEMPLATE_ERROR_PREFIX + e.message, { phase, goError: e.message });
  }
  if (e instanceof RangeError) {
    // Deep nesting blew the JS stack; Go would have coped, we refuse cleanly.
    throw new BerthError('INVALID_ARGUMENT', TEMPLATE_ERROR_PREFIX + 'template: : nesting too deep', { phase });
  }
  throw e;
}

/** Parses a Go template; throws BerthError('INVALID_ARGUMENT') worded like docker. */
export function parseTemplate(src: string): Template {
  try {
    return { source: src, root: parse(src, FUNC_NAMES) };
  } catch (e) {
    return fail(e, 'parse');
  }
}

/** Executes a parsed template against JSON-shaped data. */
export function executeTemplate(t: Template, data: unknown, opts: ExecOptions = {}): string {
  try {
    return execute(t.source, t.root, data, FUNCS, opts);
  } catch (e) {
    return fail(e, 'exec');
  }
}

/** Executes with docker's header functions (table headers): json/upper/… pass their argument through. */
export function executeHeaderTemplate(t: Template, header: Record<string, string>): string {
  try {
    return execute(t.source, t.root, header, HEADER_FUNCS);
  } catch (e) {
    return fail(e, 'exec');
  }
}

export function renderTemplate(src: string, data: unknown, opts: ExecOptions = {}): string {
  return executeTemplate(parseTemplate(src), data, opts);
}

/**
 * `docker inspect -f`: docker first runs the template on its typed struct, and
 * only if that fails re-runs it on the raw JSON as maps with missingkey=error,
 * whose error is the one shown. So `{{.Config.Labels.nope}}` (a real Go map)
 * prints `<no value>` while `{{.Nope}}` fails with
 * `map has no entry for key "Nope"`. `isGoMap` tells which objects of `data`
 * are Go maps in Docker's types (Labels, GraphDriver.Data, ExposedPorts, …).
 */
export function renderInspect(src: string, data: unknown, isGoMap: (obj: object) => boolean = () => false): string {
  const t = parseTemplate(src);
  try {
    return execute(t.source, t.root, data, FUNCS, { isGoMap });
  } catch (e) {
    if (!(e instanceof TemplateExecError)) return fail(e, 'exec');
    return executeTemplate(t, data, { missingKey: 'error' });
  }
}
