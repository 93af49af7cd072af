import { resolveStorePath } from '../core/paths';
import { BERTH_VERSION } from '../core/version';
import type { Command } from './command';
import { CliContext, type OpenCore } from './context';
import { daemonMessage } from './daemon-errors';
import { ExitError, UsageError } from './errors';
import { resolveSource } from './host';
import type { CliIO } from './io';

interface Globals {
  store?: string;
  /** -H/--host as typed; checked only when a command runs. */
  host?: string;
  help: boolean;
  version: boolean;
  rest: string[];
}

/** Global flags come before the subcommand, as with `docker --config DIR images`. */
function parseGlobals(argv: string[]): Globals {
  const g: Globals = { help: false, version: false, rest: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--store') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError('flag needs an argument: --store', '');
      g.store = v;
    } else if (a.startsWith('--store=')) g.store = a.slice('--store='.length);
    else if (a === '-H' || a === '--host') {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`flag needs an argument: ${a === '-H' ? "'H' in -H" : '--host'}`, '');
      setHost(g, v);
    } else if (a.startsWith('--host=')) setHost(g, a.slice('--host='.length));
    else if (a.startsWith('-H')) setHost(g, a.slice(a.startsWith('-H=') ? 3 : 2));
    else if (a === '-h' || a === '--help') g.help = true;
    else if (a === '-v' || a === '--version') g.version = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown flag: ${a}`, '');
    else break;
  }
  g.rest = argv.slice(i);
  return g;
}

/** Docker takes -H as a list but refuses more than one. */
function setHost(g: Globals, value: string): void {
  if (g.host !== undefined) throw new UsageError('Specify only one -H', '');
  g.host = value;
}

/** The commands are loaded only past --version: that answer needs none of them. */
async function loadCommands(): Promise<Command[]> {
  return (await import('./commands/index')).allCommands;
}

function findCommand(allCommands: Command[], words: string[]): { command: Command; argv: string[] } | undefined {
  let best: { command: Command; argv: string[]; len: number } | undefined;
  for (const command of allCommands) {
    for (const name of [command.name, ...(command.aliases ?? [])]) {
      const matches = name.every((w, k) => words[k] === w);
      if (matches && (!best || name.length > best.len)) best = { command, argv: words.slice(name.length), len: name.length };
    }
  }
  return best && { command: best.command, argv: best.argv };
}

export function globalHelp(allCommands: Command[]): string {
  const rows = allCommands.map((c) => `  ${c.name.join(' ').padEnd(16)}${c.summary}`);
  return [
    'Usage:  berth [OPTIONS] COMMAND',
    '',
    'Berth: container images without a daemon. The same store the desktop app shows.',
    '',
    'Options:',
    '  -H, --host URL    Engine to work on instead of the embedded store: unix:///path/to/socket',
    '                    or tcp://127.0.0.1:PORT (Docker or Podman); "embedded" is the store',
    '                    (default: $BERTH_HOST, else the embedded store)',
    '      --store DIR   Image store location (default: $BERTH_STORE, else ~/.local/share/berth/store)',
    '  -h, --help        Print usage',
    '  -v, --version     Print version information and quit',
    '',
    'Environment:',
    '  BERTH_HOST        Default for -H. DOCKER_HOST is not read: without -H or BERTH_HOST',
    '                    berth works on its embedded store, never on an engine by accident.',
    '  BERTH_STORE       Default for --store.',
    '',
    "Engines: 'berth source ls' lists the engines Berth found (DOCKER_HOST, the Docker and",
    "Podman sockets, ones added with 'berth source add'); 'berth copy' moves images between them.",
    '',
    'Commands:',
    ...rows,
    '',
    "Run 'berth COMMAND --help' for more information on a command.",
    '',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return [`Usage:  berth ${c.usage}`, '', c.summary, ...(c.help ? ['', c.help.trimEnd()] : []), ''].join('\n');
}

function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export async function main(argv: string[], io: CliIO, openCore?: OpenCore): Promise<number> {
  let ctx: CliContext | undefined;
  try {
    const g = parseGlobals(argv);
    if (g.version) {
      io.stdout.write(`Berth version ${BERTH_VERSION}\n`);
      return 0;
    }
    const allCommands = await loadCommands();
    if (g.help || g.rest.length === 0) {
      io.stdout.write(globalHelp(allCommands));
      return 0;
    }
    const found = findCommand(allCommands, g.rest);
    if (!found) {
      io.stderr.write(`berth: '${g.rest[0]}' is not a berth command.\nSee 'berth --help'\n`);
      return 1;
    }
    if (wantsHelp(found.argv)) {
      io.stdout.write(commandHelp(found.command));
      return 0;
    }
    const host = await resolveSource(g.host, io.env);
    ctx = new CliContext(io, resolveStorePath(g.store, io.env), openCore, host);
    return (await found.command.run(ctx, found.argv)) ?? 0;
  } catch (e) {
    return await report(e, io);
  } finally {
    await ctx?.close();
  }
}

async function report(e: unknown, io: CliIO): Promise<number> {
  if (e instanceof UsageError) {
    const where = e.command ? `berth ${e.command}` : 'berth';
    io.stderr.write(`${e.message}\nSee '${where} --help'.\n`);
    return 1;
  }
  if (e instanceof ExitError) {
    if (e.message) io.stderr.write(`${e.message}\n`);
    return e.exitCode;
  }
  // Loaded here: a core-side error means the core (and so shared/) is loaded already.
  const { isBerthError } = await import('../../shared/errors');
  if (isBerthError(e)) {
    // Docker prints core-side failures this way; scripts written for docker match on it.
    io.stderr.write(`${daemonMessage(e.message)}\n`);
    return 1;
  }
  io.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
  return 1;
}
