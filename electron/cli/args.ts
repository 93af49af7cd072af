import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a subcommand's flags with Docker's rules: flags may follow positionals,
 * `--` ends flags, and an unknown flag is a usage error naming the flag.
 */
export function parseFlags<O extends FlagSpec>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const flag = /'(-{1,2}[^' ]+)/.exec(msg)?.[1];
    throw new UsageError(flag ? `unknown flag: ${flag}` : msg, command);
  }
}

export function requireArgs(command: string, positionals: string[], rule: { exactly?: number; min?: number; max?: number }): void {
  const n = positionals.length;
  const plural = (k: number) => (k === 1 ? 'argument' : 'arguments');
  if (rule.exactly !== undefined && n !== rule.exactly) {
    throw new UsageError(`"berth ${command}" requires exactly ${rule.exactly} ${plural(rule.exactly)}.`, command);
  }
  if (rule.min !== undefined && n < rule.min) {
    throw new UsageError(`"berth ${command}" requires at least ${rule.min} ${plural(rule.min)}.`, command);
  }
  if (rule.max !== undefined && n > rule.max) {
    throw new UsageError(`"berth ${command}" accepts at most ${rule.max} ${plural(rule.max)}.`, command);
  }
}
