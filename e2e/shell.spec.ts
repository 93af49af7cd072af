import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { callHost } from './fixtures/host-client';

let app: LaunchedApp;

beforeAll(async () => {
  app = await launchApp({ context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1200, height: 760 } } });
});

afterAll(async () => {
  await app?.close();
});

const VIEWS = [
  { id: 'images', en: 'Images', zh: '镜像' },
  { id: 'registry', en: 'Registry', zh: '镜像仓库' },
  { id: 'jobs', en: 'Jobs', zh: '任务' },
  { id: 'settings', en: 'Settings', zh: '设置' },
] as const;

async function heading(page: Page): Promise<string> {
  const h1 = page.locator('main h1');
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

async function currentNav(page: Page): Promise<string[]> {
  return page.locator('nav [aria-current="page"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-view') ?? ''));
}

async function focusedView(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-view') ?? null);
}

/** Relative luminance of the body background, 0 (black) to 1 (white). */
async function backgroundLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (rgb.match(/[\d.]+/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('app shell in the browser host', () => {
  it('opens on Images with the header from app.info and the state images.list answers', async () => {
    const page = app.page;
    expect(await heading(page)).toBe('Images');
    expect(await currentNav(page)).toEqual(['images']);
    await page.locator('.brand-version').waitFor();
    expect(await page.locator('.brand-name').textContent()).toBe('Berth');
    expect(await page.locator('.store-path code').textContent()).toBe(app.host.storePath);

    // The store is fresh, so the view must show the empty state, or, while the
    // core does not list images yet, say so plainly. Ask the host which applies.
    const answer = await callHost(app.host, 'images.list', {});
    if (answer.ok) {
      expect((answer.value as { rows: unknown[] }).rows).toEqual([]);
      await page.getByTestId('images-empty').waitFor();
      expect(await page.getByTestId('images-empty').textContent()).toContain('No images yet');
    } else {
      expect(answer.error.code).toBe('UNSUPPORTED');
      const notice = page.getByTestId('images-unsupported');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Image listing is not available in this build');
      expect(await notice.textContent()).toContain(answer.error.message);
    }
    await screenshot(page, 'images-light');
  });

  it('reaches every view from the keyboard, with aria-current following', async () => {
    const page = app.page;
    await page.locator('body').focus();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    expect(await focusedView(page)).toBe('images');

    // Tab walks the navigation; Enter activates.
    await page.keyboard.press('Tab');
    expect(await focusedView(page)).toBe('registry');
    await page.keyboard.press('Enter');
    expect(await heading(page)).toBe('Registry');
    expect(await currentNav(page)).toEqual(['registry']);
    await screenshot(page, 'registry-light');

    // Arrow keys move between items; Space activates too.
    await page.keyboard.press('ArrowDown');
    expect(await focusedView(page)).toBe('jobs');
    await page.keyboard.press('Space');
    expect(await heading(page)).toBe('Jobs');
    expect(await currentNav(page)).toEqual(['jobs']);
    await screenshot(page, 'jobs-light');

    await page.keyboard.press('End');
    expect(await focusedView(page)).toBe('settings');
    await page.keyboard.press('Enter');
    expect(await heading(page)).toBe('Settings');
    expect(await currentNav(page)).toEqual(['settings']);
    await screenshot(page, 'settings-light');

    await page.keyboard.press('ArrowDown'); // wraps
    expect(await focusedView(page)).toBe('images');
    await page.keyboard.press('Enter');
    expect(await heading(page)).toBe('Images');
    expect(await currentNav(page)).toEqual(['images']);
  });

  it('follows the OS colour scheme, dark and light', async () => {
    expect(await backgroundLuminance(app.page)).toBeGreaterThan(0.8);
    const dark = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: { width: 1200, height: 760 } });
    expect(await heading(dark)).toBe('Images');
    expect(await backgroundLuminance(dark)).toBeLessThan(0.05);
    await screenshot(dark, 'images-dark');
    await dark.emulateMedia({ colorScheme: 'light' });
    expect(await backgroundLuminance(dark)).toBeGreaterThan(0.8);
    await dark.context().close();
  });

  it('lets Settings override the OS theme, and remembers it', async () => {
    const page = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: { width: 1200, height: 760 } });
    await page.locator('nav [data-view="settings"]').click();
    expect(await heading(page)).toBe('Settings');
    await screenshot(page, 'settings-dark');
    await page.getByRole('radio', { name: 'Light' }).check();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.reload();
    expect(await heading(page)).toBe('Images');
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await backgroundLuminance(page)).toBeGreaterThan(0.8);
    await page.context().close();
  });

  const KEPT_IN_ENGLISH = ['Berth', 'berth', 'serve', 'English', 'linux', 'darwin', 'win32', 'Docker', 'Hub', 'HTTP', 'HTTPS', 'JSON', 'URL'];

  it('renders in Simplified Chinese for a zh-CN browser, every view', async () => {
    const page = await app.newPage({ locale: 'zh-CN', colorScheme: 'light', viewport: { width: 1200, height: 760 } });
    // The core's own messages are English (Docker's wording); only the UI around them is translated.
    const coreMessages: string[] = [];
    for (const method of ['images.list', 'jobs.list']) {
      const answer = await callHost(app.host, method, {});
      if (!answer.ok) coreMessages.push(answer.error.message);
    }
    expect(await heading(page)).toBe('镜像');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const navText = await page.locator('nav').innerText();
    for (const v of VIEWS) expect(navText).toContain(v.zh);
    await screenshot(page, 'images-zh-CN');
    for (const v of VIEWS) {
      await page.locator(`nav [data-view="${v.id}"]`).click();
      expect(await heading(page)).toBe(v.zh);
      // No English UI words left behind: product and protocol names, IDs and paths aside,
      // which Chinese Docker books leave in English too.
      const text = coreMessages.reduce((t, m) => t.replace(m, ''), await page.locator('main').innerText());
      const english = (text.match(/[A-Za-z]{3,}/g) ?? []).filter(
        (w) => !KEPT_IN_ENGLISH.includes(w) && !app.host.storePath.includes(w),
      );
      expect(english, `${v.id}: ${text}`).toEqual([]);
    }
    await screenshot(page, 'settings-zh-CN');
    await page.context().close();
  });

  it('switches language from Settings', async () => {
    const page = await app.newPage({ locale: 'en-US', colorScheme: 'light' });
    await page.locator('nav [data-view="settings"]').click();
    await page.getByLabel('Language').selectOption('zh-CN');
    expect(await heading(page)).toBe('设置');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.getByLabel('语言').selectOption('system');
    expect(await heading(page)).toBe('Settings');
    await page.context().close();
  });

  it('says when the host is gone, reconnects by itself, and toasts when it is back', async () => {
    const restartable = await launchApp({
      via: 'script',
      context: { locale: 'en-US', colorScheme: 'light', viewport: { width: 1200, height: 760 } },
    });
    try {
      await reconnects(restartable);
    } finally {
      await restartable.close();
    }
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});

/** Stops the host under an open page, checks the banner, restarts it, checks the toast. */
async function reconnects(restartable: LaunchedApp): Promise<void> {
  const page = restartable.page;
  expect(await heading(page)).toBe('Images');
  await page.locator('.brand-version').waitFor();
  const before = restartable.problems.length;
  await restartable.restartHost(async () => {
    await page.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    await screenshot(page, 'reconnecting-light');
  });
  const toast = page.locator('.toast').filter({ hasText: 'Reconnected to Berth' });
  await toast.waitFor();
  // While the host was down chromium logs each refused reconnect attempt; those, and only those, are expected.
  const outage = restartable.problems.splice(before);
  expect(outage.every((p) => p.kind === 'console' && p.text.includes('ERR_CONNECTION_REFUSED'))).toBe(true);
  expect(await page.locator('.connection-banner').count()).toBe(0);
  await screenshot(page, 'reconnected-toast-light');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await toast.waitFor({ state: 'detached' });
  expect(restartable.problems).toEqual([]);
}
