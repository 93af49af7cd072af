import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { ExitError } from '../errors';
import { renderList, TABLE } from '../format/docker-format';
import { SOURCE_HEADERS, sourceView } from '../format/source-view';
import { canonicalSource, EMBEDDED } from '../host';
import { FORMAT_HELP } from './help-text';

const DEFAULT_TABLE = 'table {{.ID}}{{if .Current}} *{{end}}\t{{.Type}}\t{{.State}}\t{{.API}}\t{{.Description}}';

const LS_FLAGS = {
  format: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

const sourceLs: Command = {
  name: ['source', 'ls'],
  aliases: [['source', 'list'], ['sources']],
  summary: 'List image sources: the embedded store and the Docker/Podman engines Berth knows',
  usage: 'source ls [OPTIONS]',
  help: [
    'Options:',
    FORMAT_HELP,
    '  -q, --quiet           Only show source IDs',
    '',
    'The current source (-H, else $BERTH_HOST, else the embedded store) is marked with *.',
    'Engines come from DOCKER_HOST, the usual Docker and Podman sockets (rootful and',
    "rootless) and 'berth source add'. Each engine is asked now whether it answers.",
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseFlags('source ls', argv, LS_FLAGS);
    requireArgs('source ls', positionals, { exactly: 0 });
    const sources = await ctx.call('sources.list', { probe: true });
    const format = values.format || TABLE;
    ctx.out(
      renderList({
        format: format === TABLE ? (values.quiet ? '{{.ID}}' : DEFAULT_TABLE) : format,
        rows: sources.map((s) => sourceView(s, ctx.source)),
        headers: SOURCE_HEADERS,
        typeName: '*source.sourceContext',
      }),
    );
    return 0;
  },
};

const sourceAdd: Command = {
  name: ['source', 'add'],
  summary: 'Add an engine endpoint as an image source',
  usage: 'source add URL',
  help: [
    'URL is unix:///path/to/socket or tcp://127.0.0.1:PORT (loopback only: Berth speaks no TLS',
    'to engines). It is kept in Berth\'s settings and listed by \'berth source ls\'.',
  ].join('\n'),
  async run(ctx, argv) {
    const { positionals } = parseFlags('source add', argv, {});
    requireArgs('source add', positionals, { exactly: 1 });
    const sources = await ctx.call('sources.add', { endpoint: positionals[0]! });
    // The core accepted it, so it parses: print it as the core names it.
    const id = await canonicalSource(positionals[0]!);
    ctx.out(`${id}\n`);
    const added = sources.find((s) => s.id === id);
    if (added?.state === 'unreachable' && added.error) ctx.err(`Warning: ${added.error}\n`);
    return 0;
  },
};

const sourceRm: Command = {
  name: ['source', 'rm'],
  aliases: [['source', 'remove']],
  summary: 'Remove one or more configured engine sources',
  usage: 'source rm ID [ID...]',
  help: "ID as 'berth source ls' shows it. Only sources added with 'berth source add' can be removed.",
  async run(ctx, argv) {
    const { positionals } = parseFlags('source rm', argv, {});
    requireArgs('source rm', positionals, { min: 1 });
    const errors: string[] = [];
    for (const raw of positionals) {
      try {
        if (raw === EMBEDDED) throw new Error('the embedded store cannot be removed');
        const id = await canonicalSource(raw);
        await ctx.call('sources.remove', { id });
        ctx.out(`${id}\n`);
      } catch (e) {
        errors.push(e instanceof Error ? e.message : String(e));
      }
    }
    if (errors.length > 0) throw new ExitError(1, errors.join('\n'));
    return 0;
  },
};

export const sourceCommands: Command[] = [sourceLs, sourceAdd, sourceRm];
