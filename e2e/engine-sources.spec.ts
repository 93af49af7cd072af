// Image sources in the GUI against a real dockerd: the source switcher, an
// engine's images and the containers that use them, commit from the detail
// pane, Docker's delete conflict naming the container, a copy from the
// embedded store into the engine, and the engine going away and coming back.
// The app finds the engine the way it finds it for people: DOCKER_HOST.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContainer, engineApi, loadArchive, startDockerd, type EngineHandle } from '../test/fixtures/engine';
import { socketRelay, type SocketRelay } from '../test/fixtures/socket-relay';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { expectRefs, row } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

const run = promisify(execFile);
const API = '/v1.41';
const CONTAINER = 'berth-e2e-stopped';

let docker: EngineHandle | undefined;
let skipped = '';
let scratch: string;
let relay: SocketRelay;
let seed: SeededStore;
let app: LaunchedApp;
let page: Page;
let containerId: string;
let engineImageId: string;

beforeAll(async () => {
  const d = await startDockerd();
  if ('skipped' in d) {
    skipped = d.skipped;
    console.warn(`[engine-sources e2e] skipped: dockerd unavailable: ${skipped}`);
    return;
  }
  docker = d;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'berth-e2e-engine-'));
  // The app reaches dockerd through a relay, so the test can cut it and bring it back.
  relay = socketRelay(path.join(scratch, 'docker.sock'), docker.socket);
  await relay.up();
  // The embedded store has an image the engine lacks (copied later); the engine gets another one and a stopped container.
  seed = await seedStore([['1.35-arm64', 'copyme:1']]);
  const archive = path.join(scratch, 'engine-app.tar');
  await run('skopeo', ['copy', '-q', `oci:${seed.layout.dir}:1.35-amd64`, `docker-archive:${archive}:engine/app:1`]);
  await loadArchive(docker, await readFile(archive));
  engineImageId = JSON.parse((await engineApi(docker, 'GET', `${API}/images/engine/app:1/json`)).body).Id;
  containerId = await createContainer(docker, 'engine/app:1', CONTAINER);
  app = await launchApp({
    storePath: seed.dir,
    env: { DOCKER_HOST: `unix://${relay.path}`, BERTH_ENGINE_SOCKETS: '', XDG_CONFIG_HOME: path.join(scratch, 'config') },
    context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1360, height: 820 } },
  });
  page = app.page;
  await expectRefs(page, ['copyme:1']);
}, 300_000);

afterAll(async () => {
  await app?.close();
  await relay?.down();
  await docker?.stop();
  await seed?.remove();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const dockerId = (): string => `unix://${relay.path}`;
const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

async function chooseSource(name: RegExp): Promise<void> {
  await page.getByTestId('source-switcher').click();
  await page.getByRole('menuitemradio', { name }).click();
  await page.getByTestId('source-menu').waitFor({ state: 'detached' });
}

async function engineImage(ref: string): Promise<{ status: number; doc: { Id: string; Author: string; Comment: string; Config: { Env: string[] } } }> {
  const r = await engineApi(docker!, 'GET', `${API}/images/${ref}/json`);
  return { status: r.status, doc: r.status === 200 ? JSON.parse(r.body) : null };
}

// Decided in beforeAll (after collection), so each test skips itself with the reason.
beforeEach((ctx) => {
  if (skipped) ctx.skip(`dockerd unavailable: ${skipped}`);
});

describe('engine sources in the GUI', () => {
  it('lists the embedded store and the Docker engine in the source switcher', async () => {
    const switcher = page.getByTestId('source-switcher');
    await switcher.waitFor();
    expect(await switcher.getAttribute('data-source')).toBe('embedded');
    await switcher.click();
    const items = page.getByRole('menuitemradio');
    await expect.poll(() => items.count()).toBe(2);
    const texts = await items.allTextContents();
    expect(texts[0]).toContain('Berth store');
    expect(texts[1]).toMatch(/Docker Engine \d+\.\d+/);
    expect(texts[1]).toContain(dockerId());
    expect(await page.getByRole('menuitemradio', { name: /Berth store/ }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, 'source-switcher-light');
    await page.keyboard.press('Escape');
  });

  it('switching shows the engine’s images, and the choice is remembered', async () => {
    await chooseSource(/Docker Engine/);
    await expectRefs(page, ['engine/app:1']);
    expect(await page.getByTestId('source-switcher').getAttribute('data-source')).toBe(dockerId());
    expect(await page.getByTestId('engine-endpoint').textContent()).toBe(dockerId());
    await page.reload();
    await expectRefs(page, ['engine/app:1']);
  });

  it('the detail pane of an engine image lists the container created from it', async () => {
    await row(page, 'engine/app:1').click();
    await page.keyboard.press('Enter');
    const pane = page.getByTestId('detail-pane');
    await pane.getByRole('tab', { name: 'Containers' }).click();
    const container = pane.getByTestId('container-row');
    await container.filter({ hasText: CONTAINER }).waitFor();
    expect(await container.count()).toBe(1);
    expect(await container.getAttribute('data-container')).toBe(containerId);
    expect(await container.textContent()).toContain('created');
    expect(await pane.locator('.detail-id').textContent()).toBe(engineImageId);
    await screenshot(page, 'engine-detail-containers-light');
  });

  it('deleting the image shows Docker’s conflict naming the container, and offers Force', async () => {
    // Before the commit: an image with a child is refused for that first, as Docker checks it first.
    await row(page, 'engine/app:1').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete image?' });
    const failures = dialog.getByTestId('delete-failures');
    await failures.waitFor();
    const message = (await failures.locator('li').allTextContents()).join('\n');
    expect(message).toContain(`image is being used by stopped container ${short(containerId)}`);
    const blocking = dialog.getByTestId('blocking-container');
    await blocking.filter({ hasText: CONTAINER }).waitFor();
    expect(await dialog.getByTestId('delete-force').isVisible()).toBe(true);
    await screenshot(page, 'engine-delete-conflict-light');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await engineImage('engine/app:1')).status).toBe(200); // the preview removed nothing
  });

  it('commits the stopped container from the pane to a new image that shows in the list', async () => {
    await row(page, 'engine/app:1').click();
    const pane = page.getByTestId('detail-pane');
    await pane.getByRole('tab', { name: 'Containers' }).click();
    await pane.getByTestId('container-commit').click();
    const dialog = page.getByRole('dialog', { name: 'Commit container' });
    await dialog.waitFor();
    const reference = dialog.getByTestId('commit-reference');
    await reference.fill('Engine/Bad:1');
    await dialog.getByTestId('commit-reference-error').filter({ hasText: 'must be lowercase' }).waitFor();
    expect(await dialog.getByTestId('commit-submit').isDisabled()).toBe(true);
    await reference.fill('engine/committed:1');
    await dialog.getByText('docker.io/engine/committed:1').waitFor();
    await dialog.getByTestId('commit-author').fill('Berth E2E <e2e@example.com>');
    await dialog.getByTestId('commit-message').fill('from the detail pane');
    await dialog.getByTestId('commit-changes').fill('ENV COMMITTED=1\nLABEL via=berth');
    await screenshot(page, 'commit-dialog-light');
    await dialog.getByTestId('commit-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const toast = page.locator('.toast').filter({ hasText: 'Committed' });
    await toast.waitFor();
    await expectRefs(page, ['engine/app:1', 'engine/committed:1']);
    const { status, doc } = await engineImage('engine/committed:1');
    expect(status).toBe(200);
    expect(await toast.textContent()).toContain(short(doc.Id));
    expect(doc.Author).toBe('Berth E2E <e2e@example.com>');
    expect(doc.Comment).toBe('from the detail pane');
    expect(doc.Config.Env).toContain('COMMITTED=1');
  });

  it('copies an embedded image to the engine as a job; it then shows in the engine’s list', async () => {
    await chooseSource(/Berth store/);
    await expectRefs(page, ['copyme:1']);
    await row(page, 'copyme:1').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy to…' }).click();
    const dialog = page.getByTestId('copy-dialog');
    await dialog.waitFor();
    const targets = dialog.getByTestId('copy-target');
    expect(await targets.count()).toBe(1);
    expect(await targets.getAttribute('data-source')).toBe(dockerId());
    await dialog.getByTestId('copy-submit').click();
    await dialog.locator('[data-testid="job-progress"][data-state="succeeded"]').waitFor({ timeout: 60_000 });
    await page.locator('.toast').filter({ hasText: 'Copied to Docker Engine' }).waitFor();
    await screenshot(page, 'copy-dialog-light');
    await dialog.getByTestId('copy-close').click();
    expect((await engineImage('copyme:1')).status).toBe(200);

    await page.locator('nav [data-view="jobs"]').click();
    const card = page.getByTestId('job-card').filter({ hasText: 'Copy' }).first();
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('state-succeeded');
    await page.locator('nav [data-view="images"]').click();
    await chooseSource(/Docker Engine/);
    await expectRefs(page, ['engine/app:1', 'engine/committed:1', 'copyme:1']);
  });

  it('reports the engine going away with Docker’s message, keeps its rows greyed, and refetches when it is back', async () => {
    await relay.down();
    const banner = page.getByTestId('source-banner');
    await banner.waitFor({ timeout: 30_000 });
    await banner.getByTestId('source-error').filter({ hasText: `Cannot connect to the Docker daemon at ${dockerId()}. Is the docker daemon running?` }).waitFor();
    expect(await banner.textContent()).toContain('Reconnecting');
    expect(await page.locator('.grid-frame.stale').count()).toBe(1);
    await expectRefs(page, ['engine/app:1', 'engine/committed:1', 'copyme:1']);
    await screenshot(page, 'engine-unreachable-light');
    await banner.getByTestId('source-retry').click();
    await banner.waitFor(); // still gone: the banner stays, no spinner takes over

    // While it is away, an image appears there; once back, the list shows it.
    await relay.up();
    await banner.getByTestId('source-retry').click().catch(() => undefined); // the core may already have reconnected
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await engineApi(docker!, 'POST', `${API}/images/engine/app:1/tag?repo=engine/back&tag=1`);
    await expectRefs(page, ['engine/app:1', 'engine/committed:1', 'copyme:1', 'engine/back:1'], false, 20_000);
    expect(await page.locator('.grid-frame.stale').count()).toBe(0);
  });

  it('adds an engine from the switcher; one that never answers says so instead of spinning, and Settings removes it', async () => {
    const missing = `unix://${scratch}/nothing.sock`;
    await page.getByTestId('source-switcher').click();
    await page.getByTestId('source-add').click();
    const dialog = page.getByTestId('add-engine-dialog');
    const input = dialog.getByTestId('add-engine-endpoint');
    await input.fill('tcp://10.1.2.3:2375'); // not loopback: refused before it is sent
    expect(await dialog.getByTestId('add-engine-submit').isDisabled()).toBe(true);
    await input.fill(missing);
    await dialog.getByTestId('add-engine-submit').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('source-switcher').getAttribute('data-source')).toBe(missing);
    const banner = page.getByTestId('source-banner');
    await banner.getByTestId('source-error').filter({ hasText: `Cannot connect to the Docker daemon at ${missing}` }).waitFor();
    await page.getByTestId('images-unreachable').waitFor();
    expect(await page.locator('.loading').count()).toBe(0);
    await screenshot(page, 'engine-never-reached-light');

    await page.locator('nav [data-view="settings"]').click();
    const added = page.getByTestId('engine-row').filter({ hasText: missing });
    expect(await added.textContent()).toContain('added by you');
    expect(await page.getByTestId('engine-row').filter({ hasText: dockerId() }).textContent()).toContain('DOCKER_HOST');
    await screenshot(page, 'settings-engines-light');
    await added.getByTestId('engine-remove').click();
    await added.waitFor({ state: 'detached' });
    // The source on screen went away: the views fall back to the embedded store.
    expect(await page.getByTestId('source-switcher').getAttribute('data-source')).toBe('embedded');
    await page.locator('nav [data-view="images"]').click();
    await expectRefs(page, ['copyme:1']);
  });

  it('looks right in dark', async () => {
    const dark = await app.newPage({ colorScheme: 'dark', locale: 'en-US', viewport: { width: 1360, height: 820 } });
    // A new context has its own storage: choose the engine there too.
    await dark.getByTestId('source-switcher').click();
    await dark.getByRole('menuitemradio', { name: /Docker Engine/ }).click();
    await expectRefs(dark, ['engine/app:1', 'engine/committed:1', 'copyme:1', 'engine/back:1']);
    await row(dark, 'engine/app:1').click();
    await dark.keyboard.press('Enter');
    await dark.getByTestId('detail-pane').getByRole('tab', { name: 'Containers' }).click();
    await dark.getByTestId('container-row').filter({ hasText: CONTAINER }).waitFor();
    await screenshot(dark, 'engine-detail-containers-dark');
    await dark.getByTestId('source-switcher').click();
    await dark.getByTestId('source-menu').waitFor();
    await screenshot(dark, 'source-switcher-dark');
    await dark.keyboard.press('Escape');
    await dark.context().close();
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
