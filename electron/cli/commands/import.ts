import path from 'node:path';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { ExitError } from '../errors';
import { EMBEDDED } from '../host';
import { parseNameArg } from '../reference-arg';
import { stdinBytes } from './load';
import { finished } from './save';

const FLAGS = {
  change: { type: 'string', short: 'c', multiple: true },
  message: { type: 'string', short: 'm' },
  platform: { type: 'string' },
} as const;

function importCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Import the contents from a tarball to create a filesystem image',
    usage: `${command} [OPTIONS] file|URL|- [REPOSITORY[:TAG]]`,
    help: [
      'Options:',
      '  -c, --change list         Apply Dockerfile instruction to the created image',
      '  -m, --message string      Set commit message for imported image',
      '      --platform string     Set platform if server is multi-platform capable',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { min: 1, max: 2 });
      const [source, reference] = positionals as [string, string | undefined];
      if (/^https?:\/\//i.test(source)) throw new ExitError(1, `importing from a URL is not supported: download ${source} and import the file`);
      if (reference !== undefined) parseNameArg(reference);
      const changes = values.change ?? [];
      const platform = values.platform || ctx.io.env.DOCKER_DEFAULT_PLATFORM || undefined;
      const extra = { changes, ...(reference ? { reference } : {}), ...(values.message ? { message: values.message } : {}), ...(platform ? { platform } : {}) };
      let job;
      if (source === '-' && ctx.source !== EMBEDDED) {
        const { withStdinFile } = await import('./engine-archive');
        job = await withStdinFile(stdinBytes(ctx), (file) => finished(ctx, () => ctx.call('images.import', { path: file, ...extra })));
      } else if (source === '-') {
        const core = await ctx.core();
        if (!core.archives) throw new ExitError(1, 'importing from STDIN is not available here');
        const archives = await core.archives();
        job = await finished(ctx, async () => ({ jobId: archives.import({ source: { stream: stdinBytes(ctx) }, ...extra }, reference ?? 'STDIN') }));
      } else {
        job = await finished(ctx, () => ctx.call('images.import', { path: path.resolve(source), ...extra }));
      }
      ctx.out(`${job.result?.imageIds[0] ?? ''}\n`);
      return 0;
    },
  };
}

export const importCommands: Command[] = [importCommand(['import']), importCommand(['image', 'import'])];
