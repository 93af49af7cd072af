import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { ExitError, UsageError } from '../errors';
import { requireEngine } from '../host';
import { parseNameArg } from '../reference-arg';

const FLAGS = {
  author: { type: 'string', short: 'a' },
  change: { type: 'string', short: 'c', multiple: true },
  message: { type: 'string', short: 'm' },
  'no-pause': { type: 'boolean' },
  pause: { type: 'boolean', short: 'p' },
} as const;

/** What Docker's client checks before it asks: the name parses and carries no digest. */
function checkReference(reference: string): void {
  if (parseNameArg(reference).digest) throw new ExitError(1, 'refusing to create a tag with a digest reference');
}

/** -p/--pause (default true) and Docker 29's --no-pause; naming both is a conflict. */
function pauseOf(values: { pause?: boolean; 'no-pause'?: boolean }, command: string): boolean {
  if (values.pause !== undefined && values['no-pause'] !== undefined) {
    throw new UsageError('conflicting options: --no-pause and --pause cannot be used together', command);
  }
  return values.pause ?? !values['no-pause'];
}

function commitCommand(name: string[], aliases?: string[][]): Command {
  const command = name.join(' ');
  return {
    name,
    aliases,
    summary: "Create a new image from a container's changes",
    usage: `${command} [OPTIONS] CONTAINER [REPOSITORY[:TAG]]`,
    help: [
      'Options:',
      '  -a, --author string    Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")',
      '  -c, --change list      Apply Dockerfile instruction to the created image',
      '  -m, --message string   Commit message',
      '      --no-pause         Disable pausing container during commit',
      '  -p, --pause            Pause container during commit (default true)',
      '',
      "Needs an engine (-H): containers live in Docker or Podman. Find one with 'berth -H URL ps -a'.",
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { min: 1, max: 2 });
      const pause = pauseOf(values, command);
      const [container, reference] = positionals as [string, string | undefined];
      if (reference !== undefined) checkReference(reference);
      requireEngine(ctx.source, command);
      const result = await ctx.call('containers.commit', {
        source: ctx.source,
        container,
        ...(reference !== undefined ? { reference } : {}),
        ...(values.author !== undefined ? { author: values.author } : {}),
        ...(values.message !== undefined ? { message: values.message } : {}),
        changes: values.change ?? [],
        pause,
      });
      ctx.out(`${result.id}\n`);
      return 0;
    },
  };
}

// `container commit` is an alias: its name would not fit the command column of `berth --help`.
export const commitCommands: Command[] = [commitCommand(['commit'], [['container', 'commit']])];
