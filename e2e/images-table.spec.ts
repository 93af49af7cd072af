import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { bulkTag } from './fixtures/bulk-tag';
import { callHost } from './fixtures/host-client';
import { expectRefs, grid, row, selectedRefs, visibleRefs } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

let seed: SeededStore;
let app: LaunchedApp;
let page: Page;
const VIEWPORT = { width: 1280, height: 800 };

beforeAll(async () => {
  seed = await seedStore([['1.35-amd64', 'busybox:1.35'], ['1.35-arm64', 'alpine:3.19']]);
  await seed.berth('tag', 'busybox:1.35', 'myrepo/app:v1');
  app = await launchApp({
    storePath: seed.dir,
    context: { colorScheme: 'light', locale: 'en-US', viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] },
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await seed?.remove();
});

async function cliRows(...args: string[]): Promise<string[]> {
  const out = await seed.berth('images', ...args, '--format', '{{.Repository}}:{{.Tag}}');
  return out.trim().split('\n').filter(Boolean);
}

describe('images table', () => {
  it('shows one row per tag, as `berth images` lists them, with Docker’s columns', async () => {
    await expectRefs(page, await cliRows());
    const headers = await grid(page).getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
    const id = (await row(page, 'busybox:1.35').locator('[data-column="id"]').textContent()) ?? '';
    expect((await seed.berth('images', '-q', 'busybox:1.35')).trim()).toBe(id);
    const created = row(page, 'busybox:1.35').locator('[data-column="created"] time');
    expect(await created.textContent()).toMatch(/ago$/);
    expect(await created.getAttribute('title')).toBeTruthy();
    expect(await page.getByTestId('status-rows').textContent()).toBe('3 of 3 rows');
    await screenshot(page, 'images-table-light');
  });

  it('sorts by a column and remembers the choice of columns across a reload', async () => {
    await page.getByRole('button', { name: 'REPOSITORY', exact: true }).click();
    expect(await grid(page).getByRole('columnheader', { name: 'REPOSITORY' }).getAttribute('aria-sort')).toBe('ascending');
    await expectRefs(page, ['alpine:3.19', 'busybox:1.35', 'myrepo/app:v1'], true);
    await page.getByRole('button', { name: 'REPOSITORY', exact: true }).click();
    await expectRefs(page, ['myrepo/app:v1', 'busybox:1.35', 'alpine:3.19'], true);

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'PLATFORM' }).click();
    await page.keyboard.press('Escape');
    await grid(page).getByRole('columnheader', { name: 'PLATFORM' }).waitFor();
    expect(await row(page, 'alpine:3.19').locator('[data-column="platform"]').textContent()).toBe('linux/arm64/v8');
    await page.reload();
    await grid(page).getByRole('columnheader', { name: 'PLATFORM' }).waitFor();
    expect(await grid(page).getByRole('columnheader', { name: 'PLATFORM' }).count()).toBe(1);
  });

  it('filters by words here and by Docker filters in the core, with the core’s errors inline', async () => {
    const filter = page.getByTestId('images-filter');
    await filter.fill('app');
    await expectRefs(page, ['myrepo/app:v1']);
    expect(await page.getByTestId('status-rows').textContent()).toBe('1 of 3 rows');
    await filter.fill('reference=busybox');
    await expectRefs(page, await cliRows('--filter', 'reference=busybox'));
    await filter.fill(`before=alpine:3.19`);
    await expectRefs(page, await cliRows('--filter', 'before=alpine:3.19'));
    await filter.fill('colour=red');
    const expected = await callHost(app.host, 'images.list', { filters: ['colour=red'] });
    expect(expected.ok).toBe(false);
    await page.getByTestId('filter-error').filter({ hasText: expected.ok ? '' : expected.error.message }).waitFor();
    await screenshot(page, 'images-filter-error-light');
    await filter.fill('');
    await expectRefs(page, await cliRows());
    expect(await page.getByTestId('filter-error').count()).toBe(0);
  });

  it('groups rows by repository', async () => {
    await page.getByRole('button', { name: 'Group by repository' }).click();
    const groups = grid(page).locator('.group-row');
    await groups.first().waitFor();
    expect(await groups.count()).toBe(3);
    await groups.filter({ hasText: 'busybox' }).click();
    expect(await groups.filter({ hasText: 'busybox' }).getAttribute('aria-expanded')).toBe('false');
    await expectRefs(page, ['myrepo/app:v1', 'alpine:3.19']);
    await groups.filter({ hasText: 'busybox' }).click();
    await screenshot(page, 'images-grouped-light');
    await page.getByRole('button', { name: 'Group by repository' }).click();
    await expectRefs(page, await cliRows());
  });

  it('selects with click, ctrl-click and shift-click, and opens a context menu on the selection', async () => {
    await page.getByRole('button', { name: 'REPOSITORY', exact: true }).click(); // back to unsorted (core order)
    await page.getByRole('button', { name: 'REPOSITORY', exact: true }).click();
    const order = await visibleRefs(page);
    await row(page, order[0]!).click();
    await row(page, order[2]!).click({ modifiers: ['Shift'] });
    expect(await selectedRefs(page)).toEqual([...order].sort());
    await row(page, order[1]!).click({ modifiers: ['Control'] });
    expect(await selectedRefs(page)).toEqual([order[0]!, order[2]!].sort());
    expect(await page.getByTestId('status-selected').textContent()).toContain('2 selected');
    await row(page, order[0]!).click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem', { name: /Delete/ }).isEnabled()).toBe(true);
    expect(await menu.getByRole('menuitem', { name: 'Tag…' }).getAttribute('data-disabled')).not.toBeNull();
    await screenshot(page, 'images-context-menu-light');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await row(page, 'alpine:3.19').click();
    await row(page, 'alpine:3.19').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy image ID' }).click();
    const id = (await seed.berth('images', '--no-trunc', '-q', 'alpine:3.19')).trim();
    await page.locator('.toast').filter({ hasText: 'Copied to the clipboard' }).filter({ hasText: id }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
  });

  it('follows changes made by the CLI without losing selection or scroll position', async () => {
    const many = Array.from({ length: 80 }, (_, i) => `docker.io/library/bulk:${String(i).padStart(2, '0')}`);
    await bulkTag(seed.dir, 'alpine:3.19', many);
    await page.getByTestId('status-rows').filter({ hasText: '83 of 83 rows' }).waitFor();
    const body = grid(page);
    await body.evaluate((el) => el.scrollTo({ top: 900 }));
    // A row wholly in view once the grid has drawn the scrolled-to rows (clicking it then scrolls nothing).
    const inView = await page.waitForFunction(() => {
      const view = document.querySelector('[data-testid="images-grid"]')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('[data-testid="image-row"]')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= view.top + view.height / 3 && b.bottom <= view.bottom;
      });
      const ref = (r: Element): string => `${r.querySelector('[data-column="repository"]')?.textContent}:${r.querySelector('[data-column="tag"]')?.textContent}`;
      return rows.length > 0 && rows.map(ref);
    });
    const pick = (await inView.jsonValue() as string[])[0]!;
    await row(page, pick).click();
    const scrollBefore = await body.evaluate((el) => el.scrollTop);

    await seed.berth('tag', 'busybox:1.35', 'fromcli:1');
    await page.getByTestId('status-rows').filter({ hasText: '84 of 84 rows' }).waitFor();
    expect(await selectedRefs(page)).toEqual([pick]);
    expect(await body.evaluate((el) => el.scrollTop)).toBe(scrollBefore);
    await screenshot(page, 'images-many-light');

    await seed.berth('rmi', 'fromcli:1');
    await page.getByTestId('status-rows').filter({ hasText: '83 of 83 rows' }).waitFor();
    expect(await selectedRefs(page)).toEqual([pick]);
  });

  it('looks right dark and in Simplified Chinese', async () => {
    const dark = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: VIEWPORT });
    await grid(dark).waitFor();
    await row(dark, 'busybox:1.35').click();
    await screenshot(dark, 'images-table-dark');
    await row(dark, 'busybox:1.35').click({ button: 'right' });
    await dark.getByRole('menu').waitFor();
    await screenshot(dark, 'images-context-menu-dark');
    await dark.context().close();
    const zh = await app.newPage({ colorScheme: 'light', locale: 'zh-CN', viewport: VIEWPORT });
    await zh.getByRole('columnheader', { name: '仓库' }).waitFor();
    await screenshot(zh, 'images-table-zh-CN');
    await zh.context().close();
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
