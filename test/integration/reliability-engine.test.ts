// Reliability of the engine sources (issue #9, extended to the Docker Engine
// API): a real dockerd behind test/fixtures/engine-fault-proxy.ts, a proxy on
// a unix socket that cuts, stalls, truncates and garbles the engine's answers
// and uploads by rule. Each case drives the real core (createCore, with the
// proxy as DOCKER_HOST) and asserts one exact outcome: a specific error code
// and a message a user can act on, or success. After every case the embedded
// store passes fsck and holds exactly what it held before (no tag, image or
// blob more, no temp file or lease), the engine lists exactly the images it
// listed before, and no job is left running. Then the same operation without
// the fault must succeed.
//
// Last, the real CLI (bundled from the sources) is SIGKILLed at the store's
// crash points during `berth copy --from ENGINE --to embedded`: fsck passes,
// nothing committed before is lost, and the copy run again completes.
//
// Seeded (BERTH_SEED replays the offsets and points); BERTH_SOAK=1 runs more
// offsets per cut and crashes at every point.
import { randomBytes } from 'node:crypto';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs';
import type { Source } from '../../shared/schemas';
import { EngineClient } from '../../electron/core/engine/client';
import { parseEndpoint } from '../../electron/core/engine/endpoint';
import { engineImageHandlers } from '../../electron/core/engine/images';
import { createCore, type Core } from '../../electron/core/service';
import { Store } from '../../electron/core/store';
import { addImage, fileLayer, tarOf } from '../../electron/core/store/testing/build';
import { engineApi, startDockerd, type EngineHandle } from '../fixtures/engine';
import { startEngineFaultProxy, type EngineFaultProxy, type EngineFaultRule } from '../fixtures/engine-fault-proxy';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy';
import { recordFigures } from '../fixtures/figures';
import { buildImageLayout } from '../fixtures/images';
import { startRegistry, type RegistryHandle } from '../fixtures/registry';
import { runOk, tempDir, type TempDir } from '../fixtures/tools';
import { bundleCli, cliIn, ending, prng, readStoreState, runSeed, sample, SOAK, type Cli, type StoreState } from './helpers/reliability';

const SEED = runSeed();
const rand = prng(SEED);
/** Seeded offsets per cut (archive reset, truncation, upload cut). */
const ROUNDS = SOAK ? 6 : 1;
const CRASH_POINTS = 10;
/** Registry blobs answer this late: a pull the engine did not stop would complete within it. */
const BLOB_DELAY_MS = 1_500;
/** The direct client's wait for headers (the app's is 60 s). */
const HEADERS_TIMEOUT_MS = 1_500;

let docker: EngineHandle | undefined;
let skipped = '';
let reg: RegistryHandle;
let slowReg: FaultProxy;
let work: TempDir;
let proxy: EngineFaultProxy;
let core: Core;
let storeDir: string;
let cli: Cli;
let template: string;

/** busybox amd64 in dockerd (pulled there at setup): what copies to the embedded store move. */
let engineRef: string;
/** busybox arm64 through the slow registry: what the pull cases pull. */
let pullRef: string;
const KEEP = 'docker.io/library/keep:1';
const uploadRef = (i: number): string => `docker.io/library/upload-${i}:1`;
const UPLOAD_CONTROL = 'docker.io/library/upload-control:1';

const figures = { cases: 0, faultsInjected: 0, refusedWithError: 0, recovered: 0, crashes: 0, lost: 0, halfImages: 0 };
/** Each refusal as it came, printed at the end: what a user would have read. */
const outcomes: string[] = [];

beforeAll(async () => {
  const t0 = Date.now();
  work = await tempDir('berth-rel-engine');
  const [d, r, bin] = await Promise.all([startDockerd(), startRegistry(), bundleCli()]);
  reg = r;
  if ('skipped' in d) {
    skipped = d.skipped;
    console.warn(`[reliability-engine] dockerd SKIPPED: ${skipped}`);
    return;
  }
  docker = d;
  const layout = await buildImageLayout(path.join(work.path, 'layout'));
  await Promise.all(
    ['1.35-amd64', '1.35-arm64'].map((tag) =>
      runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', `oci:${layout.dir}:${tag}`, `docker://${reg.host}/busybox:${tag}`]),
    ),
  );
  slowReg = await startFaultProxy({ target: reg.url, rules: [{ path: 'blob', method: 'GET', fault: { kind: 'stall', ms: BLOB_DELAY_MS } }] });
  engineRef = `${reg.host}/busybox:1.35-amd64`;
  pullRef = `${slowReg.host}/busybox:1.35-arm64`;
  const pulled = await engineApi(docker, 'POST', `/images/create?fromImage=${reg.host}/busybox&tag=1.35-amd64`);
  expect(pulled.status, pulled.body).toBe(200);

  template = path.join(work.path, 'template');
  await buildTemplate();
  storeDir = path.join(work.path, 'store');
  await cp(template, storeDir, { recursive: true });
  proxy = await startEngineFaultProxy({ socket: path.join(work.path, 'engine.sock'), target: docker.socket });
  core = await createCore({
    storePath: storeDir,
    host: 'browser',
    env: { ...process.env, DOCKER_HOST: proxy.endpoint, BERTH_ENGINE_SOCKETS: '', XDG_CONFIG_HOME: path.join(work.path, 'config'), HOME: work.path },
  });
  cli = await cliIn(bin, path.join(work.path, 'home'));
  console.log(`reliability-engine: seed ${SEED} (replay with BERTH_SEED=${SEED}), setup ${Date.now() - t0} ms`);
}, 180_000);

afterAll(async () => {
  if (figures.cases > 0) recordFigures('engine', figures);
  if (outcomes.length > 0) console.log(`reliability-engine outcomes (seed ${SEED}):\n${outcomes.join('\n')}\nfigures: ${JSON.stringify(figures)}`);
  await core?.close();
  await proxy?.close();
  await slowReg?.close();
  await docker?.stop();
  await reg?.stop();
  await work?.remove();
});

/** An image to keep, one to copy to the engine per upload round (content the engine has never seen), and a control one. */
async function buildTemplate(): Promise<void> {
  const store = await Store.open(template);
  try {
    await addImage(store, { layers: [await fileLayer('keep', 'kept through every fault')], tag: KEEP });
    const unique = async (ref: string): Promise<void> => {
      await addImage(store, { layers: [await tarOf([{ name: 'data.bin', content: randomBytes(256 * 1024) }])], tag: ref, compress: false });
    };
    await unique(UPLOAD_CONTROL);
    for (let i = 0; i < ROUNDS; i++) await unique(uploadRef(i));
    await store.snapshot();
  } finally {
    store.close();
  }
}

function needsEngine(ctx: { skip(note?: string): never }): void {
  if (skipped) ctx.skip(`dockerd unavailable: ${skipped}`);
}

// ---------------------------------------------------------------- driving the core

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

/** The error a call ends with, as { code, message }. */
async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as { code?: string }).code ?? 'thrown', message: (e as Error).message };
  }
  throw new Error('the call succeeded');
}

/** Starts a job and waits (30 s at most: a job that never settles fails the case) for its end. */
async function runJob(method: 'images.copy' | 'images.pull', input: unknown): Promise<Job> {
  const { jobId } = await call<{ jobId: string }>(method, input);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const job = (await call<Job[]>('jobs.list', {})).find((j) => j.id === jobId);
    if (job && ['succeeded', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} (${method}) never settled: ${JSON.stringify(job)}`);
    await sleep(25);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- what must hold after a case

/** The engine's image IDs (all=1: intermediate ones too), straight from its own socket. */
async function engineImages(): Promise<string[]> {
  const r = await engineApi(docker!, 'GET', '/images/json?all=1');
  expect(r.status).toBe(200);
  return (JSON.parse(r.body) as { Id: string }[]).map((i) => i.Id).sort();
}

interface Baseline {
  store: StoreState;
  engine: string[];
}

async function baseline(): Promise<Baseline> {
  return { store: await readStoreState(storeDir), engine: await engineImages() };
}

/** The store and the engine as they were, fsck clean, nothing left behind, no job running. */
async function unchanged(before: Baseline, where: string): Promise<void> {
  const list = (d: string) => readdir(path.join(storeDir, 'berth', d)).catch(() => [] as string[]);
  expect({ tmp: await list('tmp'), leases: await list('leases') }, `${where}: left in the store`).toEqual({ tmp: [], leases: [] });
  const now = await readStoreState(storeDir);
  expect(now.fsck.problems, `${where}: fsck`).toEqual([]);
  const lost = [...before.store.tags].filter(([t, d]) => now.tags.get(t) !== d).length + [...before.store.blobs].filter((b) => !now.blobs.has(b)).length;
  figures.lost += lost;
  expect(now.tags, `${where}: tags`).toEqual(before.store.tags);
  expect(now.images, `${where}: images`).toEqual(before.store.images);
  expect(now.blobs, `${where}: blobs`).toEqual(before.store.blobs);
  const engine = await engineImages();
  const half = engine.filter((id) => !before.engine.includes(id));
  figures.halfImages += half.length;
  expect(half, `${where}: images the engine did not have`).toEqual([]);
  expect(engine, `${where}: engine images`).toEqual(before.engine);
  const running = (await call<Job[]>('jobs.list', {})).filter((j) => j.state === 'queued' || j.state === 'running');
  expect(running, `${where}: jobs left running`).toEqual([]);
}

/** Arms the proxy for one case and counts what it injected. */
async function withRules<T>(rules: EngineFaultRule[], body: () => Promise<T>): Promise<T> {
  proxy.setRules(rules);
  const before = proxy.injected.length;
  try {
    return await body();
  } finally {
    const injected = proxy.injected.length - before;
    proxy.setRules([]);
    expect(injected, 'the fault was injected').toBeGreaterThan(0);
    figures.faultsInjected += injected;
  }
}

function refused(job: Job | { code: string; message: string }, code: string, message: string | RegExp, where: string): void {
  const error = 'state' in job ? job.error : job;
  if ('state' in job) expect(job.state, `${where}: ${JSON.stringify(job.error)}`).toBe('failed');
  expect(error?.code, `${where}: ${error?.message}`).toBe(code);
  if (typeof message === 'string') expect(error?.message, where).toBe(message);
  else expect(error?.message, where).toMatch(message);
  figures.refusedWithError += 1;
  outcomes.push(`  ${where} → ${error?.code}: ${error?.message}`);
}

/** A seeded offset in [lo, hi). */
const offset = (lo: number, hi: number): number => lo + Math.floor(rand() * Math.max(1, hi - lo));

const lostMidAnswer = (): string => `lost the connection to the Docker daemon at ${proxy.endpoint} mid-answer: unexpected EOF`;
const cannotConnect = (): string => `Cannot connect to the Docker daemon at ${proxy.endpoint}. Is the docker daemon running?`;

// ---------------------------------------------------------------- cases

describe('copies between dockerd and the embedded store, cut on the way', () => {
  let archiveSize = 0;
  let uploadSize = 0;

  it('through the proxy unharmed, both ways: the same image IDs (the control)', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const down = await runJob('images.copy', { from: proxy.endpoint, to: 'embedded', refs: [engineRef] });
    expect(down.error).toBeNull();
    archiveSize = proxy.requests.findLast((r) => r.path === '/images/get')!.bytesDown;
    expect(before.engine).toContain((await readStoreState(storeDir)).imageOf.get(engineRef));
    await call('images.remove', { refs: [engineRef] });
    const up = await runJob('images.copy', { from: 'embedded', to: proxy.endpoint, refs: [UPLOAD_CONTROL] });
    expect(up.error).toBeNull();
    uploadSize = proxy.requests.findLast((r) => r.path === '/images/load')!.bytesUp;
    expect(await engineImages()).toContain(before.store.imageOf.get(UPLOAD_CONTROL));
    expect(archiveSize).toBeGreaterThan(64 * 1024);
    expect(uploadSize).toBeGreaterThan(256 * 1024);
  });

  for (let round = 0; round < ROUNDS; round++) {
    it(`engine → embedded, the archive reset mid-stream (round ${round}): NETWORK, store unchanged; then it copies`, async (ctx) => {
      needsEngine(ctx);
      const before = await baseline();
      const at = offset(1024, archiveSize - 1024);
      const where = `GET /images/get reset after ${at} of ${archiveSize} bytes (seed ${SEED})`;
      const job = await withRules([{ method: 'GET', path: /^\/images\/get$/, fault: { kind: 'reset', afterBytes: at } }], () =>
        runJob('images.copy', { from: proxy.endpoint, to: 'embedded', refs: [engineRef] }),
      );
      figures.cases += 1;
      refused(job, 'NETWORK', lostMidAnswer(), where);
      await unchanged(before, where);
      await recoverCopyDown(before);
    });

    it(`engine → embedded, the archive truncated with a clean end (round ${round}): CORRUPT, store unchanged; then it copies`, async (ctx) => {
      needsEngine(ctx);
      const before = await baseline();
      // Short of manifest.json and repositories, the archive's last entries: a cut after them loses nothing.
      const at = offset(1024, archiveSize - 8 * 1024);
      const where = `GET /images/get truncated at ${at} of ${archiveSize} bytes (seed ${SEED})`;
      const job = await withRules([{ method: 'GET', path: /^\/images\/get$/, fault: { kind: 'truncate', afterBytes: at } }], () =>
        runJob('images.copy', { from: proxy.endpoint, to: 'embedded', refs: [engineRef] }),
      );
      figures.cases += 1;
      refused(job, 'CORRUPT', /^invalid archive: /, where);
      await unchanged(before, where);
      await recoverCopyDown(before);
    });

    it(`embedded → engine, the upload cut (round ${round}): the job fails, the engine has no new image; then it copies`, async (ctx) => {
      needsEngine(ctx);
      const before = await baseline();
      const ref = uploadRef(round);
      const at = offset(512, Math.floor(uploadSize * 0.9));
      const where = `POST /images/load cut after ${at} of about ${uploadSize} bytes (seed ${SEED})`;
      const job = await withRules([{ method: 'POST', path: /^\/images\/load$/, fault: { kind: 'cutUpload', afterBytes: at } }], () =>
        runJob('images.copy', { from: 'embedded', to: proxy.endpoint, refs: [ref] }),
      );
      figures.cases += 1;
      refused(job, 'NETWORK', cannotConnect(), where);
      // dockerd drops what it had received once it sees the connection gone; give it that moment.
      await sleep(200);
      await unchanged(before, where);
      const again = await runJob('images.copy', { from: 'embedded', to: proxy.endpoint, refs: [ref] });
      expect(again.error, `${where}: the copy again`).toBeNull();
      expect(await engineImages()).toContain(before.store.imageOf.get(ref));
      figures.recovered += 1;
    });
  }

  it('embedded → engine, the engine never answers the upload: the job waits (a big load may take long), and cancelling ends it at once', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const ref = UPLOAD_CONTROL; // in the engine since the control: not new to it, yet the proxy forwards nothing
    const job = await withRules([{ method: 'POST', path: /^\/images\/load$/, fault: { kind: 'stall' } }], async () => {
      const { jobId } = await call<{ jobId: string }>('images.copy', { from: 'embedded', to: proxy.endpoint, refs: [ref] });
      await sleep(500);
      expect((await call<Job[]>('jobs.list', {})).find((j) => j.id === jobId)?.state).toBe('running');
      const t0 = Date.now();
      expect(await call('jobs.cancel', { id: jobId })).toEqual({ cancelled: true });
      for (;;) {
        const j = (await call<Job[]>('jobs.list', {})).find((x) => x.id === jobId)!;
        if (j.state !== 'running') return { ...j, took: Date.now() - t0 };
        expect(Date.now() - t0, 'the cancelled job ended').toBeLessThan(10_000); // without the cancel it would never end
        await sleep(20);
      }
    });
    figures.cases += 1;
    expect(job).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' } });
    outcomes.push(`  POST /images/load stalled, then cancelled → ${job.error?.code}: ${job.error?.message} (${job.took} ms after the cancel)`);
    await unchanged(before, 'upload stalled, cancelled');
  });

  /** The same copy without a fault succeeds; the image is then removed again, so the store is as before. */
  async function recoverCopyDown(before: Baseline): Promise<void> {
    const again = await runJob('images.copy', { from: proxy.endpoint, to: 'embedded', refs: [engineRef] });
    expect(again.error, 'the copy again').toBeNull();
    expect((await readStoreState(storeDir)).fsck.problems).toEqual([]);
    figures.recovered += 1;
    await call('images.remove', { refs: [engineRef] });
    expect((await readStoreState(storeDir)).tags).toEqual(before.store.tags);
  }
});

describe('copies from engine to engine (dockerd’s own socket ↔ the proxy in front of it)', () => {
  it('the destination refuses the upload at once: its message; the source’s stream is let go without an unhandled error', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const message = 'write /var/lib/docker/tmp/docker-import-123/repositories: no space left on device';
    const job = await withRules([{ method: 'POST', path: /^\/images\/load$/, fault: { kind: 'status', status: 500, message } }], () =>
      runJob('images.copy', { from: docker!.dockerHost, to: proxy.endpoint, refs: [engineRef] }),
    );
    figures.cases += 1;
    refused(job, 'INTERNAL', message, 'engine → engine, load answered 500');
    await unchanged(before, 'engine → engine, load answered 500');
  });

  it('the destination is gone before it reads a byte: its "Cannot connect"; the source’s open archive is let go without an unhandled error', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const gone = `unix://${path.join(work.path, 'gone.sock')}`;
    const gets = proxy.requests.filter((r) => r.path === '/images/get').length;
    const job = await runJob('images.copy', { from: proxy.endpoint, to: gone, refs: [engineRef] });
    expect(proxy.requests.filter((r) => r.path === '/images/get').length, 'the source’s archive was open').toBe(gets + 1);
    figures.cases += 1;
    refused(job, 'NETWORK', `Cannot connect to the Docker daemon at ${gone}. Is the docker daemon running?`, 'engine → engine, destination gone');
    await sleep(100); // an error the source's stream raised with nobody listening would surface now
    await unchanged(before, 'engine → engine, destination gone');
  });

  it('the source’s archive cut mid-stream: the source’s error, and the destination drops the upload', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const at = offset(1024, 64 * 1024);
    const job = await withRules([{ method: 'GET', path: /^\/images\/get$/, fault: { kind: 'reset', afterBytes: at } }], () =>
      runJob('images.copy', { from: proxy.endpoint, to: docker!.dockerHost, refs: [engineRef] }),
    );
    figures.cases += 1;
    refused(job, 'NETWORK', lostMidAnswer(), `engine → engine, archive cut after ${at} bytes (seed ${SEED})`);
    await unchanged(before, 'engine → engine, archive cut');
  });
});

describe('pulls through dockerd whose progress stream breaks', () => {
  const afterLine = /Pulling fs layer/;
  const pull = (): Promise<Job> => runJob('images.pull', { source: proxy.endpoint, ref: pullRef, platform: 'linux/arm64' });
  const cases: Array<{ name: string; rule: EngineFaultRule; code: string; message: () => string }> = [
    {
      name: 'cut mid-stream',
      rule: { method: 'POST', path: /^\/images\/create$/, fault: { kind: 'reset', afterLine } },
      code: 'NETWORK',
      message: lostMidAnswer,
    },
    {
      name: 'a line that is not JSON',
      rule: { method: 'POST', path: /^\/images\/create$/, fault: { kind: 'badLine', afterLine, line: '<html><body>502 Bad Gateway</body></html>' } },
      code: 'CORRUPT',
      message: () => 'the engine sent a progress line that is not a JSON object: <html><body>502 Bad Gateway</body></html>',
    },
    {
      name: "the engine's error message mid-stream",
      rule: {
        method: 'POST',
        path: /^\/images\/create$/,
        fault: { kind: 'errorLine', afterLine, message: '' }, // the registry's address is known only once it runs
      },
      code: 'NETWORK',
      message: () => `read tcp 127.0.0.1:41234->${slowReg.host}: read: connection reset by peer`,
    },
  ];

  let before: Baseline;
  it.for(cases)('$name: the job fails with a specific error and dockerd keeps no image', async (c, ctx) => {
    needsEngine(ctx);
    before ??= await baseline();
    const where = `pull, ${c.name}`;
    const rule = c.rule.fault.kind === 'errorLine' ? { ...c.rule, fault: { ...c.rule.fault, message: c.message() } } : c.rule;
    const job = await withRules([rule], pull);
    figures.cases += 1;
    refused(job, c.code, c.message(), where);
    await unchanged(before, where);
  });

  it('after the faults: dockerd stopped those pulls (nothing completed later), and a pull without faults succeeds', async (ctx) => {
    needsEngine(ctx);
    before ??= await baseline();
    await sleep(BLOB_DELAY_MS + 1_000); // the registry has answered every blob by now: a pull still going would have finished
    await unchanged(before, 'pulls stopped by the faults');
    const job = await pull();
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect((await engineApi(docker!, 'GET', `/images/${pullRef}/json`)).status).toBe(200);
    figures.recovered += 1;
  });
});

describe('image calls answered with errors, garbage, nothing, or never', () => {
  const listed = async (): Promise<void> => {
    await call('images.list', { source: proxy.endpoint });
  };

  it('HTTP 500 with a message, for list and inspect: the engine’s own message', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const message = 'open /var/lib/docker/image/overlay2/repositories.json: too many open files';
    for (const [name, p, run] of [
      ['list', /^\/images\/json$/, listed],
      ['inspect', /^\/images\/.+\/json$/, () => call('images.inspect', { source: proxy.endpoint, ref: engineRef })],
    ] as const) {
      const got = await withRules([{ method: 'GET', path: p, fault: { kind: 'status', status: 500, message } }], () => failure(run()));
      figures.cases += 1;
      refused(got, 'INTERNAL', message, `${name} answered 500`);
      await run(); // the next call gets the engine's answer
      figures.recovered += 1;
    }
    await unchanged(before, '500s');
  });

  it('a body that is not JSON, or JSON of another shape: CORRUPT, naming the call', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const inspect = () => call('images.inspect', { source: proxy.endpoint, ref: engineRef });
    const cases = [
      { name: 'list, not JSON', path: /^\/images\/json$/, body: '<html>oops</html>', run: listed, message: `${proxy.endpoint} answered /images/json with something that is not JSON` },
      { name: 'list, an object', path: /^\/images\/json$/, body: '{"Images":[]}', run: listed, message: `${proxy.endpoint} answered /images/json with something that is not a list of images` },
      {
        name: 'inspect, not JSON',
        path: /^\/images\/.+\/json$/,
        body: '\u0000\u0001garbage',
        run: inspect,
        message: `${proxy.endpoint} answered /images/${engineRef}/json with something that is not JSON`,
      },
    ];
    for (const c of cases) {
      const got = await withRules([{ method: 'GET', path: c.path, fault: { kind: 'garbage', body: c.body } }], () => failure(c.run()));
      figures.cases += 1;
      refused(got, 'CORRUPT', c.message, c.name);
      await c.run();
      figures.recovered += 1;
    }
    await unchanged(before, 'garbage');
  });

  it('the engine gone for one call (cut before any answer): Docker’s "Cannot connect", sources.changed says unreachable, the next call works', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const probed = await call<Source[]>('sources.list', { probe: true });
    expect(probed.find((s) => s.id === proxy.endpoint)?.state).toBe('connected');
    const changes: Source[][] = [];
    const off = core.bus.on('sources.changed', (l) => changes.push(l));
    try {
      const got = await withRules([{ method: 'GET', path: /^\/images\/json$/, times: 1, fault: { kind: 'drop' } }], () => failure(listed()));
      figures.cases += 1;
      refused(got, 'NETWORK', cannotConnect(), 'list, connection dropped');
      const gone = changes.at(-1)?.find((s) => s.id === proxy.endpoint);
      expect(gone).toMatchObject({ state: 'unreachable', error: cannotConnect() });
    } finally {
      off();
    }
    await listed();
    const back = await call<Source[]>('sources.list', { probe: true });
    expect(back.find((s) => s.id === proxy.endpoint)?.state).toBe('connected');
    figures.recovered += 1;
    await unchanged(before, 'dropped');
  });

  it('a stalled engine (headers never come): the list ends within the client’s wait, and a probe within its own', async (ctx) => {
    needsEngine(ctx);
    const before = await baseline();
    const client = new EngineClient(parseEndpoint(proxy.endpoint), { headersTimeoutMs: HEADERS_TIMEOUT_MS });
    try {
      const list = engineImageHandlers(client)['images.list'];
      await list({ source: proxy.endpoint, all: false, filters: [] }); // negotiated before the stall
      const t0 = Date.now();
      const got = await withRules([{ method: 'GET', path: /^\/images\/json$/, fault: { kind: 'stall' } }], () =>
        failure(list({ source: proxy.endpoint, all: false, filters: [] })),
      );
      const took = Date.now() - t0;
      figures.cases += 1;
      refused(got, 'NETWORK', `${cannotConnect()} (no answer in time)`, 'list, stalled');
      expect(took).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(HEADERS_TIMEOUT_MS + 8_000); // it gave up by itself, not at the test's deadline
      await list({ source: proxy.endpoint, all: false, filters: [] });
      figures.recovered += 1;
    } finally {
      await client.close();
    }
    // What the UI shows for sources: a probe of a stalled engine gives up after its 3 s, saying why.
    const t1 = Date.now();
    const probed = await withRules([{ method: 'GET', path: /^\/(_ping|version)$/, fault: { kind: 'stall' } }], () => call<Source[]>('sources.list', { probe: true }));
    expect(Date.now() - t1).toBeLessThan(12_000); // the probe's own limit ended it
    figures.cases += 1;
    const engine = probed.find((s) => s.id === proxy.endpoint)!;
    refused({ code: engine.state === 'unreachable' ? 'NETWORK' : engine.state, message: engine.error ?? '' }, 'NETWORK', `${cannotConnect()} (no answer in time)`, 'probe, stalled');
    const back = await call<Source[]>('sources.list', { probe: true });
    expect(back.find((s) => s.id === proxy.endpoint)?.state).toBe('connected');
    figures.recovered += 1;
    await unchanged(before, 'stalled');
  });
});

// ---------------------------------------------------------------- kill -9 during a copy

describe('kill -9 of the CLI during `berth copy --from ENGINE --to embedded`', () => {
  it(`at ${SOAK ? 'every crash point' : `${CRASH_POINTS} seeded crash points`}: fsck passes, nothing committed is lost, the copy run again completes`, { timeout: SOAK ? 1_800_000 : 120_000 }, async (ctx) => {
    needsEngine(ctx);
    const t0 = Date.now();
    const dir = path.join(work.path, 'crash-store');
    const traceFile = path.join(work.path, 'crash-trace');
    const args = ['copy', '--from', docker!.dockerHost, '--to', 'embedded', engineRef];
    const fresh = async (): Promise<void> => {
      await rm(dir, { recursive: true, force: true });
      await rm(traceFile, { force: true });
      await cp(template, dir, { recursive: true });
    };
    const engineBefore = await engineImages();
    const kept = await readStoreState(template);

    await fresh();
    const clean = await cli.run(dir, args, { env: { BERTH_CRASH_TRACE: traceFile } });
    expect(clean.code, ending(clean)).toBe(0);
    const trace = (await readFile(traceFile, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
    const expected = await readStoreState(dir);
    expect(expected.fsck.problems).toEqual([]);
    expect(engineBefore).toContain(expected.imageOf.get(engineRef));

    const numbers = trace.map((_, i) => i + 1);
    const points = sample(rand, numbers, SOAK ? numbers.length : CRASH_POINTS).sort((a, b) => a - b);
    expect(points.length, `the copy passes ${trace.length} crash points`).toBeGreaterThanOrEqual(Math.min(CRASH_POINTS, numbers.length));
    expect(points.length).toBeGreaterThanOrEqual(CRASH_POINTS);
    for (const at of points) {
      const where = `copy, crash point ${at} (${trace[at - 1]}), seed ${SEED}`;
      await fresh();
      const r = await cli.run(dir, args, { env: { BERTH_CRASH_TRACE: traceFile, BERTH_CRASH_AT: String(at) } });
      expect(r.signal, `${where}: ${ending(r)}`).toBe('SIGKILL');
      figures.crashes += 1;
      const after = await readStoreState(dir);
      expect(after.fsck.problems, `${where}: fsck after the crash`).toEqual([]);
      const lost = [...kept.tags].filter(([t, d]) => after.tags.get(t) !== d).map(([t]) => `tag ${t}`);
      lost.push(...[...kept.reachable].filter((b) => !after.blobs.has(b)).map((b) => `blob ${b}`));
      figures.lost += lost.length;
      expect(lost, `${where}: committed before the crash`).toEqual([]);
      const again = await cli.run(dir, args);
      expect(again.code, `${where}: the copy again: ${ending(again)}`).toBe(0);
      const final = await readStoreState(dir);
      expect(final.fsck.problems, `${where}: fsck after the rerun`).toEqual([]);
      expect(final.tags, `${where}: tags after the rerun`).toEqual(expected.tags);
      expect(final.imageOf, `${where}: images after the rerun`).toEqual(expected.imageOf);
      expect(final.reachable, where).toEqual(expected.reachable);
      figures.recovered += 1;
    }
    expect(await engineImages()).toEqual(engineBefore); // a copy from the engine never changes it
    console.log(`engine copy crashes: ${trace.length} points traced [${[...new Set(trace)].join(' ')}]; ${points.length} crashes survived, ${Date.now() - t0} ms (seed ${SEED})`);
  });
});
