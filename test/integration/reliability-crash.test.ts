// Crash consistency (issue #9, part 2): the real CLI (bundled from the current
// sources) is SIGKILLed in the middle of pull, tag, rmi, load and image prune,
// at the store's crash points (BERTH_CRASH_AT, see electron/core/store/crash-point.ts)
// and at seeded random moments from outside. After each crash the store must
// pass fsck, keep everything that was committed before, and the same command,
// run again, must complete and leave the state a run without a crash leaves.
//
// The cases are drawn from a seeded PRNG; the seed is in every failure message
// (replay with BERTH_SEED=<seed>). BERTH_SOAK=1 crashes at every point and adds
// more timed kills.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reachableBlobs, REF_NAME, Store } from '../../electron/core/store';
import { addImage, fileLayer } from '../../electron/core/store/testing/build';
import { recordFigures } from '../fixtures/figures';
import { seedImages } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import type { RunResult, TempDir } from '../fixtures/tools';
import {
  bundleCli,
  cliIn,
  ending,
  prng,
  readStoreState,
  runSeed,
  sample,
  scratchDir,
  SOAK,
  type Cli,
  type StoreState,
} from './helpers/reliability';

const SEED = runSeed();
/** Cases per operation: crash points first, timed kills to fill up. */
const MIN_CASES = 20;
/** The network-bound pull is also killed from outside at least this often. */
const MIN_TIMED_PULL = SOAK ? 20 : 4;
const SOAK_TIMED = 20;

let reg: RegistryHandle;
let work: TempDir;
let cli: Cli;
let template: string;
let before: StoreState;
let archive: string;

/** What the template holds, by role: each operation may change only its own targets. */
const KEEP = ['docker.io/library/keep:1', 'docker.io/library/keep:alias', 'docker.io/library/keep:2'];
const VICTIM = 'docker.io/library/victim:1';
let amd64Ref: string;
let danglingDigests: string[] = [];

beforeAll(async () => {
  const t0 = Date.now();
  [reg, work] = await Promise.all([startRegistry(), Promise.resolve(scratchDir('berth-crash'))]);
  const [, bin] = await Promise.all([seedImages(reg), bundleCli()]);
  cli = await cliIn(bin, path.join(work.path, 'home'));
  amd64Ref = `${reg.host}/busybox:1.35-amd64`;
  template = path.join(work.path, 'template');
  archive = path.join(work.path, 'amd64.tar');
  await buildTemplate();
  before = await readStoreState(template);
  expect(before.fsck.problems).toEqual([]);
  console.log(`reliability-crash: seed ${SEED} (replay with BERTH_SEED=${SEED}), setup ${Date.now() - t0} ms`);
}, 300_000);

afterAll(async () => {
  await reg?.stop();
  await work?.remove();
});

/**
 * Images made in-process: two kept ones, a victim for rmi and two dangling
 * ones for prune, most sharing a base layer (what a removal must not take);
 * and a docker-archive, made by `berth save`, of the image the pull case pulls.
 */
async function buildTemplate(): Promise<void> {
  const store = await Store.open(template);
  const base = await fileLayer('base', 'shared by all');
  const k1 = await addImage(store, { layers: [base, await fileLayer('k', 'one')], tag: KEEP[0], created: '2024-01-02T00:00:00Z' });
  await store.update((tx) => void tx.setTag(KEEP[1]!, { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: k1.manifestDigest, size: k1.manifest.length }));
  await addImage(store, { layers: [base, await fileLayer('k', 'two')], tag: KEEP[2], created: '2024-01-03T00:00:00Z' });
  await addImage(store, { layers: [base, await fileLayer('v', 'victim'), await fileLayer('w', 'victim too')], tag: VICTIM });
  const d1 = await addImage(store, { layers: [base, await fileLayer('d', 'dangling one')] });
  const d2 = await addImage(store, { layers: [await fileLayer('d', 'dangling two')], created: '2024-01-04T00:00:00Z' });
  danglingDigests = [d1.manifestDigest, d2.manifestDigest];
  await store.snapshot(); // measured layer facts are written now, not by the first reader after a crash
  store.close();
  const scratch = path.join(work.path, 'save-store');
  for (const args of [['pull', amd64Ref], ['save', '-o', archive, amd64Ref]]) {
    const r = await cli.run(scratch, args);
    expect(r.code, ending(r)).toBe(0);
  }
  await rm(scratch, { recursive: true, force: true });
}

interface Operation {
  name: 'pull' | 'tag' | 'rmi' | 'load' | 'prune';
  args: () => string[];
  /** Template tags the operation may remove (all others must survive every crash). */
  mayRemoveTags: () => string[];
  /** Template dangling descriptors it may remove. */
  mayRemoveUntagged: () => string[];
  /** Its rerun collects what the crash left unreachable (prune runs GC). */
  reclaims?: boolean;
  /** A rerun's ending that is right although not exit 0 (rmi of what the crashed run already removed). */
  rerunAlsoOk?: (r: RunResult, afterCrash: StoreState) => boolean;
}

const operations: Operation[] = [
  { name: 'pull', args: () => ['pull', amd64Ref], mayRemoveTags: () => [], mayRemoveUntagged: () => [] },
  { name: 'tag', args: () => ['tag', 'keep:1', 'fresh/tag:1'], mayRemoveTags: () => [], mayRemoveUntagged: () => [] },
  {
    name: 'rmi',
    args: () => ['rmi', 'victim:1'],
    mayRemoveTags: () => [VICTIM],
    mayRemoveUntagged: () => [],
    // Docker's answer for an image that is already gone: right when the crashed run got that far.
    rerunAlsoOk: (r, afterCrash) => !afterCrash.tags.has(VICTIM) && r.code === 1 && r.stderr === 'Error response from daemon: No such image: victim:1\n',
    reclaims: true, // even that re-run pays the GC debt the crashed run left
  },
  { name: 'load', args: () => ['load', '-i', archive], mayRemoveTags: () => [], mayRemoveUntagged: () => [] },
  { name: 'prune', args: () => ['image', 'prune', '-f'], mayRemoveTags: () => [], mayRemoveUntagged: () => danglingDigests, reclaims: true },
];

interface Case {
  kind: 'point' | 'timed';
  /** The crash point's number (1-based), or the kill's delay in ms after the first point. */
  at: number;
}

interface Trace {
  names: string[];
  /** ms since the process started, per point. */
  times: number[];
}

async function readTrace(file: string): Promise<Trace> {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { names: lines.map((l) => l.split('\t')[0]!), times: lines.map((l) => Number(l.split('\t')[1])) };
}

/**
 * Seeded cases: crash points (all in soak), then timed kills. A timed kill comes a
 * seeded delay after the process passed its first point, within the time the clean
 * run took from its first point to its last: process start-up (most of a short
 * command's life, and slower on a busy machine) is not what these test.
 */
function planCases(op: Operation, trace: Trace, rand: () => number): Case[] {
  const numbers = trace.names.map((_, i) => i + 1);
  const points = sample(rand, numbers, SOAK ? numbers.length : MIN_CASES).sort((a, b) => a - b);
  let timed = Math.max(0, MIN_CASES - points.length);
  if (op.name === 'pull') timed = Math.max(timed, MIN_TIMED_PULL);
  if (SOAK) timed = Math.max(timed, SOAK_TIMED);
  const span = Math.max(1, (trace.times.at(-1) ?? 0) - (trace.times[0] ?? 0));
  const delays = Array.from({ length: timed }, () => Math.round(rand() * span * 10) / 10);
  return [...points.map((at) => ({ kind: 'point' as const, at })), ...delays.map((at) => ({ kind: 'timed' as const, at }))];
}

/** Runs the command and SIGKILLs it (as a parent would: child.kill) `delayMs` after its first crash point. */
async function runKilledAfterFirstPoint(args: string[], env: NodeJS.ProcessEnv, traceFile: string, delayMs: number): Promise<RunResult> {
  const child = spawn(process.execPath, [cli.bin, ...args], { env: { ...cli.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let killed = false;
  const poll = setInterval(() => {
    if (statSync(traceFile, { throwIfNoEntry: false })?.size) {
      clearInterval(poll);
      setTimeout(() => {
        killed = child.kill('SIGKILL');
      }, delayMs);
    }
  }, 1);
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
  clearInterval(poll);
  return { code, signal, stdout, stderr, timedOut: killed && signal === 'SIGKILL' };
}

interface Tally {
  cases: number;
  crashes: number;
  reruns: number;
  lost: number;
  garbage: number;
  diedAt: Map<string, number>;
}

describe.each(operations)('a crash during $name', (op) => {
  it('leaves a store that fsck passes, loses nothing committed, and the rerun completes', { timeout: SOAK ? 3_600_000 : 300_000 }, async () => {
    const t0 = Date.now();
    const rand = prng(SEED ^ hashName(op.name));
    const dir = path.join(work.path, `case-${op.name}`);
    const traceFile = path.join(work.path, `trace-${op.name}`);

    // A run without a crash: the list of points it passes, and the state every rerun must reach.
    await fresh(dir, traceFile);
    const clean = await cli.run(dir, op.args(), { env: { BERTH_CRASH_TRACE: traceFile } });
    expect(clean.code, ending(clean)).toBe(0);
    const trace = await readTrace(traceFile);
    const expected = await readStoreState(dir);
    expect(expected.fsck.problems).toEqual([]);
    expect(expected.blobs).toEqual(expected.reachable); // a clean run leaves no garbage

    const owed = await owedBlobsOf(op);
    const cases = planCases(op, trace, rand);
    const tally: Tally = { cases: 0, crashes: 0, reruns: 0, lost: 0, garbage: 0, diedAt: new Map() };
    for (const c of cases) await runCase(op, c, { dir, traceFile, expected, owed }, tally);

    expect(tally.cases).toBeGreaterThanOrEqual(MIN_CASES);
    recordFigures('crash', { points: tally.cases, crashesSurvived: tally.crashes, operations: 1, lost: tally.lost, rerunsCompleted: tally.reruns });
    recordFigures(`crash.${op.name}`, {
      pointsTraced: trace.names.length,
      distinctPoints: new Set(trace.names).size,
      pointCases: cases.filter((c) => c.kind === 'point').length,
      timedCases: cases.filter((c) => c.kind === 'timed').length,
      crashesSurvived: tally.crashes,
      garbageBlobsLeft: tally.garbage,
    });
    const died = [...tally.diedAt].map(([n, k]) => `${n}×${k}`).join(', ');
    console.log(
      `crash ${op.name}: ${trace.names.length} points [${summarize(trace.names)}]; ${tally.cases} cases, ${tally.crashes} crashes ` +
        `(died at: ${died}), ${tally.reruns} reruns, ${tally.garbage} garbage blobs left, ${Date.now() - t0} ms (seed ${SEED})`,
    );
  });
});

async function fresh(dir: string, traceFile: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await rm(traceFile, { force: true });
  await cp(template, dir, { recursive: true });
}

interface CaseContext {
  dir: string;
  traceFile: string;
  /** The state a run without a crash leaves. */
  expected: StoreState;
  /** Blobs of what the operation must keep. */
  owed: Set<string>;
}

async function runCase(op: Operation, c: Case, ctx: CaseContext, tally: Tally): Promise<void> {
  const { dir, traceFile, expected } = ctx;
  const where = `${op.name}, ${c.kind} ${c.at}, seed ${SEED}`;
  await fresh(dir, traceFile);
  const env = { BERTH_CRASH_TRACE: traceFile, ...(c.kind === 'point' ? { BERTH_CRASH_AT: String(c.at) } : {}) };
  const r =
    c.kind === 'point'
      ? await cli.run(dir, op.args(), { env })
      : await runKilledAfterFirstPoint(['--store', dir, ...op.args()], env, traceFile, c.at);
  const trace = await readTrace(traceFile);
  tally.cases += 1;
  if (c.kind === 'point') {
    expect(r.signal, `${where}: ${ending(r)}`).toBe('SIGKILL');
    expect(trace.names.length, where).toBe(c.at); // it died at exactly that point
  } else if (r.signal !== 'SIGKILL') {
    expect(r.code, `${where}: finished before the kill, so it must have succeeded: ${ending(r)}`).toBe(0);
  }
  const crashed = r.signal === 'SIGKILL';
  if (crashed) {
    tally.crashes += 1;
    const at = trace.names.at(-1) ?? '(before any point)';
    tally.diedAt.set(at, (tally.diedAt.get(at) ?? 0) + 1);
  }

  const afterCrash = await readStoreState(dir);
  expect(afterCrash.fsck.problems, `${where}: fsck after the crash`).toEqual([]);
  const lost = lostSince(op, afterCrash, ctx.owed);
  tally.lost += lost.length;
  expect(lost, `${where}: committed before the crash`).toEqual([]);

  await rm(traceFile, { force: true });
  const again = await cli.run(dir, op.args());
  const rerunOk = again.code === 0 || (op.rerunAlsoOk?.(again, afterCrash) ?? false);
  expect(rerunOk, `${where}: rerun: ${ending(again)}`).toBe(true);
  tally.reruns += 1;

  const final = await readStoreState(dir);
  expect(final.fsck.problems, `${where}: fsck after the rerun`).toEqual([]);
  expect(final.tags, `${where}: tags after the rerun`).toEqual(expected.tags);
  expect(final.untagged, `${where}: dangling images after the rerun`).toEqual(expected.untagged);
  expect(final.imageOf, `${where}: images after the rerun`).toEqual(expected.imageOf);
  expect(final.images, where).toEqual(expected.images);
  expect(final.reachable, where).toEqual(expected.reachable);
  // Unreachable blobs a crash left behind are garbage for the next GC, never content anyone lost.
  const garbage = [...final.blobs].filter((b) => !final.reachable.has(b));
  if (op.reclaims) expect(garbage, `${where}: left after the rerun`).toEqual([]);
  tally.garbage += garbage.length;
}

/** What the template had that is now missing or changed, other than what the operation may remove. */
function lostSince(op: Operation, now: StoreState, owedBlobs: Set<string>): string[] {
  const lost: string[] = [];
  const removableTags = new Set(op.mayRemoveTags());
  const removableUntagged = new Set(op.mayRemoveUntagged());
  for (const [tag, digest] of before.tags) {
    if (!removableTags.has(tag) && now.tags.get(tag) !== digest) lost.push(`tag ${tag} (was ${digest}, now ${now.tags.get(tag) ?? 'absent'})`);
  }
  for (const [tag, id] of before.imageOf) {
    if (!removableTags.has(tag) && now.imageOf.get(tag) !== id) lost.push(`image of ${tag}`);
  }
  for (const digest of before.untagged) {
    if (!removableUntagged.has(digest) && !now.untagged.has(digest)) lost.push(`dangling image ${digest}`);
  }
  // Present is enough: fsck, which passed, hashed every blob.
  for (const b of owedBlobs) if (!now.blobs.has(b)) lost.push(`blob ${b}`);
  return lost;
}

/** Every blob the template's entries that the operation must keep reach. */
async function owedBlobsOf(op: Operation): Promise<Set<string>> {
  const removable = new Set([...op.mayRemoveTags(), ...op.mayRemoveUntagged()]);
  const store = await Store.open(template);
  try {
    const index = await store.readIndex();
    const kept = index.manifests.filter((d) => !removable.has(d.annotations?.[REF_NAME] ?? d.digest));
    return (await reachableBlobs({ ...index, manifests: kept }, store.docs, store.blobs)).reachable;
  } finally {
    store.close();
  }
}

function hashName(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** "name×count" for each distinct point, in first-seen order. */
function summarize(names: string[]): string {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, k]) => (k > 1 ? `${n}×${k}` : n)).join(' ');
}

