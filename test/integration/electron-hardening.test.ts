// Electron hardening, checked on the built app: out/main/index.js runs in a
// child Node process with `electron` resolved to a recording stand-in (no
// Electron binary can run here), and the test drives what it registered: the
// window's webPreferences, navigation and window-open handlers, permission
// handlers, the app:// protocol and its CSP header, the IPC channels and their
// sender checks. The built preload runs in a sandbox-like context of its own.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { recordFigures } from '../fixtures/figures';
import { runSandboxedPreload } from '../fixtures/electron-stand-in/preload-sandbox';
import { runOk, tail, tempDir, type TempDir } from '../fixtures/tools';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'out/main/index.js');
const PRELOAD = path.join(ROOT, 'out/preload/index.cjs');
const DRIVER = path.join(ROOT, 'test/fixtures/electron-stand-in/run-main.mjs');
const APP_PAGE = 'app://berth/index.html';
const CONTRACT_CHANNELS: string[] = Object.values(CHANNELS);

let checks = 0;
/** A hardening check: counted for the reliability figures when it passes. */
function check(name: string, fn: () => Promise<void> | void): void {
  it(name, async () => {
    await fn();
    checks += 1;
  });
}

// ---------------------------------------------------------------- the built main process

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

let dir: TempDir;
let child: ChildProcess;
let stderr = '';
let nextId = 0;
const pending = new Map<number, (r: Reply) => void>();

async function call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
  const id = ++nextId;
  const reply = await new Promise<Reply>((resolve) => {
    pending.set(id, resolve);
    child.send({ id, op, args });
  });
  if (!reply.ok) throw new Error(`${op} failed in the main process:\n${reply.error}\n${tail(stderr, 20)}`);
  return reply.value as T;
}

beforeAll(async () => {
  if (!existsSync(MAIN) || !existsSync(PRELOAD)) await runOk('npx', ['electron-vite', 'build'], { cwd: ROOT, timeoutMs: 240_000 });
  dir = await tempDir('berth-electron-hardening');
  child = fork(DRIVER, [MAIN], {
    cwd: ROOT,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      BERTH_STORE: path.join(dir.path, 'store'),
      HOME: dir.path,
      XDG_DATA_HOME: path.join(dir.path, 'data'),
      XDG_CONFIG_HOME: path.join(dir.path, 'config'),
      ELECTRON_STAND_IN_DIR: path.join(dir.path, 'electron'),
    },
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the main bundle exited (${code}) before opening its window:\n${tail(stderr, 30)}`)));
    child.on('message', (m: Reply | { ready: true }) => {
      if ('ready' in m) return resolve();
      pending.get(m.id)?.(m);
      pending.delete(m.id);
    });
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }
  await dir?.remove();
  recordFigures('hardening', { checks });
});

interface State {
  singleInstanceLockRequested: boolean;
  quitCalls: number;
  exitCodes: number[];
  violations: string[];
  privilegedSchemes: { schemes: { scheme: string; privileges: Record<string, boolean> }[]; beforeReady: boolean }[];
  protocolSchemes: string[];
  hasPermissionRequestHandler: boolean;
  hasPermissionCheckHandler: boolean;
  windows: { options: { webPreferences?: Record<string, unknown> } & Record<string, unknown> }[];
  contents: { listeners: Record<string, number>; hasWindowOpenHandler: boolean; loadedURLs: string[] }[];
  appListeners: Record<string, number>;
  ipcHandleChannels: string[];
  ipcOnChannels: string[];
  openedExternally: string[];
}

const state = () => call<State>('state');

describe('the built main process', () => {
  check('takes the single-instance lock and starts without tripping any of Electron\'s ordering rules', async () => {
    const s = await state();
    expect(s.singleInstanceLockRequested).toBe(true);
    expect(s.quitCalls).toBe(0); // it got the lock, so it must not quit
    expect(s.exitCodes).toEqual([]);
    expect(s.violations).toEqual([]);
  });

  check('opens one window whose webPreferences isolate and sandbox the renderer, with the built preload', async () => {
    const s = await state();
    expect(s.windows).toHaveLength(1);
    const prefs = s.windows[0]!.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.webSecurity).not.toBe(false);
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'enableRemoteModule']) expect(prefs, risky).not.toHaveProperty(risky);
    expect(prefs.preload).toBe(PRELOAD);
    expect(existsSync(prefs.preload as string)).toBe(true);
  });

  check('loads the page from its own app:// origin only', async () => {
    const s = await state();
    expect(s.contents.map((c) => c.loadedURLs)).toEqual([[APP_PAGE]]);
  });

  check('registers app:// as a secure standard scheme before ready, without privileges that bypass the CSP', async () => {
    const s = await state();
    expect(s.privilegedSchemes).toHaveLength(1);
    const { schemes, beforeReady } = s.privilegedSchemes[0]!;
    expect(beforeReady).toBe(true);
    expect(schemes.map((x) => x.scheme)).toEqual(['app']);
    const privileges = schemes[0]!.privileges;
    expect(privileges).toMatchObject({ standard: true, secure: true });
    for (const p of ['bypassCSP', 'allowServiceWorkers', 'corsEnabled', 'stream']) expect(privileges[p], p).not.toBe(true);
    expect(s.protocolSchemes).toEqual(['app']);
  });

  check('locks down every webContents it is told about, not just its own window', async () => {
    const s = await state();
    expect(s.appListeners['web-contents-created']).toBe(1);
    const c = s.contents[0]!;
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) expect(c.listeners[event], event).toBeGreaterThan(0);
    expect(c.hasWindowOpenHandler).toBe(true);
  });

  const foreign = [
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://berth.evil.example/index.html',
    'app://berthx/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
  ];

  check('prevents navigation and redirects to anywhere but app://berth/', async () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of foreign) {
        expect(await call('navigate', { event, url }), `${event} ${url}`).toEqual({ prevented: true, listened: true });
      }
      // the handler is a filter, not a blanket refusal: the app's own pages pass
      expect(await call('navigate', { event, url: 'app://berth/index.html#/images' })).toEqual({ prevented: false, listened: true });
    }
  });

  check('refuses to attach a webview', async () => {
    expect(await call('navigate', { event: 'will-attach-webview', url: 'https://evil.example/' })).toEqual({ prevented: true, listened: true });
  });

  check('denies every new window (window.open, target=_blank, middle- and shift-click) and opens nothing outside', async () => {
    for (const url of [...foreign, APP_PAGE]) {
      for (const disposition of ['default', 'foreground-tab', 'background-tab', 'new-window', 'other']) {
        expect(await call('windowOpen', { url, disposition }), `${disposition} ${url}`).toEqual({ action: 'deny' });
      }
    }
    expect((await state()).openedExternally).toEqual([]);
  });

  const permissions = [
    'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal',
    'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'mediaKeySystem', 'idle-detection',
    'window-management', 'fileSystem', 'hid', 'serial', 'usb', 'storage-access', 'top-level-storage-access',
    'speaker-selection', 'keyboardLock', 'unknown',
  ];

  check('answers every permission request with a refusal', async () => {
    expect((await state()).hasPermissionRequestHandler).toBe(true);
    for (const permission of permissions) {
      expect(await call('permissionRequest', { permission }), permission).toEqual({ answered: true, granted: false });
    }
  });

  check('answers every permission check with a refusal, for its own origin too', async () => {
    expect((await state()).hasPermissionCheckHandler).toBe(true);
    for (const permission of permissions) {
      for (const origin of ['app://berth', 'https://evil.example']) {
        expect(await call('permissionCheck', { permission, origin }), `${permission} ${origin}`).toBe(false);
      }
    }
  });

  interface Fetched {
    status: number;
    headers: Record<string, string>;
    body: string;
  }

  check('serves the page and its assets over app:// with a strict Content-Security-Policy header', async () => {
    const page = await call<Fetched>('fetchApp', { url: APP_PAGE });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script, 'the page names its script').toBeDefined();
    const asset = await call<Fetched>('fetchApp', { url: `app://berth/${script}` });
    expect(asset.status).toBe(200);
    for (const res of [page, asset]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const csp = parseCsp(res.headers['content-security-policy']);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('connect-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('form-action')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      for (const [directive, sources] of csp) {
        for (const bad of ["'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'ws:', 'file:']) {
          expect(sources, `${directive} allows ${bad}`).not.toContain(bad);
        }
      }
    }
  });

  check('serves nothing outside the built renderer, and nothing for another app:// host', async () => {
    for (const url of [
      'app://berth/..%2f..%2fpackage.json',
      'app://berth/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://berth/..%5c..%5cpackage.json',
      'app://berth/assets%00.js',
      'app://berth/%E0%A4%A',
      'app://other/index.html',
    ]) {
      const res = await call<Fetched>('fetchApp', { url });
      expect(res.status, url).toBe(404);
      expect(res.body).not.toContain('"name": "berth"');
    }
  });

  check('listens for IPC on the contract\'s channels only', async () => {
    const s = await state();
    expect(s.ipcHandleChannels).toEqual([CHANNELS.invoke]);
    expect(s.ipcOnChannels).toEqual([CHANNELS.subscribe]);
    for (const c of [...s.ipcHandleChannels, ...s.ipcOnChannels]) expect(CONTRACT_CHANNELS).toContain(c);
  });

  interface Invoked {
    registered: boolean;
    result?: { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } };
  }
  const invoke = (frameUrl: string, method: unknown, input: unknown, isMainFrame = true) =>
    call<Invoked>('ipcInvoke', { channel: CHANNELS.invoke, frameUrl, isMainFrame, args: [method, input] });

  check('answers calls from the app\'s own top frame', async () => {
    const r = await invoke(APP_PAGE, 'app.info', {});
    expect(r.result).toMatchObject({ ok: true, value: { name: 'Berth', host: 'electron' } });
  });

  check('refuses calls from any other frame: foreign pages, subframes, lookalike hosts, file: pages', async () => {
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: 'call from a frame that is not Berth' } };
    for (const frameUrl of ['https://evil.example/', 'app://berth.evil.example/index.html', 'app://other/index.html', `file://${ROOT}/out/renderer/index.html`, 'about:blank', '']) {
      expect((await invoke(frameUrl, 'app.info', {})).result, frameUrl).toEqual(refused);
    }
    // the app's own URL in an iframe is not the app
    expect((await invoke(APP_PAGE, 'app.info', {}, false)).result).toEqual(refused);
  });

  check('refuses unknown methods and inputs that break the contract, even from the app itself', async () => {
    const unknown = await invoke(APP_PAGE, 'shell.openExternal', { url: 'https://evil.example/' });
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'unknown method: shell.openExternal' } });
    const proto = await invoke(APP_PAGE, '__proto__', {});
    expect(proto.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const bad = await invoke(APP_PAGE, 'images.list', { all: 'yes', extra: 1 });
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect((await state()).openedExternally).toEqual([]);
  });

  check('subscribes only the app\'s own top frame, and only to contract events', async () => {
    const send = (frameUrl: string, name: unknown, isMainFrame = true) =>
      call<{ listeners: number; subscribed: boolean }>('ipcSend', { channel: CHANNELS.subscribe, frameUrl, isMainFrame, args: [name] });
    expect(await send(APP_PAGE, 'store.changed')).toEqual({ listeners: 1, subscribed: true });
    expect((await send('https://evil.example/', 'store.changed')).subscribed).toBe(false);
    expect((await send(APP_PAGE, 'store.changed', false)).subscribed).toBe(false);
    expect((await send(APP_PAGE, 'not.an.event')).subscribed).toBe(false);
  });
});

// ---------------------------------------------------------------- the built preload

describe('the built preload', () => {
  const EXPECTED_API = ['invoke', 'pathForFile', 'subscribe'];

  check('exposes exactly one object, window.berth, with the contract\'s three functions, and requires only electron', () => {
    const run = runSandboxedPreload(PRELOAD);
    expect(run.required).toEqual(['electron']);
    expect(run.exposed.map((e) => e.key)).toEqual(['berth']);
    const api = run.exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual(EXPECTED_API);
    for (const k of EXPECTED_API) expect(typeof api[k], k).toBe('function');
    // nothing but the event listener is set up before the page calls anything
    expect(run.ipc).toEqual([{ kind: 'on', channel: CHANNELS.event, args: [] }]);
  });

  check('invoke forwards the method and input on the invoke channel, and nothing more', async () => {
    const run = runSandboxedPreload(PRELOAD);
    const api = run.exposed[0]!.api as { invoke: (m: unknown, i: unknown) => Promise<unknown> };
    const answer = await api.invoke('images.list', { all: true });
    expect(answer).toEqual({ ok: true, value: { echoed: ['images.list', { all: true }] } });
    expect(run.ipc.slice(1)).toEqual([{ kind: 'invoke', channel: CHANNELS.invoke, args: ['images.list', { all: true }] }]);
  });

  check('subscribe asks once per event, delivers only that event, and stops after unsubscribe', () => {
    const run = runSandboxedPreload(PRELOAD);
    const api = run.exposed[0]!.api as { subscribe: (e: string, cb: (p: unknown) => void) => () => void };
    const got: unknown[] = [];
    const off = api.subscribe('store.changed', (p) => got.push(p));
    const off2 = api.subscribe('store.changed', () => {});
    expect(run.ipc.filter((c) => c.kind === 'send')).toEqual([{ kind: 'send', channel: CHANNELS.subscribe, args: ['store.changed'] }]);
    run.emit(CHANNELS.event, 'store.changed', { n: 1 });
    run.emit(CHANNELS.event, 'job.updated', { n: 2 });
    run.emit('some:other-channel', 'store.changed', { n: 3 });
    expect(got).toEqual([{ n: 1 }]);
    off();
    off2();
    run.emit(CHANNELS.event, 'store.changed', { n: 4 });
    expect(got).toEqual([{ n: 1 }]);
  });

  check('pathForFile asks webUtils for the picked file\'s path and nothing else', () => {
    const run = runSandboxedPreload(PRELOAD);
    const api = run.exposed[0]!.api as { pathForFile: (f: unknown) => string };
    const file = { name: 'image.tar' };
    expect(api.pathForFile(file)).toBe('/picked/by/user.tar');
    expect(run.pathsAsked).toEqual([file]);
    expect(run.ipc).toHaveLength(1); // only the event listener
  });

  check('uses no channel outside the contract', async () => {
    const run = runSandboxedPreload(PRELOAD);
    const api = run.exposed[0]!.api as {
      invoke: (m: unknown, i: unknown) => Promise<unknown>;
      subscribe: (e: string, cb: (p: unknown) => void) => () => void;
    };
    await api.invoke('app.info', {});
    api.subscribe('job.updated', () => {})();
    expect(run.ipc.length).toBeGreaterThanOrEqual(3);
    for (const c of run.ipc) expect(CONTRACT_CHANNELS, `${c.kind} ${c.channel}`).toContain(c.channel);
  });
});

/** Directive → sources; a repeated directive is a policy error, so it fails the test. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  const out = new Map<string, string[]>();
  for (const part of header!.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(out.has(name.toLowerCase()), `repeated ${name}`).toBe(false);
    out.set(name.toLowerCase(), sources);
  }
  return out;
}
