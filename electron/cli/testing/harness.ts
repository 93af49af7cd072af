import { afterEach, beforeEach, vi } from 'vitest';
import type { Handlers } from '../../core/api/dispatch';
import { fakeCore, type FakeCore } from './fake-core';
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

/** Runs `berth ARGV` against a core answering `answers`, in the recording's time zone. */
export async function berth(
  argv: string[],
  answers: Partial<Handlers> = {},
  stdin?: string,
): Promise<CliRun & { core: FakeCore }> {
  const core = fakeCore(answers);
  const run = await runCli(argv, { core: core.open, env: RECORDED_ENV, stdin });
  return { ...run, core };
}
