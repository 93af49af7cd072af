import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a subcommand's flags with Docker's rules: flags may follow positionals,
 * `--` ends flags, and an unknown flag is a usage error naming the flag.
 */
export function parseFlags<O extends FlagSpec>(command: string, argv: string[], options: O) {
  const { rest, bools } = takeBoolAssignments(command, argv, options);
  try {
    const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    Object.assign(parsed.values, bools);
    return parsed;
  } catch (e) {
    throw new UsageError(flagErrorMessage(e, rest), command);
  }
}

/** pflag's wording for node's parse errors. */
function flagErrorMessage(e: unknown, argv: string[]): string {
  const msg = e instanceof Error ? e.message : String(e);
  const missing = /'(?:-(\w), )?--([\w-]+) <value>' argument missing/.exec(msg);
  if (missing) {
    const short = missing[1];
    return short && argv.includes(`-${short}`) ? `flag needs an argument: '${short}' in -${short}` : `flag needs an argument: --${missing[2]}`;
  }
  const flag = /'(-{1,2}[^' ,]+)/.exec(msg)?.[1];
  if (!flag) return msg;
  return flag.startsWith('--') ? `unknown flag: ${flag}` : `unknown shorthand flag: '${flag.slice(1)}' in ${flag}`;
}

// pflag's strconv.ParseBool spellings.
const GO_BOOLS: Record<string, boolean> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

/**
 * Boolean flags take an explicit value the way Docker's pflag does
 * (`-H=false`, `--no-trunc=true`); node's parseArgs does not, so those are
 * taken out first and applied after parsing.
 */
function takeBoolAssignments(command: string, argv: string[], options: FlagSpec) {
  const bools: Record<string, boolean> = {};
  const rest: string[] = [];
  const end = argv.indexOf('--');
  argv.forEach((a, i) => {
    const m = end >= 0 && i >= end ? null : /^(?:--([^=]+)|-([^-=]))=(.*)$/s.exec(a);
    const name = m && (m[1] ?? Object.keys(options).find((k) => options[k]!.short === m[2]));
    if (!m || !name || options[name]?.type !== 'boolean') {
      rest.push(a);
      return;
    }
    const value = GO_BOOLS[m[3]!];
    if (value === undefined) {
      const short = options[name]!.short;
      const label = short ? `-${short}, --${name}` : `--${name}`;
      throw new UsageError(
        `invalid argument "${m[3]}" for "${label}" flag: strconv.ParseBool: parsing "${m[3]}": invalid syntax`,
        command,
      );
    }
    bools[name] = value;
  });
  return { rest, bools };
}

export function requireArgs(command: string, positionals: string[], rule: { exactly?: number; min?: number; max?: number }): void {
  const n = positionals.length;
  const plural = (k: number) => (k === 1 ? 'argument' : 'arguments');
  if (rule.exactly === 0 && n !== 0) {
    throw new UsageError(`"berth ${command}" accepts no arguments.`, command);
  }
  if (rule.exactly !== undefined && n !== rule.exactly) {
    throw new UsageError(`"berth ${command}" requires exactly ${rule.exactly} ${plural(rule.exactly)}.`, command);
  }
  if (rule.min !== undefined && n < rule.min) {
    throw new UsageError(`"berth ${command}" requires at least ${rule.min} ${plural(rule.min)}.`, command);
  }
  if (rule.max !== undefined && n > rule.max) {
    throw new UsageError(`"berth ${command}" requires at most ${rule.max} ${plural(rule.max)}.`, command);
  }
}
