import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { callHost } from './fixtures/host-client';
import { seedStore, type SeededStore } from './fixtures/seed';
import { startRegistry, type RegistryHandle } from '../test/fixtures/registry';

/** The pull dialog's checks and failures, and the Jobs view (pull.spec.ts pulls from a real registry). */
let seed: SeededStore;
let registry: RegistryHandle;
let app: LaunchedApp;
let page: Page;

beforeAll(async () => {
  seed = await seedStore([['1.35-amd64', 'busybox:1.35']]);
  registry = await startRegistry();
  app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 800 } } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await seed?.remove();
  await registry?.stop();
});

describe('pull dialog and jobs view', () => {
  it('checks the reference as it is typed, in Docker’s words', async () => {
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    const input = dialog.getByLabel('Image reference');
    await input.fill('Busybox');
    const parsed = await callHost(app.host, 'reference.parse', { input: 'Busybox' });
    expect(parsed.ok).toBe(false);
    await dialog.getByTestId('pull-error').filter({ hasText: parsed.ok ? '' : parsed.error.message }).waitFor();
    await input.fill('busybox');
    await dialog.getByText('docker.io/library/busybox:latest').waitFor();
    await screenshot(page, 'pull-dialog-light');
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('reports a failed pull in the core’s words, with a retry', async () => {
    // A real, empty registry: the repository does not exist there.
    const ref = `${registry.host}/nothing:1`;
    await page.getByRole('button', { name: 'Pull', exact: true }).click();
    const dialog = page.getByTestId('pull-dialog');
    await dialog.getByLabel('Image reference').fill(ref);
    await dialog.getByText(`Will pull ${ref}`).waitFor();
    await dialog.getByTestId('pull-submit').click();
    await dialog.locator('[data-testid="job-progress"][data-state="failed"]').waitFor();
    const jobs = await callHost(app.host, 'jobs.list', {});
    if (!jobs.ok) throw new Error(jobs.error.message);
    const failed = (jobs.value as Array<{ title: string; error: { message: string } | null }>).find((j) => j.title.includes('nothing'));
    expect(failed?.error?.message).toBeTruthy();
    expect(await dialog.getByTestId('pull-failure').textContent()).toBe(failed?.error?.message);
    await screenshot(page, 'pull-failed-light');
    await dialog.getByTestId('pull-retry').click();
    await dialog.locator('[data-testid="job-progress"][data-state="failed"]').waitFor();
    const again = await callHost(app.host, 'jobs.list', {});
    expect(again.ok && (again.value as Array<{ title: string }>).filter((j) => j.title.includes('nothing')).length).toBe(2);
    await dialog.getByTestId('pull-close').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('lists jobs from jobs.list, in light and dark', async () => {
    await page.locator('nav [data-view="jobs"]').click();
    const jobs = await callHost(app.host, 'jobs.list', {});
    if (!jobs.ok) throw new Error(jobs.error.message);
    await page.getByTestId('job-card').first().waitFor();
    expect(await page.getByTestId('job-card').count()).toBe((jobs.value as unknown[]).length);
    expect(await page.locator('.chip-failed').count()).toBe(2);
    await screenshot(page, 'jobs-view-light');
    const dark = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await dark.locator('nav [data-view="jobs"]').click();
    await dark.getByTestId('job-card').first().waitFor();
    await screenshot(dark, 'jobs-view-dark');
    await dark.locator('nav [data-view="images"]').click();
    await dark.getByRole('button', { name: 'Pull', exact: true }).click();
    await dark.getByRole('dialog').getByLabel('Image reference').fill('busybox:1.35');
    await dark.getByRole('dialog').getByText('docker.io/library/busybox:1.35').waitFor();
    await screenshot(dark, 'pull-dialog-dark');
    await dark.context().close();
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
