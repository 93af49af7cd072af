// Save, Load and Import from the Images view, through the browser host's
// download and upload endpoints, on a real store; results checked with the CLI.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { expectRefs, row, selectedRefs } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

const run = promisify(execFile);
let seed: SeededStore;
let app: LaunchedApp;
let page: Page;
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'berth-e2e-archive-'));
  seed = await seedStore([['1.35-amd64', 'busybox:1.35']]);
  app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', acceptDownloads: true } });
  page = app.page;
  await expectRefs(page, ['busybox:1.35']);
});

afterAll(async () => {
  await app?.close();
  await seed?.remove();
  await rm(scratch, { recursive: true, force: true });
});

describe('save, load and import from the Images view', () => {
  let archive: string;
  let id: string;

  it('saves the selected image as a docker-archive download that skopeo reads', async () => {
    id = (await seed.berth('inspect', '-f', '{{.Id}}', 'busybox:1.35')).trim();
    await row(page, 'busybox:1.35').click();
    await page.getByTestId('archive-save').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('archive-save-docker').click()]);
    archive = path.join(scratch, download.suggestedFilename());
    await download.saveAs(archive);
    expect(path.basename(archive)).toBe('busybox_1.35.tar');
    const { stdout } = await run('skopeo', ['inspect', '--config', `docker-archive:${archive}`]);
    const config = JSON.parse(stdout) as { architecture: string };
    expect(config.architecture).toBe('amd64');
  });

  it('loads that archive from the file picker and selects the loaded image', async () => {
    await seed.berth('rmi', 'busybox:1.35');
    await expectRefs(page, []);
    await page.getByTestId('archive-load-input').setInputFiles(archive);
    await expectRefs(page, ['busybox:1.35'], false, 30_000);
    await expect.poll(() => selectedRefs(page), { timeout: 10_000 }).toEqual(['busybox:1.35']);
    expect((await seed.berth('inspect', '-f', '{{.Id}}', 'busybox:1.35')).trim()).toBe(id);
  });

  it('imports a root filesystem tarball with a name and a CMD change', async () => {
    const rootfs = path.join(scratch, 'rootfs');
    await mkdir(path.join(rootfs, 'etc'), { recursive: true });
    await writeFile(path.join(rootfs, 'etc', 'os-release'), 'NAME="tiny template"\n');
    const tarball = path.join(scratch, 'ubuntu-14.04-x86_64-minimal.tar.gz');
    await run('tar', ['-C', rootfs, '-czf', tarball, '.']);
    await page.getByTestId('archive-import-input').setInputFiles(tarball);
    const dialog = page.getByTestId('import-dialog');
    await dialog.waitFor();
    await dialog.getByLabel('Repository[:tag]').fill('ubuntu:14.04');
    await dialog.getByLabel('Changes (one Dockerfile instruction per line)').fill('CMD ["/bin/bash"]\nENV LANG=C.UTF-8');
    await screenshot(page, 'import-dialog-light');
    await dialog.getByTestId('import-submit').click();
    await expectRefs(page, ['busybox:1.35', 'ubuntu:14.04'], false, 30_000);
    expect((await seed.berth('inspect', '-f', '{{json .Config.Cmd}} {{index .Config.Env 0}}', 'ubuntu:14.04')).trim()).toBe(
      '["/bin/bash"] LANG=C.UTF-8',
    );
    expect((await seed.berth('history', '--format', '{{.Comment}}', 'ubuntu:14.04')).trim()).toBe('Imported from -');
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});
