import { formatReference, withDefaultTag } from '../../core/reference/index';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { runTransfer, transferReference } from './transfer-run';

const FLAGS = {
  'all-tags': { type: 'boolean', short: 'a' },
  quiet: { type: 'boolean', short: 'q' },
  'disable-content-trust': { type: 'boolean' },
} as const;

function pushCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Upload an image to a registry',
    usage: `${command} [OPTIONS] NAME[:TAG]`,
    help: [
      'Options:',
      '  -a, --all-tags                Push all tags of an image to the repository',
      '      --disable-content-trust   Skip image signing (default true)',
      '  -q, --quiet                   Suppress verbose output',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { exactly: 1 });
      const input = positionals[0]!;
      const allTags = values['all-tags'] === true;
      const quiet = values.quiet === true;
      const ref = transferReference(ctx, input, allTags, quiet);
      await runTransfer(ctx, quiet, () => ctx.call('images.push', { ref: input, allTags }));
      if (quiet) ctx.out(`${formatReference(allTags ? ref : withDefaultTag(ref))}\n`);
      return 0;
    },
  };
}

export const pushCommands: Command[] = [pushCommand(['push']), pushCommand(['image', 'push'])];
