// Runs @doyensec/electronegativity over the built Electron app (out/main,
// out/preload, out/renderer: what ships, not the TypeScript) and fails unless
// every finding is justified in security/electronegativity-justifications.json.
// That file also lists the findings that were fixed: one that comes back fails,
// and so does a justification that no longer matches anything.
//
//   node scripts/electronegativity.mjs [--json] [--justifications FILE] [--input DIR]
//
// --json prints one JSON report on stdout; --input scans DIR instead of out/
// (DIR laid out like out/: main/, preload/, renderer/).
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { transformSync } from 'esbuild';

const BUILT_PARTS = ['main', 'preload', 'renderer'];

const { values: opts } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    justifications: { type: 'string', default: 'security/electronegativity-justifications.json' },
    input: { type: 'string', default: 'out' },
  },
});

const policy = JSON.parse(readFileSync(opts.justifications, 'utf8'));
const electronVersion = pinnedElectronVersion();
const staged = stageBuild(path.resolve(opts.input));
// on exit, not in a finally: the scanner calls process.exit itself on some errors
process.on('exit', () => rmSync(staged, { recursive: true, force: true }));
const scan = await runScanner(staged, electronVersion, policy.excludedChecks.map((e) => e.check));
const report = judge(scan, policy);

if (opts.json) console.log(JSON.stringify(report));
else printReport(report);
process.exit(report.ok ? 0 : 1);

/** The scanner reads the Electron version to know each option's default; ours is pinned in package.json. */
function pinnedElectronVersion() {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const version = /\d+\.\d+\.\d+/.exec(pkg.devDependencies?.electron ?? '')?.[0];
  if (!version) throw new Error('package.json pins no electron version');
  return version;
}

/** out/ also holds the plain-Node CLI (out/node), which never runs in Electron: scan a copy of the Electron parts only. */
function stageBuild(outDir) {
  const missing = BUILT_PARTS.filter((p) => !existsSync(path.join(outDir, p)));
  if (missing.length) {
    console.error(`electronegativity: ${outDir} lacks ${missing.join(', ')}: run \`npm run build\` first`);
    process.exit(2);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-electronegativity-'));
  for (const part of BUILT_PARTS) cpSync(path.join(outDir, part), path.join(dir, part), { recursive: true });
  lowerSyntax(path.join(dir, 'renderer'));
  return dir;
}

/**
 * The scanner's AST walker predates ES2022 (class static blocks stop it), and
 * the renderer bundle uses them. Lowering the copy to ES2021 keeps every call
 * and property the checks look for, so the renderer is scanned, not skipped.
 */
function lowerSyntax(dir) {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.m?js$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const { code } = transformSync(readFileSync(file, 'utf8'), { target: 'es2021', format: 'esm', loader: 'js' });
    writeFileSync(file, code);
  }
}

async function runScanner(input, version, excluded) {
  const require = createRequire(import.meta.url);
  silenceNetwork(require);
  const run = require('@doyensec/electronegativity'); // CommonJS: the module is the function
  // The scanner logs through winston and console; keep stdout for our report.
  const log = console.log;
  console.log = (...args) => console.error(...args);
  try {
    return await run({
      input,
      isRelative: true,
      electronVersionOverride: version,
      excludeFromScan: excluded,
      customScan: [],
      parserPlugins: [],
    });
  } finally {
    console.log = log;
  }
}

/**
 * The scanner's only network uses are a translation download and Electron's
 * release list (for the check excluded in the justifications file). Neither is
 * reachable from CI, so its HTTP client answers "offline" at once instead of
 * trying hosts and waiting for time-outs.
 */
function silenceNetwork(require) {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const gotPath = scannerRequire.resolve('got');
  const offline = () => Promise.reject(new Error('electronegativity runs offline here'));
  offline.head = offline;
  offline.get = offline;
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = offline;
  Module._cache[gotPath] = stub;
}

function judge(scan, policy) {
  const findings = scan.issues.map((i) => ({
    check: i.id,
    file: i.file.split(path.sep).join('/'),
    line: i.location.line,
    column: i.location.column,
    severity: i.severity.name,
    confidence: i.confidence.name,
    sample: String(i.sample ?? '').trim().slice(0, 200),
    description: i.description,
  }));
  const covers = (entry, f) => entry.check === f.check && fileMatches(entry.file, f.file);
  const justified = findings.filter((f) => policy.justified.some((j) => covers(j, f)));
  const unjustified = findings.filter((f) => !policy.justified.some((j) => covers(j, f)));
  const regressed = findings.filter((f) => policy.fixed.some((x) => covers(x, f)));
  const stale = policy.justified.filter((j) => !findings.some((f) => covers(j, f)));
  // A file the scanner could not parse was not checked at all.
  const unparsed = scan.errors.filter((e) => !e.tolerable).map((e) => ({ file: e.file, message: e.message }));
  return {
    ok: unjustified.length === 0 && regressed.length === 0 && stale.length === 0 && unparsed.length === 0,
    checksRun: scan.globalChecks + scan.atomicChecks,
    findings,
    justified: justified.length,
    fixed: policy.fixed.length,
    unjustified,
    regressed,
    stale,
    unparsed,
  };
}

/** A justification names a file relative to out/; '*' stands for any run of characters but '/' (chunk hashes). */
function fileMatches(pattern, file) {
  const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^/]*')}$`);
  return re.test(file);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function printReport(r) {
  const where = (f) => `${f.check} ${f.file}:${f.line}:${f.column} (${f.severity}/${f.confidence}) ${f.sample}`;
  console.log(`electronegativity: ${r.checksRun} checks, ${r.findings.length} findings, ${r.justified} justified, ${r.fixed} fixed earlier`);
  for (const f of r.unjustified) console.log(`  unjustified: ${where(f)}\n    ${f.description}`);
  for (const f of r.regressed) console.log(`  fixed before, back again: ${where(f)}`);
  for (const j of r.stale) console.log(`  justification matches nothing any more (remove it): ${j.check} ${j.file}`);
  for (const e of r.unparsed) console.log(`  not scanned (parse error): ${e.file}: ${e.message}`);
  console.log(r.ok ? 'electronegativity: ok' : 'electronegativity: FAILED');
}
