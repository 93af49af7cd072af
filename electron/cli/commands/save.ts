import { Writable } from 'node:stream';
import type { Job } from '../../../shared/jobs';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { parseFlags, requireArgs } from '../args';
import { daemonMessage } from '../daemon-errors';
import { ExitError } from '../errors';
import { EMBEDDED } from '../host';
import { followJob } from '../progress/follow-job';

const FLAGS = {
  output: { type: 'string', short: 'o' },
  format: { type: 'string' },
} as const;

/** The CLI's stdout as a byte sink that honours backpressure and is never ended (the process owns it). */
export function stdoutSink(ctx: CliContext): Writable {
  const out = ctx.io.stdout as unknown as { write(b: Uint8Array, cb?: (e?: Error | null) => void): boolean };
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (out.write(chunk)) cb();
      else (ctx.io.stdout as unknown as NodeJS.EventEmitter).once('drain', () => cb());
    },
  });
}

/** Waits for a save/load/import job and turns its failure into Docker's daemon error. */
export async function finished(ctx: CliContext, start: () => Promise<{ jobId: string }>, onUpdate: (j: Job) => void = () => {}): Promise<Job> {
  const job = await followJob(ctx, start, onUpdate);
  if (job.state === 'succeeded') return job;
  throw new ExitError(job.state === 'cancelled' ? 130 : 1, daemonMessage(job.error?.message ?? 'unknown error'));
}

function saveCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
    usage: `${command} [OPTIONS] IMAGE [IMAGE...]`,
    help: [
      'Options:',
      '      --format string   Archive format: "docker" (Docker 25 layout, the default) or "oci"',
      '  -o, --output string   Write to a file, instead of STDOUT',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { min: 1 });
      const format = values.format ?? 'docker';
      if (format !== 'docker' && format !== 'oci') throw new ExitError(1, `invalid --format "${format}": expected "docker" or "oci"`);
      if (values.output) {
        const path = values.output;
        await finished(ctx, () => ctx.call('images.save', { refs: positionals, format, path }));
        return 0;
      }
      if (ctx.io.stdout.isTTY) throw new ExitError(1, 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
      if (ctx.source !== EMBEDDED) {
        // An engine writes its own docker-archive; Berth does not re-pack it.
        if (format !== 'docker') throw new ExitError(1, `--format ${format} is not available from an engine: it saves docker-archives (use -o to let Berth write the file)`);
        await (await import('./engine-archive')).saveFromEngine(ctx, positionals);
        return 0;
      }
      const core = await ctx.core();
      if (!core.archives) throw new ExitError(1, 'saving to STDOUT is not available here');
      const archives = await core.archives();
      await finished(ctx, async () => ({ jobId: archives.saveStream(positionals, format, stdoutSink(ctx)) }));
      return 0;
    },
  };
}

export const saveCommands: Command[] = [saveCommand(['save']), saveCommand(['image', 'save'])];
