import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type RegistryHandle } from '../test/fixtures/registry';
import { launchApp, screenshot, type LaunchedApp } from './fixtures/app';
import { row } from './fixtures/images-page';
import { seedStore, type SeededStore } from './fixtures/seed';

const run = promisify(execFile);

/**
 * Pushes from the Images view to a real distribution registry and follows the
 * job in the Jobs view. A proxy in front of the registry holds the config's
 * upload (it goes after the layers) until the test has read the layers' final
 * phases on screen, so the job is still running, however slow the machine.
 */
let registry: RegistryHandle;
let proxy: UploadHoldProxy;
let seed: SeededStore;
let app: LaunchedApp;
let page: Page;
let team: string;
let other: string;

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startUploadHoldProxy(registry.url);
  seed = await seedStore([['1.35-amd64', 'busybox:1.35-amd64']]);
  team = `${proxy.host}/team/busybox:v1`;
  other = `${proxy.host}/other/busybox:v1`;
  await seed.berth('tag', 'busybox:1.35-amd64', team);
  app = await launchApp({ storePath: seed.dir, context: { colorScheme: 'light', locale: 'en-US', viewport: { width: 1280, height: 860 } } });
  page = app.page;
  await row(page, team).waitFor();
});

afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await registry?.stop();
  await seed?.remove();
});

/** Waits until the card's layers all show one of `phases` while the job is still running, then for success. */
async function followPush(ref: string, phases: RegExp, shot: string): Promise<{ card: Locator; seen: string[] }> {
  await page.locator('nav [data-view="jobs"]').click();
  const card = page.getByTestId('job-card').filter({ has: page.locator('.job-title', { hasText: new RegExp(`^${escape(ref)}$`) }) });
  await card.waitFor();
  const layers = card.getByTestId('layer-line');
  const count = seed.layout.images['1.35-amd64'].layers.length;
  await page.waitForFunction(
    ({ title, n, re }) => {
      const c = [...document.querySelectorAll('[data-testid="job-card"]')].find((e) => e.querySelector('.job-title')?.textContent === title);
      const lines = [...(c?.querySelectorAll('[data-testid="layer-line"]') ?? [])];
      return lines.length === n && lines.every((l) => new RegExp(re).test(l.getAttribute('data-phase') ?? ''));
    },
    { title: ref, n: count, re: phases.source },
    { timeout: 30_000 },
  );
  const seen = await layers.evaluateAll((ls) => ls.map((l) => `${l.querySelector('.layer-id')?.textContent}|${l.getAttribute('data-phase')}|${l.classList.contains('done')}`));
  expect(await card.locator('.chip-running').count()).toBe(1);
  await screenshot(page, shot); // finished cards fold their layers away, so the layer phases are shot mid-job
  await expect.poll(() => proxy.waiting(), { timeout: 10_000 }).toBe(1); // the config's upload, held
  proxy.release();
  await card.locator('.chip-succeeded').waitFor({ timeout: 30_000 });
  return { card, seen };
}

describe('push to a real registry', () => {
  it('pushes a tagged image from the row’s context menu, with every layer Pushed', async () => {
    await row(page, team).click();
    await row(page, team).click({ button: 'right' });
    proxy.hold((await seed.berth('inspect', '-f', '{{.Id}}', team)).trim());
    await page.getByRole('menuitem', { name: 'Push' }).click();
    await page.locator('.toast').filter({ hasText: 'Push started' }).waitFor();

    const { card, seen } = await followPush(team, /^Pushed$/, 'push-layers-pushed-light');
    const want = seed.layout.images['1.35-amd64'].layers.map((l) => l.diffId.slice(7, 19)).sort();
    expect(seen.map((s) => s.split('|')[0]).sort()).toEqual(want);
    expect(seen.every((s) => s.endsWith('|Pushed|true'))).toBe(true);
    expect(await card.locator('.job-kind').textContent()).toBe('Push');
    const digestLine = (await card.locator('.job-messages').textContent()) ?? '';
    expect(digestLine).toMatch(/^v1: digest: sha256:[a-f0-9]{64} size: \d+$/m);
    await screenshot(page, 'push-jobs-finished-light');

    const manifest = await registryManifest(team);
    const id = (await seed.berth('inspect', '-f', '{{.Id}}', team)).trim();
    expect(manifest.config.digest).toBe(id);
    expect(manifest.layers.map((l) => l.digest)).toEqual(seed.layout.images['1.35-amd64'].layers.map((l) => l.digest));
    const remoteDigest = /digest: (sha256:[a-f0-9]{64})/.exec(digestLine)![1];
    expect(await registryDigest(team)).toBe(remoteDigest);
  });

  it('pushes the same image to another repository by mounting its layers, from the toolbar’s More menu', async () => {
    await seed.berth('tag', team, other);
    await page.locator('nav [data-view="images"]').click();
    await row(page, other).waitFor({ timeout: 15_000 });
    await row(page, other).click();
    proxy.hold((await seed.berth('inspect', '-f', '{{.Id}}', other)).trim());
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Push' }).click();

    const { seen } = await followPush(other, /^(Mounted from team\/busybox|Layer already exists)$/, 'push-layers-mounted-light');
    expect(seen.filter((s) => s.includes('|Mounted from team/busybox|')).length).toBeGreaterThan(0);
    expect(seen.every((s) => s.endsWith('|true'))).toBe(true); // a mounted layer is a finished one
    await screenshot(page, 'push-mounted-jobs-finished-light');

    const manifest = await registryManifest(other);
    expect(manifest.config.digest).toBe((await seed.berth('inspect', '-f', '{{.Id}}', other)).trim());
    expect(await page.getByTestId('job-card').locator('.chip-succeeded').count()).toBe(2);
  });

  it('ran without CSP violations, console errors or uncaught exceptions', () => {
    expect(app.problems).toEqual([]);
  });
});

interface Manifest {
  config: { digest: string };
  layers: Array<{ digest: string }>;
}

async function registryManifest(ref: string): Promise<Manifest> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
  return JSON.parse(stdout) as Manifest;
}

async function registryDigest(ref: string): Promise<string> {
  const { stdout } = await run('skopeo', ['inspect', '--tls-verify=false', `docker://${ref}`]);
  return (JSON.parse(stdout) as { Digest: string }).Digest;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface UploadHoldProxy {
  host: string;
  /** Holds the upload that completes this blob (PUT …?digest=) until release(). */
  hold(digest: string): void;
  /** Requests held now. */
  waiting(): number;
  release(): void;
  close(): Promise<void>;
}

/**
 * Passes everything through with the client's Host header, so the registry's
 * upload Locations point back here; holds the request that completes the held
 * digest's upload until the test lets it go.
 */
async function startUploadHoldProxy(target: string): Promise<UploadHoldProxy> {
  const base = new URL(target);
  let held: { digest: string; gate: Promise<void>; open: () => void } | undefined;
  let waiting = 0;
  const server: Server = createServer((req, res) => {
    const forward = (): void => {
      const upstream = httpRequest({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    const digest = new URL(req.url ?? '/', 'http://proxy').searchParams.get('digest');
    if (held && digest === held.digest) {
      waiting++;
      void held.gate.then(() => {
        waiting--;
        forward();
      });
    }
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    hold: (digest) => {
      let open = (): void => {};
      const gate = new Promise<void>((r) => (open = r));
      held = { digest, gate, open };
    },
    waiting: () => waiting,
    release: () => held?.open(),
    close: () =>
      new Promise<void>((resolve) => {
        held?.open();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
