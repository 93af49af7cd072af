import { humanSize } from '../../core/format/units';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { parseFilters } from '../filters';
import { recordLine } from '../format/records';
import { confirm } from '../prompt';

const DANGLING_WARNING = 'WARNING! This will remove all dangling images.\nAre you sure you want to continue?';
const ALL_WARNING =
  'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue?';

const FLAGS = {
  all: { type: 'boolean', short: 'a' },
  filter: { type: 'string', multiple: true },
  force: { type: 'boolean', short: 'f' },
} as const;

export const pruneCommand: Command = {
  name: ['image', 'prune'],
  summary: 'Remove unused images',
  usage: 'image prune [OPTIONS]',
  help: [
    'Options:',
    '  -a, --all             Remove all unused images, not just dangling ones',
    '      --filter filter   Provide filter values (e.g. "until=<timestamp>")',
    '  -f, --force           Do not prompt for confirmation',
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseFlags('image prune', argv, FLAGS);
    const filters = parseFilters(values.filter, '--filter', 'image prune');
    requireArgs('image prune', positionals, { exactly: 0 });
    const all = values.all ?? false;
    // Declining is a cancellation, which Docker ends quietly with status 0.
    if (!values.force && !(await confirm(ctx.io, all ? ALL_WARNING : DANGLING_WARNING))) return 0;
    const result = await ctx.call('images.prune', { all, filters });
    let reclaimed = 0;
    if (result.records.length > 0) {
      const lines = result.records.map((r) => recordLine(r, true));
      ctx.out(`Deleted Images:\n${lines.join('\n')}\n\n`);
      reclaimed = result.reclaimed;
    }
    ctx.out(`Total reclaimed space: ${humanSize(reclaimed, 4)}\n`);
    return 0;
  },
};
