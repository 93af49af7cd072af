import type { Command } from '../command';
import type { CliContext } from '../context';
import { parseFlags, requireArgs } from '../args';
import { parseFilters } from '../filters';
import { renderList, isTableFormat, TABLE } from '../format/docker-format';
import { localZone } from '../format/go-time';
import { IMAGE_HEADERS, imageView } from '../format/image-view';
import { FORMAT_HELP } from './help-text';

const DEFAULT_TABLE =
  'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const DEFAULT_TABLE_WITH_DIGEST =
  'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';

/** Docker's NewImageFormat: `-q` and `--digests` only shape the default table. */
export function imageFormat(format: string, quiet: boolean, digests: boolean): string {
  if (format === TABLE) {
    if (quiet) return '{{.ID}}';
    return digests ? DEFAULT_TABLE_WITH_DIGEST : DEFAULT_TABLE;
  }
  if (isTableFormat(format) && digests && !format.includes('{{.Digest}}')) return `${format}\t{{.Digest}}`;
  return format;
}

// `docker image` subcommands: `docker images ls` is almost always a typo for `docker image ls`.
const IMAGE_SUBCOMMANDS = new Set([
  'build', 'history', 'import', 'inspect', 'list', 'load', 'ls', 'prune', 'pull', 'push', 'rm', 'save', 'tag',
]);

const FLAGS = {
  all: { type: 'boolean', short: 'a' },
  digests: { type: 'boolean' },
  filter: { type: 'string', short: 'f', multiple: true },
  format: { type: 'string' },
  'no-trunc': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

async function runImages(ctx: CliContext, argv: string[], command: string): Promise<number> {
  const { values, positionals } = parseFlags(command, argv, FLAGS);
  const filters = parseFilters(values.filter, '-f, --filter', command);
  requireArgs(command, positionals, { max: 1 });
  const match = positionals[0];
  if (match) filters.push(`reference=${match}`);
  const list = await ctx.call('images.list', { all: values.all ?? false, filters });
  const showDigests = values.digests ?? false;
  const format = imageFormat(values.format || TABLE, values.quiet ?? false, showDigests);
  const options = {
    trunc: !values['no-trunc'],
    showDigests,
    needDigest: showDigests || format.includes('{{.Digest}}'),
    now: Date.now(),
    zone: localZone(ctx.io.env),
  };
  const rows = list.rows.map((row) => imageView(row, options));
  ctx.out(renderList({ format, rows, headers: IMAGE_HEADERS, typeName: '*formatter.imageContext' }));
  if (match && rows.length === 0 && command === 'images' && IMAGE_SUBCOMMANDS.has(match)) {
    ctx.err(`\nNo images found matching "${match}": did you mean "berth image ${match}"?\n`);
  }
  return 0;
}

const HELP = [
  'Options:',
  '  -a, --all             Show all images (default hides intermediate images)',
  '      --digests         Show digests',
  '  -f, --filter filter   Filter output based on conditions provided',
  FORMAT_HELP,
  '      --no-trunc        Don\'t truncate output',
  '  -q, --quiet           Only show image IDs',
].join('\n');

function imagesCommand(name: string[], aliases?: string[][]): Command {
  const command = name.join(' ');
  return {
    name,
    aliases,
    summary: 'List images',
    usage: `${command} [OPTIONS] [REPOSITORY[:TAG]]`,
    help: HELP,
    run: (ctx, argv) => runImages(ctx, argv, command),
  };
}

export const imagesCommands: Command[] = [imagesCommand(['images']), imagesCommand(['image', 'ls'], [['image', 'list']])];
