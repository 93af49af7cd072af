import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MODULE = path.join(import.meta.dirname, 'crash-point.ts');

// Each case runs in its own process: the module reads its environment once, and it kills its process.
function runPoints(names: string[], env: NodeJS.ProcessEnv): { status: number | null; signal: NodeJS.Signals | null; stdout: string } {
  const script = [
    `import { crashPoint } from ${JSON.stringify(MODULE)};`,
    `for (const n of ${JSON.stringify(names)}) { crashPoint(n); process.stdout.write(n + ' passed\\n'); }`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, BERTH_CRASH_AT: '', BERTH_CRASH_TRACE: '', ...env },
    encoding: 'utf8',
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-crash-point-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const traced = (file: string): string[] => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split('\t')[0]!);

describe('crashPoint', () => {
  it('does nothing when not armed', () => {
    const r = runPoints(['a', 'b', 'c'], {});
    expect(r).toEqual({ status: 0, signal: null, stdout: 'a passed\nb passed\nc passed\n' });
  });

  it('traces every point passed, in order, with a time', () => {
    const trace = path.join(dir, 'trace');
    const r = runPoints(['a', 'b', 'a'], { BERTH_CRASH_TRACE: trace });
    expect(r.status).toBe(0);
    expect(traced(trace)).toEqual(['a', 'b', 'a']);
    for (const line of readFileSync(trace, 'utf8').trimEnd().split('\n')) expect(line).toMatch(/^\w+\t\d+\.\d$/);
  });

  it('SIGKILLs its process at the Nth point, after tracing it and before going on', () => {
    const trace = path.join(dir, 'trace');
    const r = runPoints(['a', 'b', 'c', 'd'], { BERTH_CRASH_AT: '3', BERTH_CRASH_TRACE: trace });
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toBe('a passed\nb passed\n');
    expect(traced(trace)).toEqual(['a', 'b', 'c']);
  });

  it('ignores a crash count that is not a positive integer', () => {
    for (const at of ['0', '-1', '1.5', 'x']) expect(runPoints(['a'], { BERTH_CRASH_AT: at }).status).toBe(0);
  });
});
