import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppInfo, type WsServerFrame } from '../../shared/index';
import { createCore, type Core } from '../core/service';
import { startHost, type RunningHost } from './index';

let tmp: string;
let rendererDir: string;
let core: Core;
let host: RunningHost;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'berth-host-'));
  rendererDir = path.join(tmp, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>berth test page</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(rendererDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(tmp, 'package.json'), '{"secret":"OUTSIDE-THE-BUILD"}');
  await symlink(path.join(tmp, 'package.json'), path.join(rendererDir, 'assets', 'link.json'));
  core = await createCore({ storePath: path.join(tmp, 'store'), host: 'browser' });
  host = await startHost({ core, rendererDir });
});

afterAll(async () => {
  await host?.close();
  await core?.close();
  await rm(tmp, { recursive: true, force: true });
});

/** Sends a request exactly as written: no client-side normalisation of the path. */
function rawGet(target: string, hostHeader = `127.0.0.1:${host.port}`): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const split = data.indexOf('\r\n\r\n');
      const head = data.slice(0, split);
      resolve({ status: Number(head.split(' ')[1]), head, body: data.slice(split + 4) });
    });
    socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`);
  });
}

function own(): { origin: string; base: string } {
  return { origin: `http://127.0.0.1:${host.port}`, base: `ws://127.0.0.1:${host.port}/ws` };
}

/** Resolves with the HTTP status of a refused handshake, or 101 when it was accepted. */
function handshakeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (e) => {
      if (!String(e.message).includes('Unexpected server response')) reject(e);
    });
  });
}

class Client {
  readonly ws: WebSocket;
  private readonly frames: WsServerFrame[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(url = `${own().base}?token=${host.token}`, origin = own().origin) {
    this.ws = new WebSocket(url, { origin });
    this.ws.on('message', (d) => {
      this.frames.push(JSON.parse(d.toString()) as WsServerFrame);
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  async next(match: (f: WsServerFrame) => boolean, timeoutMs = 5000): Promise<WsServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(match);
      if (i !== -1) return this.frames.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  pending(): WsServerFrame[] {
    return [...this.frames];
  }

  async invoke(id: number, method: string, input: unknown): Promise<WsServerFrame> {
    this.send({ type: 'invoke', id, method, input });
    return this.next((f) => f.type === 'result' && f.id === id);
  }
}

async function connected(): Promise<Client> {
  const c = new Client();
  await c.open();
  return c;
}

describe('startHost', () => {
  it('hands out a loopback URL carrying a fresh token of at least 128 bits', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(Buffer.from(host.token, 'base64url').length).toBeGreaterThanOrEqual(16);
    const other = await startHost({ core, rendererDir });
    try {
      expect(other.token).not.toBe(host.token);
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'localhost', '::1'])('refuses to bind to %s', async (bind) => {
    await expect(startHost({ core, rendererDir, host: bind })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('accepts an explicit 127.0.0.1 and a caller-chosen strong token, refuses a weak one', async () => {
    const token = 'A'.repeat(22);
    const h = await startHost({ core, rendererDir, host: '127.0.0.1', token });
    try {
      expect(h.token).toBe(token);
      expect(h.url).toContain(`?token=${token}`);
    } finally {
      await h.close();
    }
    await expect(startHost({ core, rendererDir, token: 'short' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('static files', () => {
  it('serves index.html with the strict CSP and hardening headers', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('berth test page');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${host.port}`,
      "img-src 'self' data:",
      "style-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ]);
    expect(csp).not.toContain('unsafe');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves assets with their content types, and 404s what is not there', async () => {
    const js = await fetch(`http://127.0.0.1:${host.port}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toContain("script-src 'self'");
    const css = await fetch(`http://127.0.0.1:${host.port}/assets/app.css?v=1`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`http://127.0.0.1:${host.port}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${host.port}/assets`)).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    const res = await fetch(`http://127.0.0.1:${host.port}/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    const head = await fetch(`http://127.0.0.1:${host.port}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%5c..%5cpackage.json',
    '/..\\package.json',
    '//../package.json',
    '/%252e%252e/package.json',
    '/assets/link.json',
    '/%00/../package.json',
    '/%E0%A4%A/package.json',
    '../package.json',
    `http://127.0.0.1:PORT/../package.json`,
  ])('refuses traversal %s', async (target) => {
    const res = await rawGet(target.replace('PORT', String(host.port)));
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('OUTSIDE-THE-BUILD');
  });

  it('refuses a foreign Host header (DNS rebinding) and accepts localhost', async () => {
    expect((await rawGet('/', `evil.example:${host.port}`)).status).toBe(403);
    expect((await rawGet('/', `127.0.0.1:${host.port + 1}`)).status).toBe(403);
    expect((await rawGet('/', `localhost:${host.port}`)).status).toBe(200);
    const ok = await rawGet('/');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('berth test page');
  });
});

describe('WebSocket handshake', () => {
  const headersFor = (origin: string, hostHeader?: string): Record<string, string> =>
    hostHeader ? { Origin: origin, Host: hostHeader } : { Origin: origin };

  it('refuses a missing token with 401', async () => {
    expect(await handshakeStatus(own().base, headersFor(own().origin))).toBe(401);
  });

  it('refuses a wrong token with 401, whatever its length', async () => {
    const wrongSameLength = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    for (const t of [wrongSameLength, 'x', '', `${host.token}x`]) {
      expect(await handshakeStatus(`${own().base}?token=${encodeURIComponent(t)}`, headersFor(own().origin))).toBe(401);
    }
  });

  it('refuses a foreign or missing Origin with 403', async () => {
    const url = `${own().base}?token=${host.token}`;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${host.port + 1}`, `https://127.0.0.1:${host.port}`, 'null']) {
      expect(await handshakeStatus(url, headersFor(origin))).toBe(403);
    }
    expect(await handshakeStatus(url, {})).toBe(403);
  });

  it('refuses a foreign Host with 403 even with the right token and origin', async () => {
    const url = `${own().base}?token=${host.token}`;
    expect(await handshakeStatus(url, headersFor(own().origin, `evil.example:${host.port}`))).toBe(403);
  });

  it('refuses other paths with 404', async () => {
    expect(await handshakeStatus(`ws://127.0.0.1:${host.port}/other?token=${host.token}`, headersFor(own().origin))).toBe(404);
  });

  it('accepts the right token from either of its own origins', async () => {
    const url = `${own().base}?token=${host.token}`;
    expect(await handshakeStatus(url, headersFor(own().origin))).toBe(101);
    expect(await handshakeStatus(url, headersFor(`http://localhost:${host.port}`, `localhost:${host.port}`))).toBe(101);
  });
});

describe('WebSocket frames', () => {
  it('round-trips app.info through core.dispatch', async () => {
    const c = await connected();
    const f = await c.invoke(1, 'app.info', {});
    expect(f.type).toBe('result');
    if (f.type !== 'result' || !f.result.ok) throw new Error(`unexpected ${JSON.stringify(f)}`);
    const info = AppInfo.parse(f.result.value);
    expect(info.storePath).toBe(core.storePath);
    expect(info.host).toBe('browser');
    c.ws.close();
  });

  it('answers contract violations and unknown methods with INVALID_ARGUMENT', async () => {
    const c = await connected();
    for (const [id, method, input] of [
      [2, 'app.info', { extra: true }],
      [3, 'images.list', { all: 'yes' }],
      [4, 'no.such.method', {}],
    ] as const) {
      const f = await c.invoke(id, method, input);
      expect(f).toMatchObject({ type: 'result', id, result: { ok: false, error: { code: 'INVALID_ARGUMENT' } } });
    }
    c.ws.close();
  });

  it('answers a malformed frame that carries an id, and keeps the connection', async () => {
    const c = await connected();
    c.send({ type: 'invoke', id: 7, method: 42 });
    expect(await c.next((f) => f.type === 'result' && f.id === 7)).toMatchObject({
      result: { ok: false, error: { code: 'INVALID_ARGUMENT' } },
    });
    const again = await c.invoke(8, 'app.info', {});
    expect(again).toMatchObject({ result: { ok: true } });
    c.ws.close();
  });

  it.each([
    ['not JSON', 'this is not json', 1007],
    ['a frame of no known type', { type: 'hello' }, 1007],
    ['a binary frame', Buffer.from([1, 2, 3]), 1003],
  ])('closes cleanly on %s', async (_name, payload, code) => {
    const c = await connected();
    if (Buffer.isBuffer(payload)) c.ws.send(payload);
    else c.send(payload);
    expect((await c.closed).code).toBe(code);
  });

  it('closes with 1009 on a frame above 1 MiB', async () => {
    const c = await connected();
    c.send({ type: 'invoke', id: 1, method: 'app.info', input: { pad: 'x'.repeat(1024 * 1024) } });
    expect((await c.closed).code).toBe(1009);
  });

  it('forwards bus events only after subscribe, once per connection', async () => {
    const c = await connected();
    core.bus.emit('store.changed', { at: 'before', source: 'embedded' });
    c.send({ type: 'subscribe', event: 'store.changed' });
    c.send({ type: 'subscribe', event: 'store.changed' });
    c.send({ type: 'subscribe', event: 'no.such.event' });
    // A round trip after the subscribes proves they were processed.
    await c.invoke(9, 'app.info', {});
    core.bus.emit('store.changed', { at: 'after', source: 'embedded' });
    const f = await c.next((x) => x.type === 'event');
    expect(f).toEqual({ type: 'event', event: 'store.changed', payload: { at: 'after', source: 'embedded' } });
    await c.invoke(10, 'app.info', {});
    expect(c.pending().filter((x) => x.type === 'event')).toEqual([]);
    c.ws.close();
  });

  it('stops forwarding once the socket closes, and close() ends live connections', async () => {
    const h = await startHost({ core, rendererDir });
    const c = new Client(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, `http://127.0.0.1:${h.port}`);
    await c.open();
    c.send({ type: 'subscribe', event: 'store.changed' });
    await c.invoke(1, 'app.info', {});
    await h.close();
    await c.closed;
    expect(() => core.bus.emit('store.changed', { at: 'after close', source: 'embedded' })).not.toThrow();
    await expect(fetch(`http://127.0.0.1:${h.port}/`)).rejects.toThrow();
  });
});
