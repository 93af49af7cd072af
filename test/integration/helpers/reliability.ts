// Shared by the reliability tests (crash consistency, two-process concurrency):
// the CLI bundled from the current sources, a seeded PRNG, scratch dirs on
// tmpfs, and a reading of a store's state to compare before and after.
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { cliBundleOptions } from '../../../scripts/cli-bundle.mjs';
import { reachableBlobs, Store } from '../../../electron/core/store';
import type { FsckReport } from '../../../shared/schemas';
import { onProcessExit, run, type RunResult, type TempDir } from '../../fixtures/tools';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** BERTH_SOAK=1: the long runs of `npm run test:soak`. */
export const SOAK = process.env.BERTH_SOAK === '1';

// ---------------------------------------------------------------- seeds

/** The run's seed: BERTH_SEED when given (to replay a failure), else a fresh one. */
export function runSeed(): number {
  const given = process.env.BERTH_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0) throw new Error(`BERTH_SEED must be a non-negative integer, not ${given}`);
    return n >>> 0;
  }
  return (Math.random() * 2 ** 32) >>> 0;
}

/** mulberry32: small, fast and good enough to pick test cases reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** n distinct items of xs (all of them when n >= length), in a seeded order. */
export function sample<T>(rand: () => number, xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.min(n, copy.length));
}

// ---------------------------------------------------------------- the CLI

/**
 * Bundles the CLI from the current sources exactly as `npm run build` does,
 * beside node_modules (its external dependencies resolve from there), in a
 * directory of this process: out/node may be stale or rebuilt by someone else.
 * BERTH_TEST_CLI_BUNDLE=path/berth.mjs tests that bundle instead (e.g. the
 * shipped out/node/berth.mjs).
 */
export async function bundleCli(): Promise<string> {
  const given = process.env.BERTH_TEST_CLI_BUNDLE;
  if (given) return path.resolve(given);
  const outdir = path.join(ROOT, 'node_modules', '.cache', `berth-reliability-${process.pid}`);
  await rm(outdir, { recursive: true, force: true });
  onProcessExit(() => rmSync(outdir, { recursive: true, force: true }));
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  await build(cliBundleOptions({ entry: path.join(ROOT, 'electron/cli/entry.ts'), outdir, external: Object.keys(pkg.dependencies ?? {}) }));
  return path.join(outdir, 'berth.mjs');
}

export interface Cli {
  bin: string;
  /** HOME, config and Docker config dirs of its own, so no user setting leaks in. */
  env: NodeJS.ProcessEnv;
  run(store: string, args: readonly string[], opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult>;
}

export async function cliIn(bin: string, home: string): Promise<Cli> {
  await mkdir(path.join(home, 'docker'), { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    DOCKER_CONFIG: path.join(home, 'docker'),
    TZ: 'UTC',
    BERTH_CRASH_AT: '',
    BERTH_CRASH_TRACE: '',
  };
  return {
    bin,
    env,
    run: (store, args, opts = {}) =>
      run(process.execPath, [bin, '--store', store, ...args], { env: { ...env, ...opts.env }, timeoutMs: opts.timeoutMs ?? 60_000, cwd: home }),
  };
}

/** One line for an assertion message: how a command ended and what it said. */
export function ending(r: RunResult): string {
  const how = r.signal ? `signal ${r.signal}` : `exit ${r.code}`;
  return `${how}${r.timedOut ? ' (killed on purpose)' : ''}\n${(r.stderr || r.stdout).trim().slice(-1500)}`;
}

// ---------------------------------------------------------------- scratch

/** A fresh directory on tmpfs (fsync is free there), removed at exit if remove() is never called. */
export function scratchDir(prefix: string): TempDir {
  const base = process.platform === 'linux' ? '/dev/shm' : '/tmp';
  const dir = mkdtempSync(path.join(base, `${prefix}-${process.pid}-`));
  const unregister = onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path: dir,
    async remove() {
      unregister();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- store state

export interface StoreState {
  /** index.json: full reference → digest of the descriptor it names. */
  tags: Map<string, string>;
  /** Digests of index.json descriptors without a name (dangling images). */
  untagged: Set<string>;
  /** Image IDs (config digests) of the images the store lists. */
  images: Set<string>;
  /** full reference → image ID. */
  imageOf: Map<string, string>;
  /** Every blob reachable from index.json. */
  reachable: Set<string>;
  /** Every blob file present. */
  blobs: Set<string>;
  fsck: FsckReport;
}

/** Reads a store the way a fresh process would (which also clears what dead writers left). */
export async function readStoreState(dir: string): Promise<StoreState> {
  const store = await Store.open(dir);
  try {
    const index = await store.readIndex();
    const tags = new Map<string, string>();
    const untagged = new Set<string>();
    for (const d of index.manifests) {
      const name = d.annotations?.['org.opencontainers.image.ref.name'];
      if (name) tags.set(name, d.digest);
      else untagged.add(d.digest);
    }
    const snap = await store.snapshot();
    const imageOf = new Map([...snap.byTag].map(([ref, img]) => [ref, img.id]));
    const { reachable } = await reachableBlobs(index, store.docs, store.blobs);
    const blobs = new Set((await store.blobs.list()).map((n) => `sha256:${n}`));
    return { tags, untagged, images: new Set(snap.images.keys()), imageOf, reachable, blobs, fsck: await store.fsck() };
  } finally {
    store.close();
  }
}

/** sha256 of a blob file as stored, to prove its bytes (not just its name) are right. */
export async function fileDigest(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(file)) h.update(c as Buffer);
  return `sha256:${h.digest('hex')}`;
}
