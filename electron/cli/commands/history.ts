import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { renderList, TABLE } from '../format/docker-format';
import { localZone } from '../format/go-time';
import { HISTORY_HEADERS, historyView } from '../format/history-view';
import { FORMAT_HELP } from './help-text';

const DEFAULT_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';
const NON_HUMAN_TABLE = 'table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

/** Docker's newHistoryFormat: `-q` and `-H=false` only shape the default table. */
export function historyFormat(format: string, quiet: boolean, human: boolean): string {
  if (format !== TABLE) return format;
  if (quiet) return '{{.ID}}';
  return human ? DEFAULT_TABLE : NON_HUMAN_TABLE;
}

const FLAGS = {
  format: { type: 'string' },
  human: { type: 'boolean', short: 'H', default: true },
  'no-trunc': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

function historyCommand(name: string[]): Command {
  const command = name.join(' ');
  return {
    name,
    summary: 'Show the history of an image',
    usage: `${command} [OPTIONS] IMAGE`,
    help: [
      'Options:',
      FORMAT_HELP,
      '  -H, --human           Print sizes and dates in human readable format (default true)',
      "      --no-trunc        Don't truncate output",
      '  -q, --quiet           Only show image IDs',
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      requireArgs(command, positionals, { exactly: 1 });
      const history = await ctx.call('images.history', { ref: positionals[0]! });
      const human = values.human ?? true;
      const options = { trunc: !values['no-trunc'], human, now: Date.now(), zone: localZone(ctx.io.env) };
      ctx.out(
        renderList({
          format: historyFormat(values.format || TABLE, values.quiet ?? false, human),
          rows: history.map((row) => historyView(row, options)),
          headers: HISTORY_HEADERS,
          typeName: '*image.historyContext',
        }),
      );
      return 0;
    },
  };
}

export const historyCommands: Command[] = [historyCommand(['history']), historyCommand(['image', 'history'])];
