/**
 * Which image source the CLI works on: `-H URL` (as with `docker -H`), else
 * $BERTH_HOST, else the embedded store. $DOCKER_HOST is deliberately not
 * read: a `berth` command never wanders off to an engine the user did not
 * name for Berth.
 */
import { UsageError } from './errors';

export const EMBEDDED = 'embedded';

export interface SourceChoice {
  /** 'embedded' or the engine's canonical id ('unix:///run/docker.sock', 'tcp://127.0.0.1:2375'). */
  id: string;
  /** Where the choice came from, for error messages. */
  from: 'flag' | 'env' | 'default';
}

/** A SOURCE as the user typed it (-H, BERTH_HOST, copy --from/--to): 'embedded', or an endpoint the core accepts. */
export async function canonicalSource(raw: string): Promise<string> {
  const text = raw.trim();
  if (text === '' || text === EMBEDDED) return EMBEDDED;
  // The core's own parser: the same endpoints, and the same refusals, as the GUI's.
  const { parseEndpoint } = await import('../core/engine/endpoint');
  return parseEndpoint(text).id;
}

/**
 * Resolves the source for this run. A bad -H prints the way pflag prints a bad
 * flag value (`invalid argument "…" for "-H, --host" flag: …`); a bad
 * BERTH_HOST names the variable.
 */
export async function resolveSource(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<SourceChoice> {
  const fromEnv = env.BERTH_HOST;
  if (flag !== undefined) return { id: await checked(flag, (m) => new UsageError(`invalid argument "${flag}" for "-H, --host" flag: ${m}`, '')), from: 'flag' };
  if (fromEnv) return { id: await checked(fromEnv, (m) => new UsageError(`invalid value "${fromEnv}" in BERTH_HOST: ${m}`, '')), from: 'env' };
  return { id: EMBEDDED, from: 'default' };
}

async function checked(raw: string, fail: (message: string) => Error): Promise<string> {
  try {
    return await canonicalSource(raw);
  } catch (e) {
    throw fail(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Containers live in engines, not in Berth's store: commands about them need
 * -H. The message says so and shows how.
 */
export function requireEngine(source: string, command: string): void {
  if (source !== EMBEDDED) return;
  throw new UsageError(
    `"berth ${command}" needs an engine: containers live in Docker or Podman, not in Berth's store.\n` +
      `Pick one with -H (or BERTH_HOST), e.g. 'berth -H unix:///var/run/docker.sock ${command} …'; 'berth source ls' lists them.`,
    command,
  );
}
