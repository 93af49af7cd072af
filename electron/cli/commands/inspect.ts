import { BerthError, type InspectDoc } from '../../../shared/index';
import { TEMPLATE_ERROR_PREFIX } from '../../core/format/template/index';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { parseFlags, requireArgs } from '../args';
import { daemonMessage } from '../daemon-errors';
import { ExitError } from '../errors';
import { parseFormat } from '../format/template';

/** JSON as the daemon sends it: U+2028/U+2029 escaped, as Go's encoder does. */
function goJsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
}

/** Docker prints template failures as they are and everything else from the daemon with its prefix. */
function errorText(e: unknown): string {
  if (!(e instanceof BerthError)) throw e;
  return e.message.startsWith(TEMPLATE_ERROR_PREFIX) ? e.message : daemonMessage(e.message);
}

interface Collected<T> {
  found: T[];
  errors: string[];
}

/** Looks every argument up, even after a failure; Docker reports the errors together at the end. */
async function collect<T>(refs: string[], lookup: (ref: string) => Promise<T>): Promise<Collected<T>> {
  const result: Collected<T> = { found: [], errors: [] };
  for (const ref of refs) {
    try {
      result.found.push(await lookup(ref));
    } catch (e) {
      result.errors.push(errorText(e));
    }
  }
  return result;
}

/**
 * `-f TEMPLATE`: one line per image, a lone newline if nothing came out. The
 * core renders it (Docker's typed-then-raw execution lives there, shared with
 * the GUI); the template is parsed here first so a bad one fails before any
 * lookup, with status 64.
 */
async function inspectWithTemplate(ctx: CliContext, refs: string[], template: string): Promise<Collected<string>> {
  parseFormat(template, (message) => new ExitError(64, `template parsing error: ${message}`));
  const result = await collect(refs, async (ref) => (await ctx.call('images.format', { ref, template })).output);
  ctx.out(result.found.length === 0 ? '\n' : result.found.map((line) => `${line}\n`).join(''));
  return result;
}

/** No format: a JSON array indented by 4 spaces; `json`: the same, compact. */
async function inspectAsJson(ctx: CliContext, refs: string[], compact: boolean): Promise<Collected<InspectDoc>> {
  const result = await collect(refs, (ref) => ctx.call('images.inspect', { ref }));
  ctx.out(result.found.length === 0 ? '[]\n' : `${goJsonText(result.found, compact ? undefined : 4)}\n`);
  return result;
}

function inspectCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Display detailed information on one or more images',
    usage: `${command} [OPTIONS] IMAGE [IMAGE...]`,
    help: [
      'Options:',
      '  -f, --format string   Format output using a custom template:',
      "                        'json':             Print in JSON format",
      "                        'TEMPLATE':         Print output using the given Go template.",
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, { format: { type: 'string', short: 'f' } });
      requireArgs(command, positionals, { min: 1 });
      const format = values.format ?? '';
      const { errors } =
        format === '' || format === 'json'
          ? await inspectAsJson(ctx, positionals, format === 'json')
          : await inspectWithTemplate(ctx, positionals, format);
      if (errors.length > 0) throw new ExitError(1, errors.join('\n'));
      return 0;
    },
  };
}

export const inspectCommands: Command[] = [inspectCommand(['inspect']), inspectCommand(['image', 'inspect'])];
