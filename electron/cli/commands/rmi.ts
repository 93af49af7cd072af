import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { daemonMessage } from '../daemon-errors';
import { ExitError } from '../errors';
import { recordLine } from '../format/records';

const FLAGS = {
  force: { type: 'boolean', short: 'f' },
  'no-prune': { type: 'boolean' },
} as const;

function rmiCommand(name: string[], aliases?: string[][]): Command {
  const command = name.join(' ');
  return {
    name,
    aliases,
    summary: 'Remove one or more images',
    usage: `${command} [OPTIONS] IMAGE [IMAGE...]`,
    help: [
      'Options:',
      '  -f, --force      Force removal of the image',
      '      --no-prune   Do not delete untagged parents',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { min: 1 });
      const force = values.force ?? false;
      const result = await ctx.call('images.remove', { refs: positionals, force, noPrune: values['no-prune'] ?? false });
      for (const record of result.records) ctx.out(`${recordLine(record)}\n`);
      if (result.failures.length === 0) return 0;
      const errors = result.failures.map((f) => daemonMessage(f.message)).join('\n');
      // With -f, images that do not exist are not worth failing for (Docker's rule).
      if (force && result.failures.every((f) => f.code === 'NOT_FOUND')) {
        ctx.err(`${errors}\n`);
        return 0;
      }
      throw new ExitError(1, errors);
    },
  };
}

export const rmiCommands: Command[] = [rmiCommand(['rmi']), rmiCommand(['image', 'rm'], [['image', 'remove']])];
