import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { ExitError, UsageError } from '../errors';
import { canonicalSource } from '../host';
import { CopyOutput } from '../progress/copy-output';
import { finished } from './save';

const FLAGS = {
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** A --from/--to value as the core names sources; a bad one reads like pflag's bad flag value. */
async function sourceFlag(flag: 'from' | 'to', value: string, command: string): Promise<string> {
  try {
    return await canonicalSource(value);
  } catch (e) {
    throw new UsageError(`invalid argument "${value}" for "--${flag}" flag: ${e instanceof Error ? e.message : String(e)}`, command);
  }
}

function copyCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Copy images between sources (the embedded store, Docker and Podman engines)',
    usage: `${command} [--from SOURCE] --to SOURCE IMAGE [IMAGE...]`,
    help: [
      'Options:',
      '      --from string   Source to copy from: "embedded" or an engine URL (default: the -H source)',
      '      --to string     Source to copy to: "embedded" or an engine URL (required)',
      '',
      'SOURCE is "embedded" (Berth\'s store) or an engine: unix:///path/to/socket or',
      "tcp://127.0.0.1:PORT. 'berth source ls' lists them. The images travel as a",
      'docker-archive and keep their IDs.',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { min: 1 });
      if (values.to === undefined) throw new UsageError('required flag(s) "to" not set', command);
      const to = await sourceFlag('to', values.to, command);
      const from = values.from === undefined ? ctx.source : await sourceFlag('from', values.from, command);
      if (from === to) throw new ExitError(1, `nothing to copy: --from and --to are both ${from}`);
      const stdout = ctx.io.stdout;
      const output = new CopyOutput(stdout, { tty: stdout.isTTY === true, columns: stdout.columns ?? 80 });
      await finished(ctx, () => ctx.call('images.copy', { from, to, refs: positionals }), (j) => output.update(j));
      return 0;
    },
  };
}

export const copyCommands: Command[] = [copyCommand(['copy']), copyCommand(['image', 'copy'])];
