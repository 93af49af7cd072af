// Writes the reliability figures into RELIABILITY.md: reads the counters the
// reliability tests recorded (artifacts/reliability/AREA.json, one per area, via
// test/fixtures/figures.ts) and replaces what lies between the markers
//   <!-- figures:start -->  and  <!-- figures:end -->
// with a table of every area's counters, the date of the run and the commit.
// The rest of the file is left exactly as it is.
//
//   node scripts/reliability-report.mjs [--file RELIABILITY.md] [--dir artifacts/reliability]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

const { values: opts } = parseArgs({
  options: {
    file: { type: 'string', default: 'RELIABILITY.md' },
    dir: { type: 'string', default: process.env.BERTH_FIGURES_DIR ?? 'artifacts/reliability' },
  },
});

try {
  const doc = readDoc(opts.file);
  const figures = readFigures(opts.dir);
  const block = renderBlock(figures, runDate(opts.dir, figures), commit());
  writeFileSync(opts.file, replaceBlock(doc, block, opts.file));
  console.log(`reliability-report: ${figures.length} areas written to ${opts.file}\n${block}`);
} catch (e) {
  console.error(`reliability-report: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

function readDoc(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}`);
  }
}

/** [{ area, counters: [[name, value]] }], areas sorted so 'crash' comes before 'crash.pull'. */
function readFigures(dir) {
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  if (names.length === 0) throw new Error(`no figures in ${dir}: run the tests (npm test) first`);
  return names
    .map((name) => {
      const file = path.join(dir, name);
      let data;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new Error(`${file} is not JSON: ${e instanceof Error ? e.message : e}`);
      }
      if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file} must hold one object of counters`);
      const counters = Object.entries(data);
      for (const [k, v] of counters) {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${file}: counter ${k} is not a number`);
      }
      return { area: name.slice(0, -'.json'.length), counters };
    })
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
}

/** When the figures were recorded: the newest of their files. */
function runDate(dir, figures) {
  const newest = Math.max(...figures.map((f) => statSync(path.join(dir, `${f.area}.json`)).mtimeMs));
  return new Date(newest).toISOString().slice(0, 10);
}

/** The commit the figures describe; a tree with uncommitted changes says so. */
function commit() {
  const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const sha = git('rev-parse', '--short=12', 'HEAD');
    return git('status', '--porcelain', '--untracked-files=no') ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function renderBlock(figures, date, sha) {
  const rows = figures.flatMap(({ area, counters }) =>
    counters.map(([name, value], i) => `| ${i === 0 ? area : ''} | ${name} | ${value} |`),
  );
  return [
    START,
    `Figures of the test run of ${date}, commit ${sha}; written by \`node scripts/reliability-report.mjs\`.`,
    '',
    '| Area | Counter | Value |',
    '| --- | --- | ---: |',
    ...rows,
    END,
  ].join('\n');
}

function replaceBlock(doc, block, file) {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start === -1 || end === -1) {
    throw new Error(`${file} has no figures block: put the lines ${START} and ${END} where the table belongs`);
  }
  if (end < start) throw new Error(`${file}: ${END} comes before ${START}`);
  if (doc.indexOf(START, start + 1) !== -1 || doc.indexOf(END, end + 1) !== -1) throw new Error(`${file} has more than one figures block`);
  return doc.slice(0, start) + block + doc.slice(end + END.length);
}
