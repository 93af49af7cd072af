import type { CliContext } from './context';

export interface Command {
  /** Words that select it: ['images'] or ['image', 'prune']. */
  name: string[];
  aliases?: string[][];
  summary: string;
  usage: string;
  /** Help text below the usage line: the flags, one per line. */
  help?: string;
  run(ctx: CliContext, argv: string[]): Promise<number | void>;
}
