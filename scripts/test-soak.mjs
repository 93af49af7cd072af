// `npm run test:soak`: the long runs of the reliability tests. Runs every
// test/integration/reliability-*.test.ts and every *.fuzz.test.ts with
// BERTH_SOAK=1 (more crash points, rounds and inputs than CI's bounded runs),
// writes their figures to artifacts/reliability-soak/ (not mixed into the CI
// figures), and ends with a summary: per file, then the figures, then one line
// `soak: N passed, N failed, N skipped in S s`.
// Extra arguments go to vitest (e.g. `npm run test:soak -- -t pull`); BERTH_SEED replays a seed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', 'out', 'dist', 'artifacts', '.git']);
const figuresDir = path.join(ROOT, 'artifacts', 'reliability-soak');
const report = path.join(ROOT, 'artifacts', 'reports', 'soak.json');

function walk(dir, found = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || SKIP.has(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, found);
    else if (isSoakTest(path.relative(ROOT, full))) found.push(path.relative(ROOT, full));
  }
  return found;
}

function isSoakTest(rel) {
  const name = path.basename(rel);
  if (name.endsWith('.fuzz.test.ts')) return true;
  return path.dirname(rel) === path.join('test', 'integration') && /^reliability-.*\.test\.ts$/.test(name);
}

const files = walk(ROOT).sort();
if (files.length === 0) {
  console.error('test:soak: no reliability or fuzz tests found');
  process.exit(1);
}
console.log(`soak: ${files.length} files\n  ${files.join('\n  ')}\n`);
rmSync(figuresDir, { recursive: true, force: true });
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });

const t0 = Date.now();
const run = spawnSync(
  'npx',
  ['vitest', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, BERTH_SOAK: '1', BERTH_FIGURES_DIR: figuresDir } },
);
const seconds = ((Date.now() - t0) / 1000).toFixed(0);

const tally = { passed: 0, failed: 0, skipped: 0 };
console.log('\n=== soak summary');
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  for (const f of r.testResults) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const a of f.assertionResults) {
      const k = a.status === 'passed' ? 'passed' : a.status === 'failed' ? 'failed' : 'skipped';
      counts[k] += 1;
      tally[k] += 1;
    }
    if (f.status === 'failed' && f.assertionResults.length === 0) {
      counts.failed += 1; // the file did not even load
      tally.failed += 1;
    }
    const secs = ((f.endTime - f.startTime) / 1000).toFixed(0);
    console.log(`  ${path.relative(ROOT, f.name)}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${secs} s)`);
  }
} else {
  tally.failed += 1;
  console.log(`  no report (vitest exit ${run.status ?? run.signal})`);
}
if (existsSync(figuresDir)) {
  console.log('figures:');
  for (const name of readdirSync(figuresDir).sort()) {
    const figures = JSON.parse(readFileSync(path.join(figuresDir, name), 'utf8'));
    const line = Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  ${name.replace(/\.json$/, '')}: ${line}`);
  }
}
console.log(`\nsoak: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped in ${seconds} s`);
process.exit(run.status === 0 && tally.failed === 0 ? 0 : 1);
