/**
 * Failpoints for crash tests: `crashPoint(name)` marks a place where a crash
 * matters (a rename about to publish a file, a lock about to be released).
 * It does nothing unless the environment arms it:
 *   BERTH_CRASH_AT=N      the Nth point this process passes SIGKILLs the process
 *   BERTH_CRASH_TRACE=F   each point passed appends "name<TAB>ms since start" to F
 * so a test can list an operation's points, then kill it at each of them.
 * Read once at load: unset, a call is one boolean test.
 */
import { appendFileSync } from 'node:fs';

const crashAt = parseCount(process.env.BERTH_CRASH_AT);
const traceFile = process.env.BERTH_CRASH_TRACE || undefined;
const armed = crashAt !== undefined || traceFile !== undefined;
let passed = 0;

export function crashPoint(name: string): void {
  if (!armed) return;
  passed += 1;
  // Written synchronously, before dying: the trace must name the point the process died at.
  if (traceFile) appendFileSync(traceFile, `${name}\t${performance.now().toFixed(1)}\n`);
  if (passed === crashAt) process.kill(process.pid, 'SIGKILL');
}

function parseCount(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
