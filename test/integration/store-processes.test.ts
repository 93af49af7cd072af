// Several processes on one store: concurrent tag/untag lose nothing, and a
// process killed (SIGKILL) at any moment of createImage/tag/rmi/GC leaves a
// store that fsck passes and that the next process can lock and use.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeImages, tagImage } from '../../electron/core/images';
import { Store } from '../../electron/core/store';
import { addImage, fileLayer } from '../../electron/core/store/testing/build';
import { tempDir, type TempDir } from '../fixtures/tools';

const WORKER = path.join(import.meta.dirname, 'helpers', 'store-worker.ts');

let work: TempDir;
beforeEach(async () => {
  work = await tempDir('berth-store-procs');
});
afterEach(async () => work.remove());

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** `node --import tsx` runs the worker in this very process, so its PID is the one to kill. */
function worker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const ready = new Promise<void>((resolve) => {
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) resolve();
    });
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, ready, exited };
}

describe('concurrent processes', () => {
  it('two processes tagging and untagging at once lose nothing', async () => {
    const dir = path.join(work.path, 'store');
    const store = await Store.open(dir);
    await addImage(store, { layers: [await fileLayer('f', 'shared')], tag: 'docker.io/library/src:1' });
    const n = 40;
    const a = worker(['tags', dir, 'src:1', 'alpha/app', String(n)]);
    const b = worker(['tags', dir, 'src:1', 'beta/app', String(n)]);
    await Promise.all([a.ready, b.ready]);
    // This process joins in too, while both workers run.
    for (let i = 0; i < n; i++) await tagImage(store, 'src:1', `gamma/app:${i}`);
    for (const w of [a, b]) expect(await w.exited).toMatchObject({ code: 0, stderr: '' });
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8'));
    const tags = index.manifests.map((d: { annotations?: Record<string, string> }) => d.annotations?.['org.opencontainers.image.ref.name']).sort();
    const even = (p: string) => Array.from({ length: n }, (_, i) => i).filter((i) => i % 2 === 0).map((i) => `docker.io/${p}:${i}`);
    const all = (p: string) => Array.from({ length: n }, (_, i) => `docker.io/${p}:${i}`);
    expect(tags).toEqual([...even('alpha/app'), ...even('beta/app'), ...all('gamma/app'), 'docker.io/library/src:1'].sort());
    expect((await store.fsck()).ok).toBe(true);
    store.close();
  });
});

describe('crashes', () => {
  it('a process killed at random points leaves a store that fsck passes', async () => {
    const dir = path.join(work.path, 'store');
    const store = await Store.open(dir);
    await addImage(store, { layers: [await fileLayer('f', 'base')], tag: 'docker.io/library/keep:1' });
    for (let round = 0; round < 6; round++) {
      const w = worker(['churn', dir, String(round)]);
      await w.ready;
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 900));
      w.child.kill('SIGKILL');
      const end = await w.exited;
      expect(end.signal).toBe('SIGKILL');
      expect(end.stderr).toBe('');
      // A fresh process (here: a fresh Store) finds a consistent store and can take the lock at once.
      const next = await Store.open(dir);
      const report = await next.fsck();
      expect(report.problems).toEqual([]);
      await tagImage(next, 'keep:1', `keep:round${round}`);
      await removeImages(next, { refs: [`keep:round${round}`], force: false, noPrune: false });
      expect((await next.snapshot()).byTag.has('docker.io/library/keep:1')).toBe(true);
      next.close();
    }
    store.close();
  });
});
