import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BerthError, type BerthApi, type Result } from '../../../shared/index';
import { createDispatch } from '../../../electron/core/api/dispatch';
import { createCore, type Core } from '../../../electron/core/service';
import { startHost, type HostCore, type RunningHost } from '../../../electron/host/index';
import { createApi } from './client';
import type { ConnectionStatus } from './status';
import { pickTransport, wsUrl } from './transport';
import { WsTransport, type SocketLike } from './ws-transport';

let tmp: string;
let core: Core;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'berth-api-'));
  core = await createCore({ storePath: path.join(tmp, 'store'), host: 'browser' });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  await core.close();
  await rm(tmp, { recursive: true, force: true });
});

async function serve(hostCore: HostCore = core, port = 0, token?: string): Promise<RunningHost> {
  const h = await startHost({ core: hostCore, rendererDir: tmp, port, ...(token ? { token } : {}) });
  cleanups.push(() => h.close());
  return h;
}

function transportFor(h: RunningHost, opts: { queueTimeoutMs?: number } = {}): WsTransport {
  const origin = `http://127.0.0.1:${h.port}`;
  const t = new WsTransport({
    url: wsUrl(`127.0.0.1:${h.port}`, h.token),
    createSocket: (url) => new WebSocket(url, { origin }) as unknown as SocketLike,
    backoff: { initialMs: 20, maxMs: 100 },
    ...opts,
  });
  cleanups.push(() => t.close());
  return t;
}

function statusReached(t: WsTransport, want: ConnectionStatus): Promise<void> {
  if (t.status() === want) return Promise.resolve();
  return new Promise((resolve) => {
    const off = t.onStatus((s) => {
      if (s === want) {
        off();
        resolve();
      }
    });
  });
}

function nextPayload<T>(subscribe: (cb: (p: T) => void) => () => void): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((p) => {
      off();
      resolve(p);
    });
  });
}

describe('api over the real browser host', () => {
  it('calls app.info and gets the contract output', async () => {
    const api = createApi(transportFor(await serve()));
    const info = await api.call('app.info', {});
    expect(info).toMatchObject({ name: 'Berth', storePath: core.storePath, host: 'browser' });
  });

  it('throws the BerthError the core answered', async () => {
    const api = createApi(transportFor(await serve()));
    const err = await api.call('images.list', { all: 'yes' as unknown as boolean }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('delivers events after on(), to every listener, and stops after unsubscribe', async () => {
    const t = transportFor(await serve());
    const api = createApi(t);
    const seen: string[] = [];
    const off = api.on('store.changed', (p) => seen.push(`a:${p.at}`));
    api.on('store.changed', (p) => seen.push(`b:${p.at}`));
    await statusReached(t, 'open');
    await api.call('app.info', {}); // the subscribe frame went out before this call
    const received = nextPayload<{ at: string }>((cb) => api.on('store.changed', cb));
    core.bus.emit('store.changed', { at: '1', source: 'embedded' });
    await received;
    off();
    const again = nextPayload<{ at: string }>((cb) => api.on('store.changed', cb));
    core.bus.emit('store.changed', { at: '2', source: 'embedded' });
    await again;
    expect(seen).toEqual(['a:1', 'b:1', 'b:2']);
  });

  it('reconnects with the same token and re-subscribes', async () => {
    const first = await serve();
    const t = transportFor(first);
    const api = createApi(t);
    await statusReached(t, 'open');
    await first.close();
    await statusReached(t, 'reconnecting');
    const queued = api.call('app.info', {}); // waits for the connection instead of failing
    await serve(core, first.port, first.token);
    await statusReached(t, 'open');
    await expect(queued).resolves.toMatchObject({ name: 'Berth' });
    const event = nextPayload<{ at: string }>((cb) => api.on('store.changed', cb));
    // Subscribed before this connection existed: the transport must have re-subscribed.
    await api.call('app.info', {});
    core.bus.emit('store.changed', { at: 'after reconnect', source: 'embedded' });
    await expect(event).resolves.toEqual({ at: 'after reconnect', source: 'embedded' });
  });

  it('answers a call in flight when the connection drops with NETWORK, without re-sending it', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const slow: HostCore = {
      bus: core.bus,
      dispatch: createDispatch({
        ...core.handlers,
        'store.fsck': () => {
          calls++;
          return new Promise((resolve) => {
            release = () => resolve({ ok: true, blobsChecked: 0, refsChecked: 0, problems: [] });
          });
        },
      }),
    };
    const h = await serve(slow);
    const t = transportFor(h);
    const api = createApi(t);
    const call = api.call('store.fsck', {}).catch((e: unknown) => e);
    while (calls === 0) await new Promise((r) => setTimeout(r, 5));
    await h.close();
    const err = await call;
    expect(err).toMatchObject({ code: 'NETWORK' });
    release();
    await serve(slow, h.port, h.token);
    await statusReached(t, 'open');
    await api.call('app.info', {});
    expect(calls).toBe(1);
  });

  it('fails a queued call with NETWORK when no host comes back in time', async () => {
    const h = await serve();
    const t = transportFor(h, { queueTimeoutMs: 150 });
    await statusReached(t, 'open');
    await h.close();
    await statusReached(t, 'reconnecting');
    await expect(createApi(t).call('app.info', {})).rejects.toMatchObject({ code: 'NETWORK' });
  });
});

describe('createApi unwrapping', () => {
  const fixed = (result: unknown): BerthApi => ({
    invoke: async () => result as Result<never>,
    subscribe: () => () => {},
  });

  it('rebuilds the BerthError from the payload, details included', async () => {
    const api = createApi(fixed({ ok: false, error: { code: 'CONFLICT', message: 'in use', details: { id: 'x' } } }));
    const err = await api.call('app.info', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'CONFLICT', message: 'in use', details: { id: 'x' } });
  });

  it('refuses answers that break the envelope or the contract', async () => {
    await expect(createApi(fixed(null)).call('app.info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(createApi(fixed({ ok: false, error: { code: 'NOPE' } })).call('app.info', {})).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await expect(createApi(fixed({ ok: true, value: { name: 'Other' } })).call('app.info', {})).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it('turns a rejected Electron invoke into NETWORK', async () => {
    const api = createApi({ invoke: () => Promise.reject(new Error('gone')), subscribe: () => () => {} });
    await expect(api.call('app.info', {})).rejects.toMatchObject({ code: 'NETWORK', message: 'gone' });
  });
});

describe('pickTransport', () => {
  const fakeWindow = (search: string, berth?: BerthApi) =>
    ({ location: { search, host: '127.0.0.1:9' }, ...(berth ? { berth } : {}) }) as unknown as Window & { berth?: BerthApi };

  it('prefers the Electron preload when present', () => {
    const berth: BerthApi = { invoke: async () => ({ ok: true, value: null }) as never, subscribe: () => () => {} };
    expect(pickTransport(fakeWindow('?token=abc', berth))).toBe(berth);
  });

  it('answers FORBIDDEN when the page has no token', async () => {
    const api = createApi(pickTransport(fakeWindow('')));
    await expect(api.call('app.info', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('builds the socket URL from the page host and an encoded token', () => {
    expect(wsUrl('127.0.0.1:8080', 'a+b/c')).toBe('ws://127.0.0.1:8080/ws?token=a%2Bb%2Fc');
  });
});
