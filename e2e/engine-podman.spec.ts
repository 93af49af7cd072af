// Deleting an image on a real podman engine from the GUI: podman's own
// conflict for an image a container uses, then Force, whose confirmation
// names the container podman will remove with the image (dockerd would leave
// it), and the outcome that says it went. The app finds podman through
// DOCKER_HOST, as it would on a machine where podman serves the Docker API.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContainer, engineApi, loadArchive, startPodmanService, type EngineHandle } from '../test/fixtures/engine';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { expectRefs, row } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

const run = promisify(execFile);
const API = '/v1.41';
const CONTAINER = 'berth-e2e-podman-user';

let podman: EngineHandle | undefined;
let skipped = '';
let scratch: string;
let seed: SeededStore;
let app: LaunchedApp;
let page: Page;
let containerId: string;

beforeAll(async () => {
  const p = await startPodmanService();
  if ('skipped' in p) {
    skipped = p.skipped;
    console.warn(`[engine-podman e2e] skipped: podman unavailable: ${skipped}`);
    return;
  }
  podman = p;
  scratch = await mkdtemp(path.join(os.tmpdir(), 'berth-e2e-podman-'));
  seed = await seedStore([]);
  const archive = path.join(scratch, 'podman-app.tar');
  await run('skopeo', ['copy', '-q', `oci:${seed.layout.dir}:1.35-amd64`, `docker-archive:${archive}:podman/app:1`]);
  await loadArchive(podman, await readFile(archive));
  containerId = await createContainer(podman, 'podman/app:1', CONTAINER);
  app = await launchApp({
    storePath: seed.dir,
    env: { DOCKER_HOST: podman.dockerHost, BERTH_ENGINE_SOCKETS: '', XDG_CONFIG_HOME: path.join(scratch, 'config') },
    context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1360, height: 820 } },
  });
  page = app.page;
}, 300_000);

afterAll(async () => {
  await app?.close();
  await podman?.stop();
  await seed?.remove();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

beforeEach((ctx) => {
  if (skipped) ctx.skip(`podman unavailable: ${skipped}`);
});

async function containerExists(id: string): Promise<boolean> {
  return (await engineApi(podman!, 'GET', `${API}/containers/${id}/json`)).status === 200;
}

describe('deleting on a podman engine in the GUI', () => {
  it('Force names the container podman removes with the image, and the outcome says it went', async () => {
    await page.getByTestId('source-switcher').click();
    await page.getByRole('menuitemradio', { name: /Podman/ }).click();
    await page.getByTestId('source-menu').waitFor({ state: 'detached' });
    await expectRefs(page, ['podman/app:1']);

    await row(page, 'podman/app:1').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete image?' });
    await dialog.getByTestId('delete-failures').filter({ hasText: `image used by ${containerId}` }).waitFor();
    await dialog.getByTestId('blocking-container').filter({ hasText: CONTAINER }).waitFor();
    await dialog.getByTestId('conflict-help').filter({ hasText: 'Force delete removes those containers too' }).waitFor();
    await screenshot(page, 'podman-delete-conflict-light');

    await dialog.getByTestId('delete-force').click();
    const removed = dialog.getByTestId('removed-containers');
    await removed.filter({ hasText: 'The engine also removes 1 container that uses it' }).waitFor();
    expect(await dialog.getByTestId('delete-plan').textContent()).toContain('This removes the following, as podman rmi would:');
    await removed.getByTestId('removed-container').filter({ hasText: CONTAINER }).waitFor();
    await screenshot(page, 'podman-force-preview-light');
    expect(await containerExists(containerId)).toBe(true); // the preview removed nothing

    await dialog.getByTestId('delete-confirm').click();
    await dialog.getByTestId('delete-close').waitFor();
    await dialog.getByTestId('removed-containers').filter({ hasText: 'The engine also removed 1 container' }).waitFor();
    expect(await dialog.getByTestId('removed-container').textContent()).toContain(containerId.slice(0, 12));
    expect(await containerExists(containerId)).toBe(false);
    await dialog.getByTestId('delete-close').click();
    await expectRefs(page, []);
  });
});
