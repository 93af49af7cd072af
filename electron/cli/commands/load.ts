import { createReadStream, fstatSync } from 'node:fs';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { parseFlags, requireArgs } from '../args';
import { ExitError } from '../errors';
import { EMBEDDED } from '../host';
import { LoadOutput } from './load-progress';
import { finished } from './save';

/**
 * STDIN as bytes. A redirected file is read in 1 MiB chunks straight from fd 0;
 * a pipe goes through process.stdin, which Node has made non-blocking (reading
 * fd 0 directly would then fail with EAGAIN: `berth save | berth load`).
 */
export function stdinBytes(ctx: CliContext): AsyncIterable<Uint8Array> {
  if (ctx.io.stdin !== process.stdin || !fstatSync(0).isFile()) return ctx.io.stdin as AsyncIterable<Uint8Array>;
  return createReadStream('', { fd: 0, highWaterMark: 1024 * 1024 });
}

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
      const stdin = stdinBytes(ctx);
      if (ctx.source !== EMBEDDED) {
        await (await import('./engine-archive')).loadIntoEngine(ctx, stdin, (j) => output.update(j));
        return 0;
      }
      const core = await ctx.core();
      if (!core.archives) throw new ExitError(1, 'loading from STDIN is not available here');
      const archives = await core.archives();
      await finished(ctx, async () => ({ jobId: archives.load({ stream: stdin }, 'STDIN') }), (j) => output.update(j));
      return 0;
    },
  };
}

export const loadCommands: Command[] = [loadCommand(['load']), loadCommand(['image', 'load'])];
