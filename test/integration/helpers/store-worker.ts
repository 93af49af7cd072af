/**
 * A second (third, …) process using a Berth store, for the store's
 * multi-process tests. Run with `npx tsx store-worker.ts STORE MODE …`:
 *   tags STORE SOURCE PREFIX COUNT  tag SOURCE as PREFIX:0..COUNT-1, untagging the odd ones again
 *   churn STORE SEED               create, tag, untag, delete and GC images forever (killed by the test)
 * Prints "ready" once the store is open, "done" when a finite mode finishes.
 */
import { removeImages, tagImage } from '../../../electron/core/images';
import { Store } from '../../../electron/core/store';
import { addImage, fileLayer } from '../../../electron/core/store/testing/build';

async function tags(store: Store, source: string, prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await tagImage(store, source, `${prefix}:${i}`);
    if (i % 2 === 1) await removeImages(store, { refs: [`${prefix}:${i}`], force: false, noPrune: false });
  }
}

async function churn(store: Store, seed: number): Promise<never> {
  for (let i = 0; ; i++) {
    const name = `docker.io/library/churn${seed}:${i % 5}`;
    await addImage(store, { layers: [await fileLayer('f', `${seed}-${i}`), await fileLayer('g', 'x'.repeat(i % 7))], tag: name });
    await tagImage(store, name, `churn${seed}-copy:${i % 3}`);
    if (i % 3 === 2) await removeImages(store, { refs: [`churn${seed}-copy:${i % 3}`, `churn${seed}:${(i + 1) % 5}`], force: true, noPrune: false });
    if (i % 4 === 0) await store.gc();
  }
}

async function main(): Promise<void> {
  const [mode, dir, ...rest] = process.argv.slice(2);
  if (!mode || !dir) throw new Error('usage: store-worker MODE STORE …');
  const store = await Store.open(dir);
  process.stdout.write('ready\n');
  if (mode === 'tags') await tags(store, rest[0]!, rest[1]!, Number(rest[2]));
  else if (mode === 'churn') await churn(store, Number(rest[0]));
  else throw new Error(`unknown mode ${mode}`);
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
