import { createReadStream } from 'node:fs';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { ExitError } from '../errors';
import { LoadOutput } from './load-progress';
import { finished } from './save';

const FLAGS = {
  input: { type: 'string', short: 'i' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

function loadCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Load an image from a tar archive or STDIN',
    usage: `${command} [OPTIONS]`,
    help: [
      'Options:',
      '  -i, --input string   Read from tar archive file, instead of STDIN',
      '                       (docker-archive or OCI archive; plain, gzip, xz or zstd)',
      '  -q, --quiet          Suppress the load output',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { exactly: 0 });
      const stdout = ctx.io.stdout;
      const output = new LoadOutput(stdout, { tty: stdout.isTTY === true, quiet: values.quiet === true, columns: stdout.columns ?? 80 });
      if (values.input) {
        const path = values.input;
        await finished(ctx, () => ctx.call('images.load', { path }), (j) => output.update(j));
        return 0;
      }
      if (ctx.io.stdin.isTTY) throw new ExitError(1, 'requested load from stdin, but stdin is empty');
      const core = await ctx.core();
      if (!core.archives) throw new ExitError(1, 'loading from STDIN is not available here');
      const archives = await core.archives();
      const stdin = ctx.io.stdin === process.stdin ? createReadStream('', { fd: 0, highWaterMark: 1024 * 1024 }) : ctx.io.stdin;
      await finished(ctx, async () => ({ jobId: archives.load({ stream: stdin as AsyncIterable<Uint8Array> }, 'STDIN') }), (j) => output.update(j));
      return 0;
    },
  };
}

export const loadCommands: Command[] = [loadCommand(['load']), loadCommand(['image', 'load'])];
