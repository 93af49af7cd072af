import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/index';
import { createCore, type Core } from '../core/service';
import { registerIpc } from './ipc';
import { APP_ORIGIN } from './security';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** Stands in for Electron's ipcMain and WebContents: the code under test only sees their shapes. */
class FakeIpcMain {
  handlers = new Map<string, Handler>();
  listeners = new Map<string, Handler>();
  handle(channel: string, fn: Handler) {
    this.handlers.set(channel, fn);
  }
  on(channel: string, fn: Handler) {
    this.listeners.set(channel, fn);
    return this;
  }
}

function fakeEvent(url: string, opts: { subFrame?: boolean } = {}) {
  const sender = Object.assign(new EventEmitter(), {
    mainFrame: { url },
    sent: [] as unknown[][],
    isDestroyed: () => false,
    send(...args: unknown[]) {
      this.sent.push(args);
    },
  });
  const senderFrame = opts.subFrame ? { url } : sender.mainFrame;
  return { sender, senderFrame };
}

describe('Electron IPC registration', () => {
  let core: Core;
  let dir: string;
  const ipc = new FakeIpcMain();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'berth-ipc-'));
    core = await createCore({ storePath: dir, host: 'electron' });
    registerIpc(ipc as never, core, APP_ORIGIN);
  });
  afterAll(async () => {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const invoke = (event: unknown, method: unknown, input: unknown) =>
    ipc.handlers.get(CHANNELS.invoke)!(event, method, input) as Promise<{ ok: boolean; error?: { code: string } }>;

  it('answers a valid call from the app frame', async () => {
    const result = await invoke(fakeEvent(`${APP_ORIGIN}/index.html`), 'app.info', {});
    expect(result).toMatchObject({ ok: true, value: { name: 'Berth', host: 'electron' } });
  });

  it('rejects an input that breaks the contract before any handler runs', async () => {
    const result = await invoke(fakeEvent(`${APP_ORIGIN}/index.html`), 'app.info', { extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const wrongType = await invoke(fakeEvent(`${APP_ORIGIN}/index.html`), 'images.tag', { ref: 42, target: 'x' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('rejects unknown methods', async () => {
    const result = await invoke(fakeEvent(`${APP_ORIGIN}/index.html`), 'fs.readFile', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('rejects a call from a foreign frame', async () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'not a url']) {
      const result = await invoke(fakeEvent(url), 'app.info', {});
      expect(result, url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('rejects a call from a subframe of the app', async () => {
    const result = await invoke(fakeEvent(`${APP_ORIGIN}/index.html`, { subFrame: true }), 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('forwards events only to trusted subscribers', () => {
    const good = fakeEvent(`${APP_ORIGIN}/index.html`);
    const evil = fakeEvent('https://evil.example/');
    const subscribe = ipc.listeners.get(CHANNELS.subscribe)!;
    subscribe(good, 'store.changed');
    subscribe(evil, 'store.changed');
    subscribe(good, 'no.such.event');
    core.bus.emit('store.changed', { at: '2026-01-01T00:00:00Z', source: 'embedded' });
    expect(good.sender.sent).toEqual([[CHANNELS.event, 'store.changed', { at: '2026-01-01T00:00:00Z', source: 'embedded' }]]);
    expect(evil.sender.sent).toEqual([]);
  });
});
