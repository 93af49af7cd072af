import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { callHost } from './fixtures/host-client';
import { row } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

let seed: SeededStore;
let app: LaunchedApp;
let page: Page;

beforeAll(async () => {
  seed = await seedStore([['1.35-amd64', 'busybox:1.35']]);
  app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 800 } } });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await seed?.remove();
});

async function host<T>(method: string, input: unknown): Promise<T> {
  const r = await callHost(app.host, method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

describe('detail pane', () => {
  it('summarizes the image from images.inspect', async () => {
    await row(page, 'busybox:1.35').dblclick();
    const pane = page.getByTestId('detail-pane');
    await pane.getByTestId('summary').waitFor();
    const doc = await host<{ Id: string; Os: string; Architecture: string; Config: { Cmd: string[]; Env: string[]; WorkingDir: string } }>(
      'images.inspect',
      { ref: 'busybox:1.35' },
    );
    const text = (await pane.getByTestId('summary').textContent()) ?? '';
    expect(text).toContain(`${doc.Os}/${doc.Architecture}`);
    expect(text).toContain(JSON.stringify(doc.Config.Cmd));
    for (const e of doc.Config.Env) expect(text).toContain(e);
    expect(text).toContain(doc.Config.WorkingDir);
    expect(await pane.locator('.detail-id').textContent()).toBe(doc.Id);
    await screenshot(page, 'detail-summary-light');
  });

  it('lists the history with sizes and empty layers, as images.history answers', async () => {
    const pane = page.getByTestId('detail-pane');
    await pane.getByRole('tab', { name: 'Layers' }).click();
    const history = await host<Array<{ createdBy: string; emptyLayer: boolean }>>('images.history', { ref: 'busybox:1.35' });
    const steps = pane.getByTestId('history').locator('li');
    await steps.first().waitFor();
    expect(await steps.count()).toBe(history.length);
    expect(await pane.locator('.history-step.empty').count()).toBe(history.filter((h) => h.emptyLayer).length);
    expect(await steps.first().textContent()).toContain(history[0]!.createdBy);
    await screenshot(page, 'detail-layers-light');
  });

  it('searches the inspect tree by JSONPath, highlights the match and renders -f templates live', async () => {
    const pane = page.getByTestId('detail-pane');
    await pane.getByRole('tab', { name: 'Inspect' }).click();
    await pane.getByTestId('json-tree').waitFor();

    await pane.getByTestId('jsonpath-input').fill('$.Config.Cmd');
    await pane.getByTestId('jsonpath-status').filter({ hasText: '1 match' }).waitFor();
    const hit = pane.locator(`[data-match="true"]`);
    await hit.waitFor();
    expect(await hit.getAttribute('data-path')).toBe("$['Config']['Cmd']");
    expect(await hit.textContent()).toBe('Cmd');
    expect(await pane.getByTestId('jsonpath-matches').textContent()).toContain('["sh"]');

    // Descendant search opens the tree down to every match.
    await pane.getByTestId('jsonpath-input').fill('$..Layers[*]');
    const doc = await host<{ RootFS: { Layers: string[] } }>('images.inspect', { ref: 'busybox:1.35' });
    await pane.getByTestId('jsonpath-status').filter({ hasText: `${doc.RootFS.Layers.length} matches` }).waitFor();
    expect(await pane.locator('[data-match="true"]').count()).toBe(doc.RootFS.Layers.length);

    await pane.getByTestId('jsonpath-input').fill('$.[');
    await pane.locator('#jsonpath-status.field-error').waitFor();

    const template = pane.getByTestId('template-input');
    await template.fill('{{.Config.Cmd}}');
    const output = pane.getByTestId('template-output');
    await pane.locator('[data-testid="template-output"][data-state="ok"]').waitFor();
    expect(await output.textContent()).toBe('[sh]');
    expect((await host<{ output: string }>('images.format', { ref: 'busybox:1.35', template: '{{.Config.Cmd}}' })).output).toBe('[sh]');
    await pane.getByTestId('jsonpath-input').fill('Config.Cmd');
    await pane.getByTestId('jsonpath-status').filter({ hasText: '1 match' }).waitFor();
    await screenshot(page, 'detail-inspect-light');

    await template.fill('{{.Foo}}');
    await pane.locator('[data-testid="template-output"][data-state="error"]').waitFor();
    const expected = await callHost(app.host, 'images.format', { ref: 'busybox:1.35', template: '{{.Foo}}' });
    expect(expected.ok).toBe(false);
    expect(await output.textContent()).toBe(expected.ok ? '' : expected.error.message);
  });

  it('looks right in the dark theme too', async () => {
    const dark = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await row(dark, 'busybox:1.35').dblclick();
    const pane = dark.getByTestId('detail-pane');
    await pane.getByRole('tab', { name: 'Inspect' }).click();
    await pane.getByTestId('jsonpath-input').fill('$.Config.Env');
    await pane.getByTestId('template-input').fill('{{json .Config.Labels}}');
    await dark.locator('[data-testid="template-output"][data-state="ok"]').waitFor();
    await screenshot(dark, 'detail-inspect-dark');
    await pane.getByRole('tab', { name: 'Summary' }).click();
    await screenshot(dark, 'detail-summary-dark');
    await pane.getByRole('tab', { name: 'Layers' }).click();
    await pane.getByTestId('history').waitFor();
    await screenshot(dark, 'detail-layers-dark');

    // The dialogs, dark: tag with a live check, prune with its preview.
    await row(dark, 'busybox:1.35').click();
    await dark.keyboard.press('t');
    const tag = dark.getByRole('dialog', { name: 'Tag image' });
    await tag.getByLabel('New reference').fill('busybox:dark');
    await tag.getByTestId('tag-normalized').waitFor();
    await screenshot(dark, 'tag-dialog-dark');
    await tag.getByRole('button', { name: 'Cancel' }).click();
    await tag.waitFor({ state: 'detached' });
    await dark.getByRole('button', { name: 'Prune', exact: true }).click();
    await dark.getByTestId('prune-preview').waitFor();
    await screenshot(dark, 'prune-dialog-dark');
    await dark.context().close();
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
