import type { MethodInput, MethodName, MethodOutput } from '../../shared/index';
import type { Core } from '../core/service';
import type { CliIO } from './io';

/** Opens the core for a store; tests pass one that answers from recorded contract outputs. */
export type OpenCore = (storePath: string) => Promise<Core>;

// Loaded on first use: `--help` and usage errors never load the core.
const openRealCore: OpenCore = async (storePath) => (await import('../core/service')).createCore({ storePath, host: 'browser' });

/**
 * What a subcommand gets: its streams, the resolved store path, and the core
 * (created on first use, so `--help` never touches the store).
 */
export class CliContext {
  private corePromise: Promise<Core> | undefined;

  constructor(
    readonly io: CliIO,
    readonly storePath: string,
    private readonly openCore: OpenCore = openRealCore,
  ) {}

  core(): Promise<Core> {
    this.corePromise ??= this.openCore(this.storePath);
    return this.corePromise;
  }

  /** Calls the core through the same contract the GUI uses, throwing the BerthError it answers. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const core = await this.core();
    const result = await core.dispatch(method, input);
    if (!result.ok) throw (await import('../../shared/errors')).BerthError.fromPayload(result.error);
    return result.value as MethodOutput<M>;
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
