// `npm test`: build, lint, typecheck, then the unit, integration and e2e suites,
// ending with one line `tests: N passed, N failed, N skipped` over everything run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const reportDir = path.resolve('artifacts', 'reports');
mkdirSync(reportDir, { recursive: true });
// Reliability tests add their figures here; RELIABILITY.md's table is made from this run's only.
rmSync(path.resolve('artifacts', 'reliability'), { recursive: true, force: true });
const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function step(name, cmd, args) {
  console.log(`\n=== ${name}`);
  const ok = run(cmd, args) === 0;
  tally[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failures.push(name);
  return ok;
}

function suite(project) {
  console.log(`\n=== ${project} tests`);
  const out = path.join(reportDir, `${project}.json`);
  const code = run('npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    tally.failed += 1;
    failures.push(`${project} (no report, exit ${code})`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  tally.passed += report.numPassedTests;
  tally.failed += report.numFailedTests;
  tally.skipped += report.numPendingTests + report.numTodoTests;
  // a suite that fails to load counts as a failure even when no test ran
  const broken = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  tally.failed += broken;
  if (code !== 0 || report.numFailedTests > 0 || broken > 0) failures.push(`${project} tests`);
}

run('bash', ['scripts/check-peers.sh']);
const built = step('build', 'npm', ['run', '--silent', 'build']);
step('lint', 'npx', ['eslint', '.']);
step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
suite('unit');
suite('integration');
if (built) suite('e2e');
else failures.push('e2e (not run: build failed)');

if (existsSync('scripts/reliability-report.mjs')) run('node', ['scripts/reliability-report.mjs']); // RELIABILITY.md's figures: this run's
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\ntests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
