import type { MethodInput, MethodName, MethodOutput } from '../../shared/index';
import type { Core } from '../core/service';
import { EMBEDDED, type SourceChoice } from './host';
import type { CliIO } from './io';

/** Opens the core for a store; tests pass one that answers from recorded contract outputs. */
export type OpenCore = (storePath: string, env: NodeJS.ProcessEnv) => Promise<Core>;

// Loaded on first use: `--help` and usage errors never load the core. Engine detection reads the CLI's environment.
const openRealCore: OpenCore = async (storePath, env) => (await import('../core/service')).createCore({ storePath, host: 'browser', env });

/**
 * What a subcommand gets: its streams, the resolved store path, the source
 * `-H` picked, and the core (created on first use, so `--help` never touches
 * the store).
 */
export class CliContext {
  private corePromise: Promise<Core> | undefined;

  constructor(
    readonly io: CliIO,
    readonly storePath: string,
    private readonly openCore: OpenCore = openRealCore,
    readonly host: SourceChoice = { id: EMBEDDED, from: 'default' },
  ) {}

  /** The source every sourced call goes to: 'embedded' or an engine id such as 'unix:///run/docker.sock'. */
  get source(): string {
    return this.host.id;
  }

  core(): Promise<Core> {
    this.corePromise ??= this.openCore(this.storePath, this.io.env);
    return this.corePromise;
  }

  /**
   * Calls the core through the same contract the GUI uses, throwing the BerthError it answers.
   * When -H picked an engine, every method that takes a `source` gets it (unless the caller named one).
   */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const core = await this.core();
    const result = await core.dispatch(method, await this.withSource(method, input));
    if (!result.ok) throw (await import('../../shared/errors')).BerthError.fromPayload(result.error);
    return result.value as MethodOutput<M>;
  }

  private async withSource(method: MethodName, input: unknown): Promise<unknown> {
    if (this.source === EMBEDDED || typeof input !== 'object' || input === null || 'source' in input) return input;
    const { methods } = await import('../../shared/contract');
    return 'source' in methods[method].input.shape ? { ...input, source: this.source } : input;
  }

  out(s: string): void {
    this.io.stdout.write(s);
  }

  err(s: string): void {
    this.io.stderr.write(s);
  }

  async close(): Promise<void> {
    if (this.corePromise) await (await this.corePromise).close();
  }
}
