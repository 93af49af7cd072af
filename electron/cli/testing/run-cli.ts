import { Readable } from 'node:stream';
import type { OpenCore } from '../context';
import { main } from '../main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  core?: OpenCore;
  /** What the user types on stdin. */
  stdin?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout claims to be a terminal this wide. */
  tty?: { columns: number };
}

/** Runs `berth ARGV` in-process with in-memory streams. */
export async function runCli(argv: string[], opts: RunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: { write: (s: string) => (stdout += s), ...(opts.tty ? { isTTY: true, columns: opts.tty.columns } : {}) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
      // The core reads its environment from here (DOCKER_CONFIG, HOME, engine sockets), as the real CLI's is process.env.
      env: { ...process.env, BERTH_HOST: undefined, BERTH_STORE: '/nonexistent/berth-test-store', ...opts.env },
    },
    opts.core,
  );
  return { code, stdout, stderr };
}
