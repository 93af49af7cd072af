// The engine client against a scripted peer on a unix socket that answers
// /_ping like dockerd and then misbehaves: answers cut after their headers,
// garbage bodies, stalls. Each failure must reach the user as a specific
// BerthError in words they can act on, never as a bare socket error (INTERNAL),
// and closing the client must not wait for an answer that never ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineArchivePort } from './archive-port';
import { codeForMessage, EngineClient } from './client';
import { parseEndpoint } from './endpoint';
import { fetchImages } from './image-model';

type Script = (req: IncomingMessage, res: ServerResponse) => void;
const scripts = new Map<string, Script>();
let dir: string;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-client-faults-'));
  const socket = path.join(dir, 'engine.sock');
  server = createServer((req, res) => {
    const p = (req.url ?? '').split('?')[0]!.replace(/^\/v[\d.]+/, '');
    if (p === '/_ping') return void res.writeHead(200, { 'api-version': '1.41', 'content-type': 'text/plain' }).end('OK');
    const script = scripts.get(p);
    if (script) return script(req, res);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"page not found"}');
  });
  await new Promise<void>((r) => server.listen(socket, r));
  endpoint = `unix://${socket}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function client(opts: { headersTimeoutMs?: number } = {}): EngineClient {
  return new EngineClient(parseEndpoint(endpoint), opts);
}

/** Headers, part of a body, then the connection closes mid-answer. */
const cutAfter = (first: string, contentType = 'application/json'): Script => (_req, res) => {
  res.writeHead(200, { 'content-type': contentType });
  res.write(first, () => res.socket?.destroy());
};

const never: Script = () => undefined;

describe('engine client faults', () => {
  it('an answer cut after its headers: NETWORK "lost the connection … mid-answer", for JSON calls, progress streams and archives alike', async () => {
    scripts.set('/images/json', cutAfter('[{"Id":"sha256:'));
    scripts.set('/images/create', cutAfter('{"status":"Pulling from library/busybox","id":"1.35"}\n{"status":"Pulling fs'));
    scripts.set('/images/get', cutAfter('x'.repeat(4096), 'application/x-tar'));
    const c = client();
    const lost = { code: 'NETWORK', message: `lost the connection to the Docker daemon at ${endpoint} mid-answer: unexpected EOF` };
    try {
      await expect(c.json({ path: '/images/json' })).rejects.toMatchObject(lost);
      const seen: string[] = [];
      const pull = (async () => {
        for await (const m of c.messages({ method: 'POST', path: '/images/create' })) seen.push(m.status ?? '');
      })();
      await expect(pull).rejects.toMatchObject(lost);
      expect(seen).toEqual(['Pulling from library/busybox']);
      const archive = await c.request({ path: '/images/get', stream: true });
      await expect(archive.body.toArray()).rejects.toMatchObject(lost);
    } finally {
      await c.close();
    }
  });

  it('a body that is not JSON, a progress line that is not JSON, a list that is not a list: CORRUPT, naming what came', async () => {
    scripts.set('/images/json', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"Images":[]}'));
    scripts.set('/version', (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy error</html>'));
    scripts.set('/images/create', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"Pulling"}\n<html>502</html>\n'));
    const c = client();
    try {
      await expect(fetchImages(c, { all: false })).rejects.toMatchObject({ code: 'CORRUPT', message: `${endpoint} answered /images/json with something that is not a list of images` });
      await expect(c.json({ path: '/version' })).rejects.toMatchObject({ code: 'CORRUPT', message: `${endpoint} answered /version with something that is not JSON` });
      const stream = c.messages({ method: 'POST', path: '/images/create' });
      await expect(stream.next()).resolves.toMatchObject({ value: { status: 'Pulling' } });
      await expect(stream.next()).rejects.toMatchObject({ code: 'CORRUPT', message: 'the engine sent a progress line that is not a JSON object: <html>502</html>' });
    } finally {
      await c.close();
    }
  });

  it('headers that never come: NETWORK "no answer in time" after the client’s wait, and after a caller’s deadline; a cancel stays CANCELLED', async () => {
    scripts.set('/images/json', never);
    const c = client({ headersTimeoutMs: 300 });
    const late = { code: 'NETWORK', message: `Cannot connect to the Docker daemon at ${endpoint}. Is the docker daemon running? (no answer in time)` };
    try {
      const t0 = Date.now();
      await expect(c.json({ path: '/images/json' })).rejects.toMatchObject(late);
      expect(Date.now() - t0).toBeLessThan(3_000);
      // A probe's deadline (AbortSignal.timeout) is an engine that did not answer, not a user's cancel.
      await expect(c.json({ path: '/images/json', signal: AbortSignal.timeout(100), timeoutMs: 10_000 })).rejects.toMatchObject(late);
      const user = new AbortController();
      setTimeout(() => user.abort(), 100);
      await expect(c.json({ path: '/images/json', signal: user.signal, timeoutMs: 10_000 })).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      await c.close();
    }
  });

  it('close() does not wait for an answer that is still streaming; its reader is told', async () => {
    scripts.set('/events', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"Type":"image","Action":"pull"}\n');
    });
    const c = client();
    const res = await c.request({ path: '/events', stream: true });
    const reading = res.body.toArray().then(
      () => 'ended',
      (e: Error) => e.message,
    );
    const t0 = Date.now();
    await c.close();
    expect(Date.now() - t0).toBeLessThan(5_000); // the stalled answer would hold it for ever
    await expect(reading).resolves.not.toBe('ended');
  });

  it('an engine passing on a connection reset (mid-pull) is a network error', () => {
    expect(codeForMessage('read tcp 127.0.0.1:41234->127.0.0.1:5000: read: connection reset by peer', 500)).toBe('NETWORK');
    expect(codeForMessage('write unix /run/docker.sock->@: write: broken pipe', 500)).toBe('NETWORK');
  });
});

describe('an archive nobody reads', () => {
  it('aborted before anyone read it (a copy whose destination failed first): no uncaught error', async () => {
    scripts.set('/images/get', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-tar' });
      res.write(Buffer.alloc(1024));
    });
    const c = client();
    const uncaught: unknown[] = [];
    const record = (e: unknown): void => void uncaught.push(e);
    process.on('uncaughtException', record);
    try {
      const abort = new AbortController();
      await engineArchivePort(c).exportImages(['x'], abort.signal);
      abort.abort();
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      await c.close();
    }
  });
});
