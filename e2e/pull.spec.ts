import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedImages, type SeededImages } from '../test/fixtures/images';
import { startRegistry, type RegistryHandle } from '../test/fixtures/registry';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { callHost } from './fixtures/host-client';
import { row, selectedRefs } from './fixtures/images-page';
import { startSlowProxy, type SlowProxy } from './fixtures/slow-proxy';

/**
 * Pulls from a real distribution registry (seeded by skopeo) through a proxy
 * that serves blobs slowly, so per-layer progress is on screen long enough to
 * see and a pull can be cancelled halfway.
 */
let registry: RegistryHandle;
let seeded: SeededImages;
let proxy: SlowProxy;
let app: LaunchedApp;
let page: Page;

beforeAll(async () => {
  registry = await startRegistry();
  seeded = await seedImages(registry);
  proxy = await startSlowProxy(registry.url, { bytesPerSecond: 256 * 1024, pauseMs: 1200 });
  app = await launchApp({ context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 860 } } });
  page = app.page;
  await page.getByTestId('images-empty').waitFor();
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await registry?.stop();
});

async function openPull(p: Page, ref: string): Promise<ReturnType<Page['getByRole']>> {
  await p.getByRole('button', { name: 'Pull', exact: true }).click();
  // Found by test id: the title changes to "Pulling …" once the job starts.
  const dialog = p.getByTestId('pull-dialog');
  await p.getByRole('dialog', { name: 'Pull an image' }).waitFor();
  await dialog.getByLabel('Image reference').fill(ref);
  await dialog.getByText(`Will pull ${ref}`).waitFor();
  return dialog;
}

describe('pull from a real registry', () => {
  it('offers the registry’s tags and an index’s platforms while typing', async () => {
    const dialog = await openPull(page, `${proxy.host}/busybox:1.35`);
    const tags = await callHost(app.host, 'registry.tags', { repository: `${proxy.host}/busybox` });
    if (!tags.ok) throw new Error(tags.error.message);
    const want = (tags.value as { tags: string[] }).tags.map((t) => `${proxy.host}/busybox:${t}`).sort();
    await page.waitForFunction((n) => document.querySelectorAll('datalist option').length === n, want.length);
    expect((await dialog.locator('datalist option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).sort()).toEqual(want);
    const platforms = seeded.images['busybox:1.35'].platforms!.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/'));
    const select = dialog.getByLabel('Platform');
    await page.waitForFunction((n) => document.querySelectorAll('#pull-platform option').length === n + 1, platforms.length);
    expect((await select.locator('option').allTextContents()).slice(1).sort()).toEqual([...platforms].sort());
    await dialog.getByRole('button', { name: 'Close' }).last().click();
  });

  it('cancels a pull halfway, then retries it with per-layer progress, and selects the pulled image', async () => {
    const ref = `${proxy.host}/busybox:1.35-amd64`;
    const dialog = await openPull(page, ref);
    await dialog.getByTestId('pull-submit').click();
    await dialog.locator('[data-testid="job-progress"][data-state="running"]').waitFor();
    await dialog.getByTestId('pull-cancel').click();
    await dialog.locator('[data-testid="job-progress"][data-state="cancelled"]').waitFor();
    await screenshot(page, 'pull-cancelled-light');
    expect(await callHost(app.host, 'images.list', {}).then((r) => (r.ok ? (r.value as { rows: unknown[] }).rows.length : -1))).toBe(0);

    await dialog.getByTestId('pull-retry').click();
    const layers = dialog.getByTestId('layer-line');
    await dialog.locator('[data-testid="layer-line"][data-phase="Downloading"]').first().waitFor();
    expect(await layers.count()).toBe(seeded.images['busybox:1.35-amd64'].layers.length);
    const ids = await layers.locator('.layer-id').allTextContents();
    expect(ids.sort()).toEqual(seeded.images['busybox:1.35-amd64'].layers.map((l) => l.digest.slice(7, 19)).sort());
    await page.waitForFunction(() => Number(document.querySelector('.job-overall [role="progressbar"]')?.getAttribute('aria-valuenow') ?? 0) > 0);
    await screenshot(page, 'pull-progress-light');
    await dialog.locator('[data-testid="job-progress"][data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await page.locator('.toast').filter({ hasText: 'Pull complete' }).waitFor();
    expect(await dialog.locator('.job-messages').textContent()).toContain(`Digest: ${seeded.images['busybox:1.35-amd64'].digest}`);
    await dialog.getByTestId('pull-close').click();
    await row(page, `${proxy.host}/busybox:1.35-amd64`).waitFor();
    expect(await selectedRefs(page)).toEqual([`${proxy.host}/busybox:1.35-amd64`]);
    expect(await row(page, `${proxy.host}/busybox:1.35-amd64`).locator('[data-column="id"]').textContent()).toBe(
      seeded.images['busybox:1.35-amd64'].configDigest!.slice(7, 19),
    );
  });

  it('shows layers that already exist, keeps a backgrounded job in Jobs, and re-attaches after a reload', async () => {
    const dialog = await openPull(page, `${proxy.host}/busybox:1.35`);
    await page.waitForFunction(() => document.querySelectorAll('#pull-platform option').length > 1);
    await dialog.getByLabel('Platform').selectOption('linux/arm64/v8');
    await dialog.getByTestId('pull-submit').click();
    await dialog.locator('[data-testid="layer-line"][data-phase="Already exists"]').first().waitFor();
    await screenshot(page, 'pull-already-exists-light');
    await dialog.getByTestId('pull-close').click(); // "Keep in background"
    await dialog.waitFor({ state: 'detached' });

    await page.reload();
    await page.locator('nav [data-view="jobs"]').click();
    const cards = page.getByTestId('job-card');
    await cards.first().waitFor();
    const listed = await callHost(app.host, 'jobs.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(await cards.count()).toBe((listed.value as unknown[]).length);
    const arm = cards.filter({ hasText: `${proxy.host}/busybox:1.35` }).first();
    await screenshot(page, 'jobs-running-light');
    await arm.locator('.chip-succeeded').waitFor({ timeout: 60_000 });
    expect(await cards.filter({ has: page.locator('.chip-cancelled') }).count()).toBe(1);
    await screenshot(page, 'jobs-finished-light');
    const dark = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: { width: 1280, height: 860 } });
    await dark.locator('nav [data-view="jobs"]').click();
    await dark.getByTestId('job-card').first().waitFor();
    await screenshot(dark, 'jobs-finished-dark');
    await dark.context().close();
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
