import { afterEach, beforeEach, vi } from 'vitest';
import type { Core } from '../../core/service';
import { fakeCore, type FakeAnswers, type FakeCore } from './fake-core';
import { RECORDED_AT, RECORDED_ENV } from './fixtures';
import { runCli, type CliRun } from './run-cli';

/** Freezes the clock at the recording instant so ages read as Docker printed them. */
export function atRecordingTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ now: RECORDED_AT, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export interface BerthRunOptions {
  /** What the user types on stdin. */
  stdin?: string;
  /** Extra environment (BERTH_HOST…), over the recording's. */
  env?: NodeJS.ProcessEnv;
  /** The core's archive port (save to STDOUT, load from STDIN on an engine). */
  archivePort?: Core['archivePort'];
  /** stdout claims to be a terminal this wide. */
  tty?: { columns: number };
}

/** Runs `berth ARGV` against a core answering `answers`, in the recording's time zone. */
export async function berth(
  argv: string[],
  answers: FakeAnswers = {},
  stdinOrOptions?: string | BerthRunOptions,
): Promise<CliRun & { core: FakeCore }> {
  const o: BerthRunOptions = typeof stdinOrOptions === 'string' ? { stdin: stdinOrOptions } : (stdinOrOptions ?? {});
  const core = fakeCore(answers, o.archivePort ? { archivePort: o.archivePort } : {});
  const run = await runCli(argv, { core: core.open, env: { ...RECORDED_ENV, ...o.env }, stdin: o.stdin, ...(o.tty ? { tty: o.tty } : {}) });
  return { ...run, core };
}
