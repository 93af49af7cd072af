/**
 * `berth pull` (the bundled CLI) against `skopeo copy docker://… oci:…` on a
 * 100+ MB, 4-layer image from a local registry started here, in the same run:
 * A/B alternated, fresh stores on /dev/shm, mean wall times, the ratio, and
 * Berth's peak RSS (GNU time's maximum resident set size). Berth also
 * decompresses every layer to verify its diffID; skopeo only checks digests.
 *   npx tsx bench/pull.bench.ts [RUNS]
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { cliBundleOptions } from '../scripts/cli-bundle.mjs';
import tar from 'tar-stream';
import { startRegistry } from '../test/fixtures/registry';
import { run, runOk } from '../test/fixtures/tools';

const RUNS = Number(process.argv[2] ?? 4);
const ROOT = path.resolve(import.meta.dirname, '..');
// BERTH_BENCH_LAYERS="200,8" changes the layer sizes (MiB of files each), e.g. to see that memory stays flat.
const LAYER_MB = (process.env.BERTH_BENCH_LAYERS ?? '48,32,24,8').split(',').map(Number);

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A layer tar: files of pseudo-random bytes (incompressible) and of repeated text (compressible). */
async function layerTar(mb: number, seed: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (let i = 0; i < mb; i++) {
    const random = i % 2 === 0;
    const body = random ? randomBytes(1 << 20) : Buffer.from(`layer ${seed} line ${i} `.repeat(1 << 16).slice(0, 1 << 20));
    pack.entry({ name: `data/${seed}/f${i}.${random ? 'bin' : 'txt'}`, size: body.length, mtime: new Date(0) }, body);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function writeLayout(dir: string): Promise<number> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    const digest = sha256(b);
    await writeFile(path.join(dir, 'blobs', 'sha256', digest.slice(7)), b);
    return { digest, size: b.length };
  };
  const layers = [];
  const diffIds = [];
  for (const [i, mb] of LAYER_MB.entries()) {
    const t = await layerTar(mb, i);
    diffIds.push(sha256(t));
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...(await put(gzipSync(t, { level: 6 }))) });
  }
  const config = await put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds }, config: {} })));
  const manifest = await put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers })));
  const ref = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'bench' } };
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [ref] }));
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return layers.reduce((n, l) => n + l.size, 0);
}

/** Bundles the CLI from the current sources (as scripts/build-node.mjs does), beside node_modules. */
async function bundleCli(): Promise<string> {
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'berth-bench');
  await rm(outdir, { recursive: true, force: true }); // no stale chunks
  const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  await build(cliBundleOptions({ entry: path.join(ROOT, 'electron/cli/entry.ts'), outdir, external: Object.keys(pkg.dependencies ?? {}) }));
  return path.join(outdir, 'berth.mjs');
}

interface Timing {
  ms: number;
  /** User + system CPU time: steadier than wall time on a machine others share. */
  cpuMs: number;
  rssKb: number;
}

/** Wall time, CPU time and peak RSS (KiB) of a command under GNU time. */
async function timed(cmd: string, args: string[]): Promise<Timing> {
  const t0 = performance.now();
  const r = await run('/usr/bin/time', ['-v', cmd, ...args], { timeoutMs: 600_000 });
  const ms = performance.now() - t0;
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${r.code}\n${r.stderr.slice(-2000)}`);
  const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpuMs = (field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 1000;
  return { ms, cpuMs, rssKb: field('Maximum resident set size \\(kbytes\\)') };
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const scratch = await mkdtemp('/dev/shm/berth-pull-bench-');
  const reg = await startRegistry();
  try {
    const layout = path.join(scratch, 'layout');
    const bytes = await writeLayout(layout);
    const ref = `${reg.host}/bench/big:1`;
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', `oci:${layout}:bench`, `docker://${ref}`], { timeoutMs: 600_000 });
    const cli = await bundleCli();
    if (process.env.BERTH_BENCH_PROFILE) {
      // One profiled pull (node --cpu-prof) for looking at where the time goes; no comparison.
      const prof = process.env.BERTH_BENCH_PROFILE;
      await runOk(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${prof}`, cli, '--store', path.join(scratch, 'prof'), 'pull', '-q', ref]);
      console.log(`profile written to ${prof}`);
      return;
    }
    console.log(`image: ${LAYER_MB.length} layers, ${(bytes / 1e6).toFixed(1)} MB compressed, ${LAYER_MB.reduce((a, b) => a + b)} MiB of files; ${RUNS} runs each, alternating`);
    const berth: Timing[] = [];
    const skopeo: Timing[] = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = path.join(scratch, `run-${i}`);
      const b = () => timed(process.execPath, [cli, '--store', `${dir}-berth`, 'pull', '-q', ref]).then((t) => berth.push(t));
      const s = () => timed('skopeo', ['--insecure-policy', 'copy', '-q', '--src-tls-verify=false', `docker://${ref}`, `oci:${dir}-skopeo:bench`]).then((t) => skopeo.push(t));
      for (const step of i % 2 === 0 ? [b, s] : [s, b]) await step();
      await rm(`${dir}-berth`, { recursive: true, force: true });
      await rm(`${dir}-skopeo`, { recursive: true, force: true });
    }
    const bm = mean(berth.map((t) => t.ms));
    const sm = mean(skopeo.map((t) => t.ms));
    console.log(`berth pull : mean ${bm.toFixed(0)} ms  (${berth.map((t) => t.ms.toFixed(0)).join(', ')})`);
    console.log(`skopeo copy: mean ${sm.toFixed(0)} ms  (${skopeo.map((t) => t.ms.toFixed(0)).join(', ')})`);
    console.log(`ratio berth/skopeo: ${(bm / sm).toFixed(2)}  (< 1 means Berth is faster)`);
    const bc = mean(berth.map((t) => t.cpuMs));
    const sc = mean(skopeo.map((t) => t.cpuMs));
    console.log(`cpu (user+sys): berth mean ${bc.toFixed(0)} ms, skopeo mean ${sc.toFixed(0)} ms`);
    console.log(`peak RSS: berth max ${(Math.max(...berth.map((t) => t.rssKb)) / 1024).toFixed(0)} MiB, skopeo max ${(Math.max(...skopeo.map((t) => t.rssKb)) / 1024).toFixed(0)} MiB`);
  } finally {
    await reg.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
