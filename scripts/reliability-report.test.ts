import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, 'reliability-report.mjs');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-reliability-report-'));
  mkdirSync(path.join(dir, 'figures'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function report(): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--file', path.join(dir, 'R.md'), '--dir', path.join(dir, 'figures')], {
    encoding: 'utf8',
    cwd: path.dirname(SCRIPT),
  });
  return { code: r.status, stderr: r.stderr };
}

const figures = (area: string, counters: unknown) => writeFileSync(path.join(dir, 'figures', `${area}.json`), JSON.stringify(counters));
const doc = (text: string) => writeFileSync(path.join(dir, 'R.md'), text);
const read = () => readFileSync(path.join(dir, 'R.md'), 'utf8');

describe('reliability-report', () => {
  it('replaces only the figures block with every area\'s counters, sorted by area', () => {
    figures('hardening', { checks: 22, hostRefusals: 64 });
    figures('crash.pull', { crashesSurvived: 24 });
    figures('crash', { points: 144, lost: 0 });
    doc('# Reliability\n\nProse before.\n\n<!-- figures:start -->\nold table\n<!-- figures:end -->\n\nProse after.\n');
    expect(report().code).toBe(0);
    const out = read();
    expect(out.startsWith('# Reliability\n\nProse before.\n\n<!-- figures:start -->\n')).toBe(true);
    expect(out.endsWith('<!-- figures:end -->\n\nProse after.\n')).toBe(true);
    expect(out).not.toContain('old table');
    expect(out).toMatch(/Figures of the test run of \d{4}-\d{2}-\d{2}, commit \S+/);
    const rows = out.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Area') && !l.startsWith('| ---'));
    expect(rows).toEqual([
      '| crash | points | 144 |',
      '|  | lost | 0 |',
      '| crash.pull | crashesSurvived | 24 |',
      '| hardening | checks | 22 |',
      '|  | hostRefusals | 64 |',
    ]);
  });

  it('is stable: a second run over the same figures writes the same file', () => {
    figures('fuzz', { inputsTried: 3 });
    doc('<!-- figures:start --><!-- figures:end -->');
    expect(report().code).toBe(0);
    const once = read();
    expect(report().code).toBe(0);
    expect(read()).toBe(once);
  });

  it('fails clearly, leaving the file alone, when the markers are missing, reversed or doubled', () => {
    figures('fuzz', { inputsTried: 3 });
    for (const text of [
      '# Reliability\nno markers\n',
      '<!-- figures:start -->\n',
      '<!-- figures:end -->\n<!-- figures:start -->\n',
      '<!-- figures:start --><!-- figures:end --><!-- figures:start --><!-- figures:end -->',
    ]) {
      doc(text);
      const r = report();
      expect(r.code, text).toBe(1);
      expect(r.stderr).toMatch(/figures block|comes before/);
      expect(read()).toBe(text);
    }
  });

  it('fails when there are no figures or a file is not an object of numbers', () => {
    doc('<!-- figures:start --><!-- figures:end -->');
    expect(report().stderr).toContain('no figures in');
    figures('bad', { n: 'three' });
    const r = report();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('counter n is not a number');
  });
});
