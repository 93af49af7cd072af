/**
 * `berth images` and the images.list call on a store with 10,000 tags
 * (1,000 images × 10 tags, sharing two real layers), against `umoci ls`
 * listing the same OCI layout in the same run. Scratch on /dev/shm.
 *   npm run build && npx tsx bench/images-10k.bench.ts [IMAGES] [TAGS_PER_IMAGE]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { createCore } from '../electron/core/service';
import { MEDIA, Store, type Descriptor } from '../electron/core/store';
import { fileLayer, sha256 } from '../electron/core/store/testing/build';

const run = promisify(execFile);
const IMAGES = Number(process.argv[2] ?? 1000);
const TAGS = Number(process.argv[3] ?? 10);
const RUNS = 5;
const ROOT = path.resolve(import.meta.dirname, '..');

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Blobs go in through the store's verified ingest; the 10,000 tags in one locked transaction. */
async function seed(dir: string): Promise<void> {
  const store = await Store.open(dir);
  const lease = store.lease();
  const layers = [await fileLayer('base', 'x'.repeat(4096)), await fileLayer('app', 'y'.repeat(1024))];
  const layerDescs = [];
  for (const l of layers) {
    const { digest, size } = await store.ingest(l, { lease });
    layerDescs.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size });
  }
  const tops: Descriptor[] = [];
  for (let i = 0; i < IMAGES; i++) {
    const config = Buffer.from(JSON.stringify({
      created: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      architecture: 'amd64',
      os: 'linux',
      config: { Cmd: ['sh'], Labels: { n: String(i) } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) },
    }));
    const c = await store.ingest(config, { lease });
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: c.digest, size: c.size },
      layers: layerDescs,
    }));
    const m = await store.ingest(manifest, { lease });
    tops.push({ mediaType: MEDIA.ociManifest, digest: m.digest, size: m.size });
  }
  await store.update((tx) => {
    tops.forEach((top, i) => {
      for (let t = 0; t < TAGS; t++) tx.setTag(`docker.io/bench/app${i}:v${t}`, top);
    });
  });
  await lease.release();
  store.close();
}

async function main(): Promise<void> {
  const scratch = await mkdtemp('/dev/shm/berth-bench-images-');
  const dir = path.join(scratch, 'store');
  try {
    const t0 = performance.now();
    await seed(dir);
    console.log(`seeded ${IMAGES} images × ${TAGS} tags in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const berth = () => run(process.execPath, [path.join(ROOT, 'bin/berth.mjs'), '--store', dir, 'images'], { maxBuffer: 64 << 20 });
    const umoci = () => run('umoci', ['ls', '--layout', dir], { maxBuffer: 64 << 20 });
    const rows = (await berth()).stdout.trim().split('\n').length - 1;
    const names = (await umoci()).stdout.trim().split('\n').length;
    console.log(`berth images: ${rows} rows; umoci ls: ${names} names`);

    // The first berth run above computed and saved what a fresh store lacks (layer sizes); A/B alternate from here.
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(await timed(berth));
      b.push(await timed(umoci));
    }
    console.log(`berth images  mean ${mean(a).toFixed(0)} ms   (runs: ${a.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`umoci ls      mean ${mean(b).toFixed(0)} ms   (runs: ${b.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(`ratio berth/umoci: ${(mean(a) / mean(b)).toFixed(2)}`);

    const core = await createCore({ storePath: dir, host: 'browser' });
    const cold = await timed(() => core.dispatch('images.list', {}));
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await timed(() => core.dispatch('images.list', {})));
    await core.dispatch('images.tag', { ref: 'bench/app0:v0', target: 'bench/moved:x' });
    const afterChange = await timed(() => core.dispatch('images.list', {}));
    await core.close();
    console.log(`images.list in process: first ${cold.toFixed(0)} ms, repeated mean ${mean(warm).toFixed(1)} ms, after a tag ${afterChange.toFixed(0)} ms`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
