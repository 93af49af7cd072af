// Two processes on one store (issue #9, part 3): the browser host (`berth
// serve`, driven over its WebSocket contract) and the CLI (one process per
// command), each reaching the same real registry through recording proxies of
// its own. In each round, at once: both pull overlapping images (they share
// layers and configs), both run tag loops on a kept image (untagging some of
// their own tags again), and both delete victim images (`image prune -a -f`
// with a label filter, and rmi), so GC runs while the other side's pulls hold
// blobs that no image records yet.
//
// After each round: no tag a process created and did not delete is lost; every
// pull succeeded (a blob collected while in use fails it); fsck passes; every
// image is inspectable and its layers hash to their digests; and no process
// fetched any blob twice (full GETs: Range resumes do not count).
// The seed is printed (replay with BERTH_SEED); BERTH_SOAK=1 runs more rounds.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeImages } from '../../electron/core/images';
import { Store } from '../../electron/core/store';
import { addImage, fileLayer } from '../../electron/core/store/testing/build';
import { recordFigures } from '../fixtures/figures';
import { seedImages, type SeededName } from '../fixtures/images';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import type { RunResult, TempDir } from '../fixtures/tools';
import { HostSession, startServe, type ServedHost } from './helpers/host-session';
import { bundleCli, cliIn, ending, fileDigest, prng, readStoreState, runSeed, scratchDir, SOAK, type Cli } from './helpers/reliability';

const SEED = runSeed();
const ROUNDS = SOAK ? 12 : 3;
const TAGS_PER_ROUND = SOAK ? 30 : 10;
const VICTIMS_PER_SIDE = SOAK ? 6 : 3;
const KEEP = 'docker.io/library/keep:1';

interface PullSpec {
  name: SeededName;
  platform?: string;
}

// Overlapping sets: amd64 and its v2s2 twin and peers/nested copy share every blob;
// arm64 shares the busybox layer; the index resolves to amd64 again.
const HOST_PULLS: PullSpec[] = [
  { name: 'busybox:1.35-amd64' },
  { name: 'peers/nested/busybox:1.35-amd64' },
  { name: 'busybox:1.35-arm64' },
];
const CLI_PULLS: PullSpec[] = [
  { name: 'busybox:1.35-amd64-v2s2' },
  { name: 'busybox:1.35-arm64' },
  { name: 'busybox:1.35', platform: 'linux/amd64' },
];

let reg: RegistryHandle;
let work: TempDir;
let cli: Cli;
let store: string;
let served: ServedHost;
let host: HostSession;
/** config or layer, by digest: what a duplicate fetch was. */
const roles = new Map<string, string>();

beforeAll(async () => {
  [reg, work] = await Promise.all([startRegistry(), Promise.resolve(scratchDir('berth-concurrency'))]);
  const [seeded, bin] = await Promise.all([seedImages(reg), bundleCli()]);
  for (const img of Object.values(seeded.images)) {
    if (img.configDigest) roles.set(img.configDigest, 'config');
    for (const l of img.layers) roles.set(l.digest, 'layer');
  }
  cli = await cliIn(bin, path.join(work.path, 'home'));
  store = path.join(work.path, 'store');
  const s = await Store.open(store);
  await addImage(s, { layers: [await fileLayer('keep', 'kept')], tag: KEEP, labels: { 'berth.keep': '1' } });
  s.close();
  served = await startServe(bin, store, cli.env, work.path);
  host = await HostSession.open(served);
  console.log(`reliability-concurrency: seed ${SEED} (replay with BERTH_SEED=${SEED}), ${ROUNDS} rounds`);
}, 300_000);

afterAll(async () => {
  host?.close();
  await served?.daemon.stop();
  await reg?.stop();
  await work?.remove();
});

type Side = 'host' | 'cli';

interface PullOutcome {
  side: Side;
  ref: string;
  ok: boolean;
  error: string;
}

interface SideLog {
  created: string[];
  deleted: string[];
  pulls: PullOutcome[];
  prunes: number;
  proxies: FaultProxy[];
}

const totals = { rounds: 0, pulls: 0, tags: 0, prunes: 0, lostTags: 0, blobsCollectedInUse: 0, duplicateFetches: 0, hostBlobFetches: 0, cliBlobFetches: 0 };

describe('the host and the CLI on one store at once', () => {
  it('lose no tag, collect no blob in use and fetch no shared blob twice per process', { timeout: SOAK ? 3_600_000 : 240_000 }, async () => {
    const rand = prng(SEED);
    for (let round = 0; round < ROUNDS; round++) await runRound(round, rand);
    recordFigures('concurrency', {
      rounds: totals.rounds,
      pulls: totals.pulls,
      tags: totals.tags,
      prunes: totals.prunes,
      lostTags: totals.lostTags,
      blobsCollectedInUse: totals.blobsCollectedInUse,
      duplicateFetches: totals.duplicateFetches,
      hostBlobFetches: totals.hostBlobFetches,
      cliBlobFetches: totals.cliBlobFetches,
    });
    console.log(`concurrency: ${JSON.stringify(totals)} (seed ${SEED})`);
  });
});

async function runRound(round: number, rand: () => number): Promise<void> {
  const where = `round ${round}, seed ${SEED}`;
  const victims = await makeVictims(round);
  const logs: Record<Side, SideLog> = {
    host: { created: [], deleted: [], pulls: [], prunes: 0, proxies: [] },
    cli: { created: [], deleted: [], pulls: [], prunes: 0, proxies: [] },
  };
  try {
    // Every lane runs to its end even when one fails: nothing may still write when the store is checked or removed.
    const lanes = await Promise.allSettled([
      hostPulls(logs.host, rand),
      tagLoop('host', round, logs.host, rand),
      removeVictims('host', victims.host, logs.host, rand),
      cliPulls(logs.cli),
      tagLoop('cli', round, logs.cli, rand),
      removeVictims('cli', victims.cli, logs.cli, rand),
    ]);
    for (const lane of lanes) if (lane.status === 'rejected') throw lane.reason;
    await checkRound(where, logs, victims);
  } finally {
    for (const p of [...logs.host.proxies, ...logs.cli.proxies]) await p.close();
  }
  await clearPulled();
  totals.rounds += 1;
}

/** Images each side deletes during the round: a layer of their own, a label naming them. */
async function makeVictims(round: number): Promise<Record<Side, Array<{ tag: string; label: string }>>> {
  const s = await Store.open(store);
  const out: Record<Side, Array<{ tag: string; label: string }>> = { host: [], cli: [] };
  try {
    for (const side of ['host', 'cli'] as const) {
      for (let i = 0; i < VICTIMS_PER_SIDE; i++) {
        const label = `${side}-${round}-${i}`;
        const tag = `docker.io/victim/${side}:${round}-${i}`;
        await addImage(s, { layers: [await fileLayer('v', label)], tag, labels: { 'berth.victim': label } });
        out[side].push({ tag, label });
      }
    }
  } finally {
    s.close();
  }
  return out;
}

/**
 * The host pulls its whole set at once, through one proxy for this round. It starts
 * after a seeded delay, so across rounds either side may get to a shared blob first
 * (a CLI process takes a few hundred ms to start) or both fetch it at the same time.
 */
async function hostPulls(log: SideLog, rand: () => number): Promise<void> {
  const proxy = await startFaultProxy({ target: reg.url });
  log.proxies.push(proxy);
  await sleep(rand() * 1200);
  const started = await Promise.all(
    HOST_PULLS.map(async (p) => {
      const ref = `${proxy.host}/${p.name}`;
      const { jobId } = await host.call<{ jobId: string }>('images.pull', { ref, ...(p.platform ? { platform: p.platform } : {}) });
      return { ref, jobId };
    }),
  );
  for (const { ref, jobId } of started) {
    const job = await host.waitJob(jobId);
    log.pulls.push({ side: 'host', ref, ok: job.state === 'succeeded', error: job.error ? `${job.error.code}: ${job.error.message}` : job.state });
  }
}

/** One `berth pull` process per image, all at once, each through a proxy of its own. */
async function cliPulls(log: SideLog): Promise<void> {
  await Promise.all(
    CLI_PULLS.map(async (p) => {
      const proxy = await startFaultProxy({ target: reg.url });
      log.proxies.push(proxy);
      const ref = `${proxy.host}/${p.name}`;
      const r = await cli.run(store, ['pull', ...(p.platform ? ['--platform', p.platform] : []), ref]);
      log.pulls.push({ side: 'cli', ref, ok: r.code === 0, error: ending(r) });
    }),
  );
}

/** Tags the kept image again and again; every third step untags the previous one of its own tags. */
async function tagLoop(side: Side, round: number, log: SideLog, rand: () => number): Promise<void> {
  for (let i = 0; i < TAGS_PER_ROUND; i++) {
    const target = `docker.io/${side}/tag:r${round}-${i}`;
    if (side === 'host') await host.call('images.tag', { ref: KEEP, target });
    else await cliOk(['tag', KEEP, target]);
    log.created.push(target);
    if (i % 3 === 2) {
      const victim = log.created.filter((t) => !log.deleted.includes(t)).at(-2)!;
      if (side === 'host') await host.call('images.remove', { refs: [victim] });
      else await cliOk(['rmi', victim]);
      log.deleted.push(victim);
    }
    if (side === 'host') await sleep(rand() * 40);
  }
}

/** Deletes each victim, alternating a filtered `prune -a -f` and rmi, so GC runs again and again. */
async function removeVictims(side: Side, victims: Array<{ tag: string; label: string }>, log: SideLog, rand: () => number): Promise<void> {
  for (const [i, v] of victims.entries()) {
    await sleep(rand() * 150);
    const filter = `label=berth.victim=${v.label}`;
    if (side === 'host') {
      if (i % 2 === 0) await host.call('images.prune', { all: true, filters: [filter] });
      else await host.call('images.remove', { refs: [v.tag] });
    } else if (i % 2 === 0) await cliOk(['image', 'prune', '-a', '-f', '--filter', filter]);
    else await cliOk(['rmi', v.tag]);
    log.prunes += 1;
  }
}

async function cliOk(args: string[]): Promise<RunResult> {
  const r = await cli.run(store, args);
  expect(r.code, `berth ${args.join(' ')}: ${ending(r)}`).toBe(0);
  return r;
}

const BLOB_PATH = /\/blobs\/(sha256:[a-f0-9]{64})$/;

/** Full (non-Range) successful blob GETs per digest, in one proxy's log. */
function fetchesByDigest(proxy: FaultProxy): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of proxy.requests) {
    const digest = BLOB_PATH.exec(r.url.split('?')[0] ?? '')?.[1];
    if (r.listener !== 'registry' || r.method !== 'GET' || !digest || r.range !== undefined || r.status !== 200) continue;
    counts.set(digest, (counts.get(digest) ?? 0) + 1);
  }
  return counts;
}

async function checkRound(where: string, logs: Record<Side, SideLog>, victims: Record<Side, Array<{ tag: string }>>): Promise<void> {
  const pulls = [...logs.host.pulls, ...logs.cli.pulls];
  const collected = pulls.filter((p) => !p.ok && /not been stored|missing|No such|NOT_FOUND/i.test(p.error));
  totals.blobsCollectedInUse += collected.length;
  totals.pulls += pulls.length;
  expect(pulls.filter((p) => !p.ok), `${where}: failed pulls`).toEqual([]);

  const state = await readStoreState(store);
  expect(state.fsck.problems, `${where}: fsck`).toEqual([]);
  const keepId = state.imageOf.get(KEEP);
  expect(keepId, where).toBeDefined();
  for (const side of ['host', 'cli'] as const) {
    const { created, deleted, prunes } = logs[side];
    const lost = created.filter((t) => !deleted.includes(t) && state.imageOf.get(t) !== keepId);
    totals.lostTags += lost.length;
    totals.tags += created.length;
    totals.prunes += prunes;
    expect(lost, `${where}: ${side} tags lost`).toEqual([]);
    expect(deleted.filter((t) => state.tags.has(t)), `${where}: ${side} tags it deleted`).toEqual([]);
    expect(victims[side].filter((v) => state.tags.has(v.tag)), `${where}: ${side} victims left`).toEqual([]);
  }

  // Every image the store lists answers inspect, and every pulled layer hashes to its digest.
  const ids = [...state.images];
  const inspected = await cli.run(store, ['image', 'inspect', '-f', '{{.Id}} {{len .RootFS.Layers}}', ...ids]);
  expect(inspected.code, `${where}: inspect: ${ending(inspected)}`).toBe(0);
  expect(inspected.stdout.trim().split('\n').map((l) => l.split(' ')[0]).sort(), where).toEqual([...ids].sort());
  const s = await Store.open(store);
  try {
    const snap = await s.snapshot();
    for (const p of pulls) {
      const img = snap.byTag.get(p.ref);
      expect(img, `${where}: ${p.ref} pulled`).toBeDefined();
      for (const l of img!.layers) expect(await fileDigest(s.blobs.path(l.digest)), `${where}: layer of ${p.ref}`).toBe(l.digest);
    }
  } finally {
    s.close();
  }

  for (const side of ['host', 'cli'] as const) {
    for (const proxy of logs[side].proxies) {
      const counts = fetchesByDigest(proxy);
      const twice = [...counts].filter(([, n]) => n > 1).map(([d, n]) => `${roles.get(d) ?? 'blob'} ${d} ×${n}`);
      totals[side === 'host' ? 'hostBlobFetches' : 'cliBlobFetches'] += [...counts.values()].reduce((a, b) => a + b, 0);
      totals.duplicateFetches += twice.length;
      expect(twice, `${where}: blobs the ${side} fetched more than once through ${proxy.host}`).toEqual([]);
    }
  }
}

/** Between rounds: the pulled images go, so the next round downloads everything again. */
async function clearPulled(): Promise<void> {
  const s = await Store.open(store);
  try {
    const snap = await s.snapshot();
    const refs = [...snap.byTag.keys()].filter((t) => t.startsWith('127.0.0.1:'));
    if (refs.length) await removeImages(s, { refs, force: true, noPrune: false });
  } finally {
    s.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
