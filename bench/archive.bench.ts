/**
 * `berth save` and `berth load` (the bundled CLI) against skopeo on the same
 * image in the same run: save = `skopeo copy oci:… docker-archive:…`, load =
 * `skopeo copy docker-archive:… oci:…`. Both decompress the gzip layers on
 * save and verify digests on load; Berth also measures every layer's diffID
 * and size on load. A/B alternated, scratch on /dev/shm, mean wall and CPU
 * times, ratios, and peak RSS (GNU time) to show memory stays flat.
 *   npx tsx bench/archive.bench.ts [RUNS]      BERTH_BENCH_LAYERS="512,512" for a 1 GiB image
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { runOk } from '../test/fixtures/tools';
import { layerSizes, writeBenchLayout } from './support/image';
import { bundleCli, report, timed, type Timing } from './support/measure';

const RUNS = Number(process.argv[2] ?? 3);
const LAYER_MB = layerSizes('64,48,32,16');

async function main(): Promise<void> {
  const scratch = await mkdtemp('/dev/shm/berth-archive-bench-');
  try {
    const layout = path.join(scratch, 'layout');
    await writeBenchLayout(layout, LAYER_MB, 1);
    const store = path.join(scratch, 'store');
    await runOk('skopeo', ['--insecure-policy', 'copy', '-q', `oci:${layout}:bench`, `oci:${store}:docker.io/library/bench:1`], { timeoutMs: 600_000 });
    const cli = await bundleCli('berth-archive-bench');
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
    report('save', save.berth, 'skopeo', save.skopeo);
    report('load', load.berth, 'skopeo', load.skopeo);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
