/**
 * `berth pull` (the bundled CLI) against `skopeo copy docker://… oci:…` on a
 * 100+ MB, 4-layer image from a local registry started here, in the same run:
 * A/B alternated, fresh stores on /dev/shm, mean wall times, the ratio, and
 * Berth's peak RSS (GNU time's maximum resident set size). Berth also
 * decompresses every layer to verify its diffID; skopeo only checks digests.
 *   npx tsx bench/pull.bench.ts [RUNS]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { startRegistry } from '../test/fixtures/registry';
import { runOk } from '../test/fixtures/tools';
import { layerSizes, writeBenchLayout } from './support/image';
import { bundleCli, report, timed, type Timing } from './support/measure';

const RUNS = Number(process.argv[2] ?? 4);
// BERTH_BENCH_LAYERS="200,8" changes the layer sizes (MiB of files each), e.g. to see that memory stays flat.
const LAYER_MB = layerSizes('48,32,24,8');

async function main(): Promise<void> {
  const scratch = await mkdtemp('/dev/shm/berth-pull-bench-');
  const reg = await startRegistry();
  try {
    const layout = path.join(scratch, 'layout');
    const bytes = await writeBenchLayout(layout, LAYER_MB, 6);
    const ref = `${reg.host}/bench/big:1`;
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', '--dest-tls-verify=false', `oci:${layout}:bench`, `docker://${ref}`], { timeoutMs: 600_000 });
    const cli = await bundleCli('berth-bench');
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
    report('pull', berth, 'skopeo', skopeo);
  } finally {
    await reg.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
