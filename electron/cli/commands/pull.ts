import { formatReference, withDefaultTag } from '../../core/reference/index';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { runTransfer, transferReference } from './transfer-run';

const FLAGS = {
  'all-tags': { type: 'boolean', short: 'a' },
  quiet: { type: 'boolean', short: 'q' },
  platform: { type: 'string' },
  'disable-content-trust': { type: 'boolean' },
} as const;

function pullCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Download an image from a registry',
    usage: `${command} [OPTIONS] NAME[:TAG|@DIGEST]`,
    help: [
      'Options:',
      '  -a, --all-tags                Download all tagged images in the repository',
      '      --disable-content-trust   Skip image verification (default true)',
      '      --platform string         Set platform if server is multi-platform capable',
      '  -q, --quiet                   Suppress verbose output',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { exactly: 1 });
      const input = positionals[0]!;
      const allTags = values['all-tags'] === true;
      const quiet = values.quiet === true;
      const ref = transferReference(ctx, input, allTags, quiet);
      const platform = values.platform || ctx.io.env.DOCKER_DEFAULT_PLATFORM || undefined;
      await runTransfer(ctx, quiet, () => ctx.call('images.pull', { ref: input, allTags, ...(platform ? { platform } : {}) }));
      ctx.out(`${formatReference(allTags ? ref : withDefaultTag(ref))}\n`);
      return 0;
    },
  };
}

export const pullCommands: Command[] = [pullCommand(['pull']), pullCommand(['image', 'pull'])];
