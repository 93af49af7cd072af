import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { expectRefs, row, selectedRefs } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

let seed: SeededStore;
let app: LaunchedApp;
let page: Page;

beforeAll(async () => {
  seed = await seedStore([['1.35-amd64', 'busybox:1.35'], ['1.35-arm64', 'alpine:3.19']]);
  await seed.berth('tag', 'busybox:1.35', 'myrepo/app:v1');
  app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 800 } } });
  page = app.page;
  await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
});

afterAll(async () => {
  await app?.close();
  await seed?.remove();
});

const focused = (p: Page): Promise<string> =>
  p.evaluate(() => {
    const el = document.activeElement;
    return `${el?.getAttribute('role') ?? el?.tagName.toLowerCase()}:${el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? ''}`;
  });

/** Tabs forward until the element matching `want` has focus; fails after `max` presses. */
async function tabTo(p: Page, want: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (want.test(await focused(p))) return;
  }
  throw new Error(`never reached ${want} with Tab (last: ${await focused(p)})`);
}

/**
 * Radix starts listening for Escape in an effect after the dialog paints, so
 * a key pressed in the same frame can be missed: press until it is gone.
 */
async function closeWithEscape(p: Page, dialog: Locator): Promise<void> {
  for (let i = 0; i < 20 && (await dialog.count()) > 0; i++) {
    await p.keyboard.press('Escape');
    await p.waitForTimeout(50);
  }
  await dialog.waitFor({ state: 'detached' });
}

describe('the images view by keyboard alone', () => {
  it('reaches the grid with Tab and shows where focus is', async () => {
    await page.locator('body').focus();
    await tabTo(page, /^grid:Images in the store$/);
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow);
    expect(ring).not.toBe('none');
  });

  it('moves, extends and clears the selection with arrows, shift, ctrl+A and Escape', async () => {
    await page.keyboard.press('ArrowDown');
    expect(await selectedRefs(page)).toEqual(['busybox:1.35']);
    await page.keyboard.press('Shift+ArrowDown');
    expect(await selectedRefs(page)).toEqual(['busybox:1.35', 'myrepo/app:v1']);
    await page.keyboard.press('Control+a');
    expect(await selectedRefs(page)).toHaveLength(3);
    await page.keyboard.press('Escape');
    expect(await selectedRefs(page)).toEqual([]);
    await page.keyboard.press('Home');
    expect(await selectedRefs(page)).toEqual(['busybox:1.35']);
  });

  it('inspects with Enter and switches detail tabs with arrows', async () => {
    await page.keyboard.press('Enter');
    const pane = page.getByTestId('detail-pane');
    await pane.getByTestId('summary').waitFor();
    await tabTo(page, /^tab:Summary$/);
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('tab:Layers');
    await pane.getByTestId('history').waitFor();
    await pane.getByRole('button', { name: 'Close details' }).focus();
    await page.keyboard.press('Enter');
    await pane.waitFor({ state: 'detached' });
  });

  it('tags with T and Enter, then untags from the row menu (Shift+F10)', async () => {
    await page.getByRole('grid').focus();
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Tag image' });
    await dialog.waitFor();
    expect(await focused(page)).toMatch(/^input:/);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('keyboard:1');
    await dialog.getByTestId('tag-normalized').waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectRefs(page, ['busybox:1.35', 'keyboard:1', 'myrepo/app:v1', 'alpine:3.19']);
    expect(await selectedRefs(page)).toEqual(['keyboard:1']);
    expect(await focused(page)).toBe('grid:Images in the store');

    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    await screenshot(page, 'keyboard-menu-light');
    for (let i = 0; i < 10 && (await menu.locator('[data-highlighted]').textContent().catch(() => '')) !== 'UntagU'; i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
    expect((await seed.berth('images', '-q', 'keyboard')).trim()).toBe('');
  });

  it('asks before deleting with Del, and Escape cancels', async () => {
    await page.getByRole('grid').focus();
    await row(page, 'alpine:3.19').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete image?' });
    await dialog.waitFor();
    await closeWithEscape(page, dialog);
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
  });

  it('sorts and resizes columns from the keyboard', async () => {
    await page.getByRole('button', { name: 'TAG', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('columnheader', { name: 'TAG' }).getAttribute('aria-sort')).toBe('ascending');
    const handle = page.getByRole('separator', { name: 'Resize TAG' });
    await handle.focus();
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(before + 32);
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
