/**
 * Berth on a Docker engine (dockerd started here, its data root on /dev/shm)
 * against the docker CLI and skopeo in the same run:
 * - listing: `berth -H … images` against `docker -H … images` with 2,000 tags
 *   of one image plus 200 distinct small images (same rows checked first), and
 *   the core's images.list for that engine in process, first and repeated, to
 *   show what process start-up costs;
 * - copy to the engine: `berth copy --to unix://… bench:1` (embedded store →
 *   dockerd) against `skopeo copy oci:… docker-daemon:…`; both send a
 *   docker-archive with decompressed layers to POST /images/load;
 * - copy from the engine: `berth copy --from unix://… --to embedded` against
 *   `skopeo copy docker-daemon:… oci:…`; both read GET /images/get (what
 *   `docker save` reads) and write an OCI layout. Skopeo's docker-daemon source is
 *   the same request without a docker CLI process and a pipe in between
 *   (`docker save | skopeo copy docker-archive:/dev/stdin …` would add both and
 *   skopeo would still spool the stream to a temp file), so it is the fair
 *   one-process peer; its temp dir is on /dev/shm like everything else.
 * A/B alternated, medians of wall and CPU time, ratios, and peak RSS (GNU time).
 * The image is removed from the destination between runs. Each copy is also
 * timed on a core in this process (modules loaded, no node start), so the
 * CLI's figure splits into start-up and the transfer itself.
 *   npx tsx bench/engine.bench.ts [RUNS]      BERTH_BENCH_LAYERS="200,8" for another image
 *   BERTH_BENCH_PROFILE=DIR: one profiled `images` and `copy --to` run each (node --cpu-prof), no comparison
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import tar from 'tar-stream';
import type { Job } from '../shared/jobs';
import type { ImageList } from '../shared/schemas';
import { createCore, type Core } from '../electron/core/service';
import { engineApi, startDockerd, type EngineHandle } from '../test/fixtures/engine';
import { runOk } from '../test/fixtures/tools';
import { layerSizes, writeBenchLayout } from './support/image';
import { bundleCli, median, report, timed, type Timing } from './support/measure';

const RUNS = Number(process.argv[2] ?? 7);
const TAGS = 2000;
const SMALL_IMAGES = 200;
// ~60 MiB of files: what `docker images` shows as the image's size.
const LAYER_MB = layerSizes('24,16,12,8');
const API = '/v1.41';
const IMAGE = 'bench:1';

/** A one-file rootfs: each n gives a different layer, so a different image. */
function tinyRootfs(n: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<Buffer>((r) => pack.on('end', () => r(Buffer.concat(chunks))));
  pack.entry({ name: 'etc/bench-id', mtime: new Date(0) }, `${n}\n`);
  pack.finalize();
  return done;
}

async function api(engine: EngineHandle, method: string, url: string, body?: Buffer): Promise<string> {
  const r = await engineApi(engine, method, `${API}${url}`, body ? { body, headers: { 'Content-Type': 'application/x-tar' } } : {});
  // An import that fails after its stream started still answers 200, with the error in the stream.
  if (r.status >= 300 || r.body.includes('"errorDetail"')) throw new Error(`${method} ${url}: ${r.status} ${r.body.slice(0, 300)}`);
  return r.body;
}

/** Runs task(0..count-1), `width` at a time. */
async function pool(count: number, width: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/** 200 imported one-file images (bench/small:N), the first of them also tagged bench/many:t0000…t1999. */
async function seedListing(engine: EngineHandle): Promise<void> {
  await pool(SMALL_IMAGES, 4, async (i) => api(engine, 'POST', `/images/create?fromSrc=-&repo=bench/small&tag=${i}`, await tinyRootfs(i)));
  await pool(TAGS, 8, (i) => api(engine, 'POST', `/images/bench/small:0/tag?repo=bench/many&tag=t${String(i).padStart(4, '0')}`));
}

const dataRows = (table: string): string[] => table.trim().split('\n').slice(1);
const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;

async function listing(engine: EngineHandle, cli: string, store: string): Promise<void> {
  const host = engine.dockerHost;
  const berthArgs = [cli, '--store', store, '-H', host, 'images'];
  const dockerArgs = ['-H', host, 'images'];
  // Sanity: the same rows (name, tag, ID), before anything is timed.
  const rowsOf = async (cmd: string, args: string[]): Promise<string[]> =>
    (await runOk(cmd, [...args, '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).stdout.trim().split('\n').sort();
  const [b, d] = [await rowsOf(process.execPath, berthArgs), await rowsOf('docker', dockerArgs)];
  if (b.join('\n') !== d.join('\n')) throw new Error(`berth images and docker images differ: ${b.length} vs ${d.length} rows`);
  const tableRows = [dataRows((await runOk(process.execPath, berthArgs)).stdout).length, dataRows((await runOk('docker', dockerArgs)).stdout).length];
  if (tableRows[0] !== tableRows[1]) throw new Error(`table rows differ: berth ${tableRows[0]}, docker ${tableRows[1]}`);
  console.log(`listing: ${tableRows[0]} rows (${TAGS} tags of one image + ${SMALL_IMAGES} images), same rows in both; ${RUNS} runs each, alternating`);

  const berth: Timing[] = [];
  const docker: Timing[] = [];
  const version: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const steps = [
      () => timed(process.execPath, berthArgs).then((t) => berth.push(t)),
      () => timed('docker', dockerArgs).then((t) => docker.push(t)),
    ];
    for (const step of i % 2 === 0 ? steps : steps.reverse()) await step();
    version.push(await timed(process.execPath, [cli, '--version']));
  }
  report('images', berth, 'docker', docker, 'median');

  // The same call without a process around it. The first core of this process also loads the modules (through
  // tsx, so slower than the bundle); a second fresh core shows a first call with them loaded (client, version
  // negotiation, the listing), then repeated calls.
  const call = async (core: Core): Promise<number> => {
    const t0 = performance.now();
    const r = await core.dispatch('images.list', { source: host });
    if (!r.ok) throw new Error(`images.list: ${r.error.message}`);
    const rows = (r.value as ImageList).rows.length;
    if (rows !== tableRows[0]) throw new Error(`images.list: ${rows} rows, expected ${tableRows[0]}`);
    return performance.now() - t0;
  };
  const withCore = async <T>(use: (core: Core) => Promise<T>): Promise<T> => {
    const core = await createCore({ storePath: store, host: 'browser' });
    try {
      return await use(core);
    } finally {
      await core.close();
    }
  };
  const loading = await withCore(call);
  const [first, warm] = await withCore(async (core) => {
    const cold = await call(core);
    const again: number[] = [];
    for (let i = 0; i < RUNS; i++) again.push(await call(core));
    return [cold, again] as const;
  });
  console.log(
    `images: in process first call ${fmt(first)} on a fresh core (${fmt(loading)} with loading the modules), repeated median ${fmt(median(warm))}; ` +
      `\`berth --version\` (node + CLI start, no core) median ${fmt(median(version.map((t) => t.ms)))} of the CLI's ${fmt(median(berth.map((t) => t.ms)))}`,
  );
}

/**
 * Into the embedded store as the other benches do (skopeo writes the store's OCI layout), then one
 * `berth images` so the store records the layer facts (diffID, tar size) that a berth pull records.
 */
async function intoStore(cli: string, layout: string, store: string): Promise<void> {
  await runOk('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${layout}:bench`, `oci:${store}:docker.io/library/${IMAGE}`], { timeoutMs: 600_000 });
  await runOk(process.execPath, [cli, '--store', store, 'images']);
}

interface CopySetup {
  engine: EngineHandle;
  cli: string;
  scratch: string;
  layout: string;
  store: string;
  /** skopeo's global flags and `copy -q`, its temp files on /dev/shm. */
  skopeo: string[];
}

async function copies(engine: EngineHandle, cli: string, scratch: string): Promise<void> {
  const layout = path.join(scratch, 'layout');
  const bytes = await writeBenchLayout(layout, LAYER_MB, 6);
  const store = path.join(scratch, 'store');
  await intoStore(cli, layout, store);
  const tmp = path.join(scratch, 'skopeo-tmp');
  await mkdir(tmp);
  const setup = { engine, cli, scratch, layout, store, skopeo: ['--insecure-policy', '--tmpdir', tmp, 'copy', '-q'] };
  console.log(`copy: ${LAYER_MB.length} layers, ${(bytes / 1e6).toFixed(1)} MB compressed, ${LAYER_MB.reduce((a, b) => a + b)} MiB of files; ${RUNS} runs each, alternating`);
  const toMs = await copyToEngine(setup);
  await runOk(process.execPath, [cli, '--store', store, 'copy', '--to', engine.dockerHost, IMAGE], { timeoutMs: 600_000 });
  const fromMs = await copyFromEngine(setup);
  await removeFromEngine(engine);
  // The same copies on a core in this process (no node start, modules loaded): what is left is the transfer itself.
  const to = await inProcess(scratch, async (core) => {
    const ms = await coreCopy(core, 'embedded', engine.dockerHost);
    await removeFromEngine(engine);
    return ms;
  }, store);
  await runOk(process.execPath, [cli, '--store', store, 'copy', '--to', engine.dockerHost, IMAGE], { timeoutMs: 600_000 });
  const from = await inProcess(scratch, (core) => coreCopy(core, engine.dockerHost, 'embedded'));
  console.log(`copy embedded→dockerd: in process median ${fmt(median(to))} of the CLI's ${fmt(toMs)}`);
  console.log(`copy dockerd→embedded: in process median ${fmt(median(from))} of the CLI's ${fmt(fromMs)}`);
}

const imageId = async (engine: EngineHandle): Promise<string> => (JSON.parse(await api(engine, 'GET', `/images/${IMAGE}/json`)) as { Id: string }).Id;
const removeFromEngine = (engine: EngineHandle): Promise<string> => api(engine, 'DELETE', `/images/${IMAGE}?force=1`);

/** berth copy --to ENGINE against skopeo copy oci:… docker-daemon:…; returns berth's median wall time. */
async function copyToEngine({ engine, cli, layout, store, skopeo }: CopySetup): Promise<number> {
  const host = engine.dockerHost;
  const berth: Timing[] = [];
  const peer: Timing[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const steps = [
      () => timed(process.execPath, [cli, '--store', store, 'copy', '--to', host, IMAGE]).then((t) => berth.push(t)),
      () => timed('skopeo', [...skopeo, '--dest-daemon-host', host, `oci:${layout}:bench`, `docker-daemon:${IMAGE}`]).then((t) => peer.push(t)),
    ];
    for (const step of i % 2 === 0 ? steps : steps.reverse()) {
      await step();
      ids.add(await imageId(engine)); // it arrived, under its name
      await removeFromEngine(engine);
    }
  }
  report('copy embedded→dockerd', berth, 'skopeo', peer, 'median');
  if (ids.size !== 1) throw new Error(`berth and skopeo loaded different image IDs: ${[...ids].join(', ')}`);
  return median(berth.map((t) => t.ms));
}

/** berth copy --from ENGINE --to embedded against skopeo copy docker-daemon:… oci:…, into fresh dirs; returns berth's median. */
async function copyFromEngine({ engine, cli, scratch, skopeo }: CopySetup): Promise<number> {
  const host = engine.dockerHost;
  const id = await imageId(engine);
  const berth: Timing[] = [];
  const peer: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    const out = path.join(scratch, `from-${i}`);
    const steps = [
      () => timed(process.execPath, [cli, '--store', `${out}-berth`, 'copy', '--from', host, '--to', 'embedded', IMAGE]).then((t) => berth.push(t)),
      () => timed('skopeo', [...skopeo, '--src-daemon-host', host, `docker-daemon:${IMAGE}`, `oci:${out}-skopeo:bench`]).then((t) => peer.push(t)),
    ];
    for (const step of i % 2 === 0 ? steps : steps.reverse()) await step();
    if (i === 0) {
      // It arrived, under its name and ID (outside the timings).
      const got = (await runOk(process.execPath, [cli, '--store', `${out}-berth`, 'images', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])).stdout.trim();
      if (got !== `${IMAGE} ${id}`) throw new Error(`the store after the copy lists ${JSON.stringify(got)}, expected ${IMAGE} ${id}`);
    }
    await rm(`${out}-berth`, { recursive: true, force: true });
    await rm(`${out}-skopeo`, { recursive: true, force: true });
  }
  report('copy dockerd→embedded', berth, 'skopeo', peer, 'median');
  return median(berth.map((t) => t.ms));
}

const IN_PROCESS_RUNS = 5;

/**
 * Times `copy` on a fresh core per run (the given store, or a new one that is
 * removed after), after one untimed run that loads the modules.
 */
async function inProcess(scratch: string, copy: (core: Core) => Promise<number>, store?: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i <= IN_PROCESS_RUNS; i++) {
    const dir = store ?? path.join(scratch, `in-process-${i}`);
    const core = await createCore({ storePath: dir, host: 'browser' });
    try {
      const ms = await copy(core);
      if (i > 0) times.push(ms);
    } finally {
      await core.close();
      if (!store) await rm(dir, { recursive: true, force: true });
    }
  }
  return times;
}

const FINAL = new Set<Job['state']>(['succeeded', 'failed', 'cancelled']);

/** images.copy of IMAGE, followed to its end as the CLI follows it; its wall time. */
async function coreCopy(core: Core, from: string, to: string): Promise<number> {
  const t0 = performance.now();
  const ended = new Map<string, Job>();
  let wanted: string | undefined;
  let settle: (job: Job) => void = () => {};
  const done = new Promise<Job>((resolve) => (settle = resolve));
  const off = core.bus.on('job.updated', (job) => {
    if (!FINAL.has(job.state)) return;
    ended.set(job.id, job);
    if (job.id === wanted) settle(job);
  });
  try {
    const r = await core.dispatch('images.copy', { from, to, refs: [IMAGE] });
    if (!r.ok) throw new Error(`images.copy: ${r.error.message}`);
    wanted = (r.value as { jobId: string }).jobId;
    const early = ended.get(wanted);
    if (early) settle(early);
    const job = await done;
    if (job.state !== 'succeeded') throw new Error(`images.copy ${from} → ${to}: ${job.state}: ${job.error?.message ?? ''}`);
  } finally {
    off();
  }
  return performance.now() - t0;
}

/** One CPU profile each of `images` and `copy --to`, for looking at where the time goes. */
async function profile(engine: EngineHandle, cli: string, scratch: string, dir: string): Promise<void> {
  const store = path.join(scratch, 'store');
  await writeBenchLayout(path.join(scratch, 'layout'), LAYER_MB, 6);
  await intoStore(cli, path.join(scratch, 'layout'), store);
  const prof = (...args: string[]) => runOk(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, '--store', store, ...args], { timeoutMs: 600_000 });
  await prof('-H', engine.dockerHost, 'images');
  await prof('copy', '--to', engine.dockerHost, IMAGE);
  console.log(`profiles written to ${dir}`);
}

async function main(): Promise<void> {
  const scratch = await mkdtemp('/dev/shm/berth-engine-bench-');
  try {
    const engine = await startDockerd({ dataRoot: path.join(scratch, 'dockerd') });
    if ('skipped' in engine) {
      console.log(`engine bench skipped: ${engine.skipped}`);
      return;
    }
    try {
      const [cli] = await Promise.all([bundleCli('berth-engine-bench'), seedListing(engine)]);
      if (process.env.BERTH_BENCH_PROFILE) return await profile(engine, cli, scratch, process.env.BERTH_BENCH_PROFILE);
      await listing(engine, cli, path.join(scratch, 'list-store'));
      await copies(engine, cli, scratch);
    } finally {
      await engine.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
