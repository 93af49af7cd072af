/**
 * The images table at 10,000 tags in chromium: time to first render, the
 * latency of a filter keystroke (key down to the next painted frame with the
 * filtered rows), and long frames while scrolling end to end. The store is
 * seeded with skopeo (2 real images) and 10,000 tags written in one store
 * transaction through the store's own API.
 *   npx tsx bench/render-10k.bench.ts [TAGS]
 */
import type { Page } from 'playwright-core';
import { launchApp } from '../e2e/fixtures/app';
import { bulkTag } from '../e2e/fixtures/bulk-tag';
import { callHost } from '../e2e/fixtures/host-client';
import { seedStore } from '../e2e/fixtures/seed';

const TAGS = Number(process.argv[2] ?? 10_000);
const RUNS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

async function firstRender(page: Page, rows: number): Promise<{ ms: number; rendered: number }> {
  await page.reload();
  await page.waitForFunction((n) => document.querySelector('[data-testid="status-rows"]')?.textContent?.startsWith(`${n} of`), rows, {
    timeout: 60_000,
    polling: 'raf',
  });
  return page.evaluate(() => ({
    ms: performance.now(),
    rendered: document.querySelectorAll('[data-testid="image-row"]').length,
  }));
}

/** Arms a probe that resolves at the first frame painted after the status line changes. */
async function keystroke(page: Page, key: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __latency?: Promise<number> };
    const input = document.querySelector<HTMLInputElement>('[data-testid="images-filter"]')!;
    const status = document.querySelector('[data-testid="status-rows"]')!;
    w.__latency = new Promise<number>((resolve) => {
      let t0 = 0;
      input.addEventListener('keydown', (e) => (t0 = e.timeStamp), { once: true });
      const mo = new MutationObserver(() => {
        mo.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      });
      mo.observe(status, { childList: true, subtree: true, characterData: true });
    });
  });
  await page.keyboard.press(key);
  return page.evaluate(() => (window as unknown as { __latency: Promise<number> }).__latency);
}

// A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
const SCROLL_PROBE = `new Promise((resolve) => {
  const grid = document.querySelector('[role="grid"]');
  const gaps = [];
  const start = performance.now();
  let last = start;
  const step = (now) => {
    gaps.push(now - last);
    last = now;
    grid.scrollTop = Math.min(1, (now - start) / 2000) * (grid.scrollHeight - grid.clientHeight);
    if (now - start < 2000) requestAnimationFrame(step);
    else resolve({ frames: gaps.length, long: gaps.filter((g) => g > 50).length, worst: Math.max(...gaps) });
  };
  requestAnimationFrame(step);
})`;

async function scrollFrames(page: Page): Promise<{ frames: number; long: number; worst: number }> {
  return page.evaluate(SCROLL_PROBE) as Promise<{ frames: number; long: number; worst: number }>;
}

const seed = await seedStore([['1.35-amd64', 'busybox:1.35'], ['1.35-arm64', 'alpine:3.19']]);
try {
  const t0 = performance.now();
  const half = Math.floor(TAGS / 2);
  const name = (repo: string, i: number): string => `docker.io/bench/${repo}:${String(i).padStart(5, '0')}`;
  await bulkTag(seed.dir, 'busybox:1.35', Array.from({ length: half }, (_, i) => name('app-a', i)));
  await bulkTag(seed.dir, 'alpine:3.19', Array.from({ length: TAGS - half }, (_, i) => name('app-b', i)));
  const total = TAGS + 2;
  console.log(`seeded ${total} tags in ${fmt(performance.now() - t0)}`);

  const app = await launchApp({ storePath: seed.dir, context: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' } });
  try {
    const page = app.page;
    const calls: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const c0 = performance.now();
      await callHost(app.host, 'images.list', { all: true, filters: [] });
      calls.push(performance.now() - c0);
    }
    console.log(`images.list round trip over the host's WebSocket (core + transfer, from node): median ${fmt(median(calls))}`);
    const renders: number[] = [];
    let rendered = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await firstRender(page, total);
      renders.push(r.ms);
      rendered = r.rendered;
    }
    console.log(`time to first render of ${total} rows (navigation start → rows painted), ${RUNS} runs: median ${fmt(median(renders))}, min ${fmt(Math.min(...renders))}, max ${fmt(Math.max(...renders))}`);
    console.log(`row elements in the DOM: ${rendered} (virtualized)`);

    await page.getByTestId('images-filter').focus();
    const typed: number[] = [];
    for (const key of ['0', '0', '4', '2', 'Backspace', 'Backspace', 'Backspace', 'Backspace']) typed.push(await keystroke(page, key));
    console.log(`filter keystroke → painted (${typed.length} keys over ${total} rows): median ${fmt(median(typed))}, max ${fmt(Math.max(...typed))}`);
    console.log(`  per key: ${typed.map((x) => x.toFixed(1)).join(', ')} ms`);
    await page.getByTestId('images-filter').fill('');
    await page.waitForFunction((n) => document.querySelector('[data-testid="status-rows"]')?.textContent?.startsWith(`${n} of`), total);

    const s = await scrollFrames(page);
    console.log(`scroll top→bottom over 2 s: ${s.frames} frames, ${s.long} longer than 50 ms, worst ${fmt(s.worst)}`);
    if (app.problems.length) console.log('page problems:', app.problems);
  } finally {
    await app.close();
  }
} finally {
  await seed.remove();
}
