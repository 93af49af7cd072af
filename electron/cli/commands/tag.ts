import { parseAnyReference, parseNormalizedNamed } from '../../core/reference/index';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { ExitError } from '../errors';
import { goQuote } from '../../core/format/template/goquote';

/**
 * What Docker's client checks before it asks the daemon: both references parse,
 * and the target carries no digest. These errors are the client's own, so they
 * print without "Error response from daemon:".
 */
function checkTagArgs(source: string, target: string): void {
  parseOrExit(source, parseAnyReference);
  const ref = parseOrExit(target, parseNormalizedNamed);
  if (ref.digest) throw new ExitError(1, 'refusing to create a tag with a digest reference');
}

function parseOrExit<R>(input: string, parse: (s: string) => R): R {
  try {
    return parse(input);
  } catch (e) {
    const cause = e instanceof Error ? e.message : String(e);
    throw new ExitError(1, `error parsing reference: ${goQuote(input)} is not a valid repository/tag: ${cause}`);
  }
}

function tagCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    usage: `${command} SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]`,
    async run(ctx, argv) {
      const { positionals } = parseFlags(command, argv, {});
      requireArgs(command, positionals, { exactly: 2 });
      const [source, target] = positionals as [string, string];
      checkTagArgs(source, target);
      await ctx.call('images.tag', { ref: source, target });
      return 0;
    },
  };
}

export const tagCommands: Command[] = [tagCommand(['tag']), tagCommand(['image', 'tag'])];
