/**
 * `berth save` and `berth load` (the bundled CLI) against skopeo on the same
 * image in the same run: save = `skopeo copy oci:… docker-archive:…`, load =
 * `skopeo copy docker-archive:… oci:…`. Both decompress the gzip layers on
 * save and verify digests on load; Berth also measures every layer's diffID
 * and size on load. A/B alternated, scratch on /dev/shm, mean wall and CPU
 * times, ratios, and peak RSS (GNU time) to show memory stays flat.
 *   npx tsx bench/archive.bench.ts [RUNS]      BERTH_BENCH_LAYERS="512,512" for a 1 GiB image
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import tar from 'tar-stream';
import { run, runOk } from '../test/fixtures/tools';

const RUNS = Number(process.argv[2] ?? 3);
const ROOT = path.resolve(import.meta.dirname, '..');
const LAYER_MB = (process.env.BERTH_BENCH_LAYERS ?? '64,48,32,16').split(',').map(Number);
const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function layerTar(mb: number, seed: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (let i = 0; i < mb; i++) {
    const body = i % 2 === 0 ? randomBytes(1 << 20) : Buffer.from(`layer ${seed} line ${i} `.repeat(1 << 16).slice(0, 1 << 20));
    pack.entry({ name: `data/${seed}/f${i}`, size: body.length, mtime: new Date(0) }, body);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function writeLayout(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (b: Buffer) => {
    const digest = sha256(b);
    await writeFile(path.join(dir, 'blobs', 'sha256', digest.slice(7)), b);
    return { digest, size: b.length };
  };
  const layers = [];
  const diffIds = [];
  for (const [i, mb] of LAYER_MB.entries()) {
    const t = await layerTar(mb, i);
    diffIds.push(sha256(t));
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...(await put(gzipSync(t, { level: 1 }))) });
  }
  const config = await put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds }, config: {} })));
  const manifest = await put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers })));
  const ref = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'bench' } };
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [ref] }));
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
}

async function bundleCli(): Promise<string> {
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'berth-archive-bench');
  await rm(outdir, { recursive: true, force: true });
  await build({ entryPoints: { berth: path.join(ROOT, 'electron/cli/entry.ts') }, outdir, outExtension: { '.js': '.mjs' }, bundle: true, splitting: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' });
  return path.join(outdir, 'berth.mjs');
}

interface Timing {
  ms: number;
  cpuMs: number;
  rssKb: number;
}

async function timed(cmd: string, args: string[]): Promise<Timing> {
  const t0 = performance.now();
  const r = await run('/usr/bin/time', ['-v', cmd, ...args], { timeoutMs: 900_000 });
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.code}\n${r.stderr.slice(-2000)}`);
  const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  return { ms, cpuMs: (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000, rssKb: field('Maximum resident set size \\(kbytes\\)') };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function report(what: string, berth: Timing[], skopeo: Timing[]): void {
  const [bm, sm] = [mean(berth.map((t) => t.ms)), mean(skopeo.map((t) => t.ms))];
  console.log(`${what}: berth mean ${bm.toFixed(0)} ms (${berth.map((t) => t.ms.toFixed(0)).join(', ')}), skopeo mean ${sm.toFixed(0)} ms (${skopeo.map((t) => t.ms.toFixed(0)).join(', ')})`);
  console.log(`${what}: ratio berth/skopeo ${(bm / sm).toFixed(2)} wall, ${(mean(berth.map((t) => t.cpuMs)) / mean(skopeo.map((t) => t.cpuMs))).toFixed(2)} cpu  (< 1 means Berth is faster)`);
  console.log(`${what}: peak RSS berth ${(Math.max(...berth.map((t) => t.rssKb)) / 1024).toFixed(0)} MiB, skopeo ${(Math.max(...skopeo.map((t) => t.rssKb)) / 1024).toFixed(0)} MiB`);
}

async function main(): Promise<void> {
  const scratch = await mkdtemp('/dev/shm/berth-archive-bench-');
  try {
    const layout = path.join(scratch, 'layout');
    await writeLayout(layout);
    const store = path.join(scratch, 'store');
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${layout}:bench`, `oci:${store}:docker.io/library/bench:1`], { timeoutMs: 600_000 });
    const cli = await bundleCli();
    const reference = path.join(scratch, 'reference.tar');
    await runOk(process.execPath, [cli, '--store', store, 'save', '-o', reference, 'bench:1'], { timeoutMs: 600_000 });
    console.log(`image: ${LAYER_MB.length} layers, ${LAYER_MB.reduce((a, b) => a + b)} MiB of files; archive ${((await stat(reference)).size / 1e6).toFixed(0)} MB; ${RUNS} runs each, alternating`);
    const save = { berth: [] as Timing[], skopeo: [] as Timing[] };
    const load = { berth: [] as Timing[], skopeo: [] as Timing[] };
    for (let i = 0; i < RUNS; i++) {
      const out = path.join(scratch, `out-${i}`);
      const steps = [
        () => timed(process.execPath, [cli, '--store', store, 'save', '-o', `${out}-b.tar`, 'bench:1']).then((t) => save.berth.push(t)),
        () => timed('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${layout}:bench`, `docker-archive:${out}-s.tar:bench:1`]).then((t) => save.skopeo.push(t)),
      ];
      for (const step of i % 2 === 0 ? steps : steps.reverse()) await step();
      await rm(`${out}-b.tar`, { force: true });
      await rm(`${out}-s.tar`, { force: true });
      const loads = [
        () => timed(process.execPath, [cli, '--store', `${out}-bstore`, 'load', '-q', '-i', reference]).then((t) => load.berth.push(t)),
        () => timed('skopeo', ['--insecure-policy', 'copy', '-q', `docker-archive:${reference}`, `oci:${out}-sstore:bench`]).then((t) => load.skopeo.push(t)),
      ];
      for (const step of i % 2 === 0 ? loads : loads.reverse()) await step();
      await rm(`${out}-bstore`, { recursive: true, force: true });
      await rm(`${out}-sstore`, { recursive: true, force: true });
    }
    report('save', save.berth, save.skopeo);
    report('load', load.berth, load.skopeo);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
