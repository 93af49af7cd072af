import type { ContainerRow } from '../../../shared/index';
import type { Command } from '../command';
import type { CliContext } from '../context';
import { parseFlags, requireArgs } from '../args';
import { daemonMessage } from '../daemon-errors';
import { ExitError, UsageError } from '../errors';
import { parseFilters } from '../filters';
import { renderList, TABLE } from '../format/docker-format';
import { CONTAINER_HEADERS, containerView } from '../format/container-view';
import { localZone } from '../format/go-time';
import { requireEngine } from '../host';
import { FORMAT_HELP } from './help-text';

const DEFAULT_TABLE = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';

/** Docker counts paused and restarting containers as running: plain `ps` shows them. */
const RUNNING = new Set(['running', 'paused', 'restarting']);
const STATES = new Set(['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead']);
/** Filters `docker ps` knows that Berth does not apply: refused by name rather than ignored. */
const DOCKER_ONLY = new Set(['id', 'name', 'label', 'exited', 'before', 'since', 'volume', 'network', 'publish', 'expose', 'health', 'isolation', 'is-task']);

interface Selection {
  ancestors: string[];
  statuses: Set<string>;
}

function selection(filters: string[]): Selection {
  const s: Selection = { ancestors: [], statuses: new Set() };
  for (const f of filters) {
    const eq = f.indexOf('=');
    const [key, value] = [f.slice(0, eq), f.slice(eq + 1)];
    if (key === 'ancestor') s.ancestors.push(value);
    else if (key === 'status') {
      if (!STATES.has(value)) throw new ExitError(1, daemonMessage(`invalid filter 'status=${value}'`));
      s.statuses.add(value);
    } else if (DOCKER_ONLY.has(key)) throw new ExitError(1, `berth ps: the '${key}' filter is not supported here (ancestor and status are)`);
    else throw new ExitError(1, daemonMessage(`invalid filter '${key}'`));
  }
  return s;
}

/** One list per ancestor (the engine matches an image by name, ID or parent); together, each container once. */
async function listContainers(ctx: CliContext, ancestors: string[]): Promise<ContainerRow[]> {
  const lists = ancestors.length === 0
    ? [await ctx.call('containers.list', { source: ctx.source })]
    : await Promise.all(ancestors.map((image) => ctx.call('containers.list', { source: ctx.source, image })));
  const byId = new Map(lists.flat().map((c) => [c.id, c]));
  // Newest first, as Docker lists them; containers made in the same second keep the engine's order.
  return [...byId.values()].sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
}

/** Docker's psFormat: -q and --no-trunc only shape the default table. */
function psFormat(format: string, quiet: boolean): string {
  if (format !== TABLE) return format;
  return quiet ? '{{.ID}}' : DEFAULT_TABLE;
}

const FLAGS = {
  all: { type: 'boolean', short: 'a' },
  filter: { type: 'string', short: 'f', multiple: true },
  format: { type: 'string' },
  last: { type: 'string', short: 'n' },
  latest: { type: 'boolean', short: 'l' },
  'no-trunc': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

function lastCount(value: string | undefined, latest: boolean, command: string): number {
  if (value === undefined) return latest ? 1 : -1;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new UsageError(`invalid argument "${value}" for "-n, --last" flag: strconv.ParseInt: parsing "${value}": invalid syntax`, command);
  }
  return n;
}

function psCommand(name: string[], aliases?: string[][]): Command {
  const command = name.join(' ');
  return {
    name,
    aliases,
    summary: 'List containers',
    usage: `${command} [OPTIONS]`,
    help: [
      'Options:',
      '  -a, --all             Show all containers (default shows just running)',
      '  -f, --filter filter   Filter output based on conditions provided (ancestor=IMAGE, status=STATE)',
      FORMAT_HELP,
      '  -n, --last int        Show n last created containers (includes all states) (default -1)',
      '  -l, --latest          Show the latest created container (includes all states)',
      "      --no-trunc        Don't truncate output",
      '  -q, --quiet           Only display container IDs',
      '',
      "Needs an engine (-H): containers live in Docker or Podman. 'berth -H URL ps -a' finds one to commit.",
    ].join('\n'),
    async run(ctx, argv) {
      const { values, positionals } = parseFlags(command, argv, FLAGS);
      const filters = parseFilters(values.filter, '-f, --filter', command);
      requireArgs(command, positionals, { exactly: 0 });
      const last = lastCount(values.last, values.latest ?? false, command);
      const sel = selection(filters);
      requireEngine(ctx.source, command);
      let rows = await listContainers(ctx, sel.ancestors);
      // As in the daemon: a status filter, -n or -l look at every state.
      const all = (values.all ?? false) || sel.statuses.size > 0 || last > 0;
      rows = rows.filter((c) => (all || RUNNING.has(c.state)) && (sel.statuses.size === 0 || sel.statuses.has(c.state)));
      if (last > 0) rows = rows.slice(0, last);
      const options = { trunc: !values['no-trunc'], now: Date.now(), zone: localZone(ctx.io.env) };
      ctx.out(
        renderList({
          format: psFormat(values.format || TABLE, values.quiet ?? false),
          rows: rows.map((row) => containerView(row, options)),
          headers: CONTAINER_HEADERS,
          typeName: '*formatter.ContainerContext',
        }),
      );
      return 0;
    },
  };
}

export const psCommands: Command[] = [psCommand(['ps']), psCommand(['container', 'ls'], [['container', 'list'], ['container', 'ps']])];
