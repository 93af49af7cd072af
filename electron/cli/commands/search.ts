import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { UsageError } from '../errors';
import { parseFilters } from '../filters';
import { renderList, TABLE } from '../format/docker-format';
import { SEARCH_HEADERS, searchView } from '../format/search-view';

const DEFAULT_TABLE = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';

export const AUTOMATED_WARNING =
  'WARNING: the "is-automated" filter is deprecated, and searching for "is-automated=true" will not yield any results in future.';

const FLAGS = {
  filter: { type: 'string', short: 'f', multiple: true },
  format: { type: 'string' },
  limit: { type: 'string' },
  'no-trunc': { type: 'boolean' },
} as const;

/** pflag's IntVar: a Go integer or its error message. */
function parseLimit(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) {
    const why = Number.isNaN(n) ? 'invalid syntax' : 'value out of range';
    throw new UsageError(`invalid argument "${value}" for "--limit" flag: strconv.ParseInt: parsing "${value}": ${why}`, 'search');
  }
  return n;
}

/** Docker's searchContext marshals its booleans as "true"/"false" only inside `{{json .}}`. */
function wantsJson(format: string): boolean {
  return format === 'json' || /\{\{-?\s*json\s+\.\s*-?\}\}/.test(format);
}

export const searchCommand: Command = {
  name: ['search'],
  summary: 'Search Docker Hub for images',
  usage: 'search [OPTIONS] TERM',
  help: [
    'Options:',
    '  -f, --filter filter   Filter output based on conditions provided',
    '      --format string   Pretty-print search using a Go template',
    '      --limit int       Max number of search results',
    "      --no-trunc        Don't truncate output",
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseFlags('search', argv, FLAGS);
    requireArgs('search', positionals, { exactly: 1 });
    const filters = parseFilters(values.filter, '-f, --filter', 'search');
    const limit = parseLimit(values.limit);
    if (filters.some((f) => f.startsWith('is-automated='))) ctx.err(`${AUTOMATED_WARNING}\n`);
    const found = await ctx.call('registry.search', { term: positionals[0]!, limit, filters });
    const format = values.format || TABLE;
    const options = { trunc: !values['no-trunc'], json: wantsJson(format) };
    ctx.out(
      renderList({
        format: format === TABLE ? DEFAULT_TABLE : format,
        rows: found.results.map((r) => searchView(r, options)),
        headers: SEARCH_HEADERS,
        typeName: '*registry.searchContext',
      }),
    );
    return 0;
  },
};
