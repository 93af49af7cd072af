/** Running the CLI as it ships against a peer command, and reporting the two side by side. */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { cliBundleOptions } from '../../scripts/cli-bundle.mjs';
import { run } from '../../test/fixtures/tools';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Bundles the CLI from the current sources exactly as scripts/build-node.mjs does, beside node_modules. */
export async function bundleCli(name: string): Promise<string> {
  const outdir = path.join(ROOT, 'node_modules', '.cache', name);
  await rm(outdir, { recursive: true, force: true }); // no stale chunks
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  await build(cliBundleOptions({ entry: path.join(ROOT, 'electron/cli/entry.ts'), outdir, external: Object.keys(pkg.dependencies ?? {}) }));
  return path.join(outdir, 'berth.mjs');
}

export interface Timing {
  ms: number;
  /** User + system CPU time: steadier than wall time on a machine others share. */
  cpuMs: number;
  rssKb: number;
}

/** Wall time, CPU time and peak RSS (KiB) of a command under GNU time. */
export async function timed(cmd: string, args: string[]): Promise<Timing> {
  const t0 = performance.now();
  const r = await run('/usr/bin/time', ['-v', cmd, ...args], { timeoutMs: 900_000 });
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.code}\n${r.stderr.slice(-2000)}`);
  const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpuMs = (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000;
  return { ms, cpuMs, rssKb: field('Maximum resident set size \\(kbytes\\)') };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The middle value (the mean of the two middle ones for an even count): one slow run on a shared machine does not move it. */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const runsOf = (ts: Timing[]): string => ts.map((t) => t.ms.toFixed(0)).join(', ');
const peakMiB = (ts: Timing[]): string => (Math.max(...ts.map((t) => t.rssKb)) / 1024).toFixed(0);

export type Statistic = 'mean' | 'median';

/** Wall and CPU times (mean, or median), their ratios, and peak RSS of Berth against a peer measured in the same run. */
export function report(what: string, berth: Timing[], peerName: string, peer: Timing[], statistic: Statistic = 'mean'): void {
  const stat = statistic === 'mean' ? mean : median;
  const [bm, pm] = [stat(berth.map((t) => t.ms)), stat(peer.map((t) => t.ms))];
  const [bc, pc] = [stat(berth.map((t) => t.cpuMs)), stat(peer.map((t) => t.cpuMs))];
  console.log(`${what}: berth ${statistic} ${bm.toFixed(0)} ms (${runsOf(berth)}), ${peerName} ${statistic} ${pm.toFixed(0)} ms (${runsOf(peer)})`);
  console.log(`${what}: ratio berth/${peerName} ${(bm / pm).toFixed(2)} wall, ${(bc / pc).toFixed(2)} cpu (cpu ${bc.toFixed(0)} vs ${pc.toFixed(0)} ms; < 1 means Berth is faster)`);
  console.log(`${what}: peak RSS berth ${peakMiB(berth)} MiB, ${peerName} ${peakMiB(peer)} MiB`);
}
