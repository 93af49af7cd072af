import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { callHost } from './fixtures/host-client';
import { expectRefs, row } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

let seed: SeededStore;
let app: LaunchedApp;
let page: Page;
let idA: string; // busybox:1.35 and myrepo/app:v1
let idB: string; // alpine:3.19

beforeAll(async () => {
  seed = await seedStore([['1.35-amd64', 'busybox:1.35'], ['1.35-arm64', 'alpine:3.19']]);
  await seed.berth('tag', 'busybox:1.35', 'myrepo/app:v1');
  idA = seed.layout.images['1.35-amd64'].configDigest!;
  idB = seed.layout.images['1.35-arm64'].configDigest!;
  app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 800 } } });
  page = app.page;
  await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
});

afterAll(async () => {
  await app?.close();
  await seed?.remove();
});

async function cliRefs(): Promise<string[]> {
  const out = await seed.berth('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}');
  return out.trim().split('\n').filter(Boolean).sort();
}

const short = (id: string): string => id.slice('sha256:'.length, 'sha256:'.length + 12);

describe('tag, untag, delete and prune from the images view', () => {
  it('refuses an invalid tag target with Docker’s message, as reference.parse words it', async () => {
    await row(page, 'busybox:1.35').click();
    await page.getByRole('button', { name: 'Tag…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag image' });
    await dialog.waitFor();
    const input = dialog.getByLabel('New reference');
    await input.fill('MyApp:1');
    const expected = await callHost(app.host, 'reference.parse', { input: 'MyApp:1' });
    expect(expected.ok).toBe(false);
    const message = expected.ok ? '' : expected.error.message;
    expect(message).toContain('must be lowercase');
    await dialog.getByTestId('tag-error').filter({ hasText: message }).waitFor();
    expect(await dialog.getByTestId('tag-submit').isDisabled()).toBe(true);
    await screenshot(page, 'tag-dialog-invalid-light');

    // A tag that exists on another image: the dialog warns that it would move.
    await input.fill('alpine:3.19');
    await dialog.getByTestId('tag-move-warning').waitFor();
    expect(await dialog.getByTestId('tag-move-warning').textContent()).toContain(short(idB));
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await cliRefs()).toEqual([`alpine:3.19 ${short(idB)}`, `busybox:1.35 ${short(idA)}`, `myrepo/app:v1 ${short(idA)}`]);
  });

  it('tags an image, shows the stored name, then untags one of its two tags only', async () => {
    await row(page, 'busybox:1.35').click();
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog', { name: 'Tag image' });
    await dialog.getByLabel('New reference').fill('busybox:stable');
    await dialog.getByTestId('tag-normalized').filter({ hasText: 'docker.io/library/busybox:stable' }).waitFor();
    await screenshot(page, 'tag-dialog-light');
    await dialog.getByTestId('tag-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expectRefs(page, ['busybox:1.35', 'busybox:stable', 'myrepo/app:v1', 'alpine:3.19']);
    expect(await row(page, 'busybox:stable').getAttribute('aria-selected')).toBe('true');

    await page.getByRole('button', { name: 'Untag', exact: true }).click();
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
    await page.locator('.toast').filter({ hasText: 'Untagged: busybox:stable' }).waitFor();
    // The image and its other tags are untouched.
    expect(await cliRefs()).toEqual([`alpine:3.19 ${short(idB)}`, `busybox:1.35 ${short(idA)}`, `myrepo/app:v1 ${short(idA)}`]);
  });

  it('prunes with a preview of what would go and the space it would reclaim', async () => {
    // Make image B dangling: move its only tag to image A (as `docker tag` would).
    await seed.berth('tag', 'busybox:1.35', 'alpine:3.19');
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
    await page.getByRole('button', { name: 'Show untagged' }).click();
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19', '<none>:<none>']);
    const dry = await callHost(app.host, 'images.prune', { all: false, filters: [], dryRun: true });
    if (!dry.ok) throw new Error(dry.error.message);
    const plan = dry.value as { records: Array<{ deleted?: string }>; reclaimed: number };
    expect(plan.records.some((r) => r.deleted === idB)).toBe(true);

    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune images' });
    const preview = dialog.getByTestId('prune-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`deleted: ${idB}`);
    const previewTotal = (await dialog.getByTestId('prune-preview-total').textContent()) ?? '';
    expect(previewTotal).toMatch(/^Would reclaim: \d/);
    await screenshot(page, 'prune-dialog-light');
    await dialog.getByTestId('prune-confirm').click();
    // What the dry run promised is what the prune reclaimed.
    expect(await dialog.getByTestId('prune-result-total').textContent()).toBe(previewTotal.replace('Would reclaim:', 'Total reclaimed space:'));
    expect(await dialog.getByTestId('prune-result').textContent()).toContain(`deleted: ${idB}`);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19']);
    const after = await seed.berth('images', '-a', '-q');
    expect(after).not.toContain(short(idB));
  });

  it('bulk delete reports every failure; the multiple-repositories conflict is explained, and forcing deletes', async () => {
    await seed.copy('1.35-arm64', 'extra:1');
    await expectRefs(page, ['busybox:1.35', 'myrepo/app:v1', 'alpine:3.19', 'extra:1']);
    await row(page, 'myrepo/app:v1').click();
    await row(page, 'extra:1').click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete 2 images?' });
    // The confirmation is the core's dry run: the one-tag image would go; the three-tag one
    // hits the conflict, in the words the CLI uses, before anything is removed.
    const plan = dialog.getByTestId('delete-plan');
    const failures = plan.getByTestId('delete-failures');
    await failures.waitFor();
    const planRecords = await plan.getByTestId('delete-records').textContent();
    for (const line of ['Untagged: extra:1', `Deleted: ${idB}`]) expect(planRecords).toContain(line);
    expect(planRecords).not.toContain(`Deleted: ${idA}`);
    const cli = await seed.berth('rmi', short(idA)).then(
      () => 'no error',
      (e: { stderr?: string }) => e.stderr ?? '',
    );
    expect(cli).toContain('(must be forced) - image is referenced in multiple repositories');
    expect(await failures.locator('li').allTextContents()).toEqual([cli.replace('Error response from daemon: ', '').trim()]);
    expect(await cliRefs()).toContain(`extra:1 ${short(idB)}`); // a preview removes nothing
    await screenshot(page, 'delete-conflict-light');
    // Choosing Force previews the forced removal, with the exact bytes it frees.
    await plan.getByTestId('delete-force').click();
    await plan.getByTestId('delete-records').filter({ hasText: `Deleted: ${idA}` }).waitFor();
    const forced = await plan.getByTestId('delete-records').textContent();
    for (const line of ['Untagged: busybox:1.35', 'Untagged: myrepo/app:v1', 'Untagged: alpine:3.19', `Deleted: ${idA}`, `Deleted: ${idB}`]) {
      expect(forced).toContain(line);
    }
    expect(await dialog.getByTestId('delete-bytes').textContent()).toMatch(/^Frees \d[\d.]*[kMG]?B on disk\.$/);
    await screenshot(page, 'delete-dialog-light');
    await dialog.getByTestId('delete-confirm').click();
    const records = dialog.getByTestId('delete-outcome').getByTestId('delete-records');
    await records.filter({ hasText: `Deleted: ${idA}` }).waitFor();
    expect(await records.textContent()).toContain(`Deleted: ${idB}`);
    await dialog.getByTestId('delete-close').click();
    await page.getByTestId('images-empty').waitFor();
    expect(await cliRefs()).toEqual([]);
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
