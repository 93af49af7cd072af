// The browser host, hardened, over the real `berth serve` process as the build
// makes it (out/node/berth.mjs): it binds to 127.0.0.1 only and can be
// asked for nothing else, and it refuses missing, wrong and misplaced tokens,
// foreign and 'null' Origins and DNS-rebinding Host headers on the page, the
// WebSocket and the archive download and upload. Every request goes to loopback.
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { recordFigures } from '../fixtures/figures';
import { run, runOk, spawnDaemon, tempDir, waitFor, type Daemon, type TempDir } from '../fixtures/tools';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BERTH = path.join(ROOT, 'out/node/berth.mjs');

let dir: TempDir;
let serve: Daemon;
let port: number;
let token: string;
let refusals = 0;
let checks = 0;

// every test here is one hardening check; those that pass are counted for the figures
beforeEach(({ onTestFinished }) => {
  onTestFinished(({ task }) => {
    if (task.result?.state === 'pass') checks += 1;
  });
});

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    BERTH_STORE: path.join(dir.path, 'store'),
    HOME: dir.path,
    XDG_DATA_HOME: path.join(dir.path, 'data'),
    XDG_CONFIG_HOME: path.join(dir.path, 'config'),
    DOCKER_CONFIG: path.join(dir.path, 'docker'),
  };
}

beforeAll(async () => {
  if (!existsSync(BERTH)) await runOk(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT });
  if (!existsSync(path.join(ROOT, 'out/renderer/index.html'))) await runOk('npx', ['electron-vite', 'build'], { cwd: ROOT, timeoutMs: 240_000 });
  dir = await tempDir('berth-host-hardening');
  const log = path.join(dir.path, 'serve.log');
  serve = spawnDaemon(process.execPath, [BERTH, 'serve', '--print-url-json'], { env: env(), cwd: ROOT, logFile: log, orphanSignal: 'SIGTERM' });
  let started: { url: string; port: number } | undefined;
  await waitFor(
    'berth serve',
    async () => {
      const line = readFileSync(log, 'utf8').split('\n').find((l) => l.startsWith('{'));
      started = line ? (JSON.parse(line) as { url: string; port: number }) : undefined;
      return started !== undefined;
    },
    { timeoutMs: 60_000, abortIf: () => (serve.running() ? undefined : `exited:\n${serve.logTail()}`) },
  );
  port = started!.port;
  token = new URL(started!.url).searchParams.get('token')!;
});

afterAll(async () => {
  await serve?.stop();
  await dir?.remove();
  recordFigures('hardening', { checks, hostRefusals: refusals });
});

interface Raw {
  status: number;
  headers: string;
  body: string;
}

/** One HTTP/1.1 request written by hand, so Host, Origin and the request line are exactly what a hostile page could make them. */
function raw(method: string, target: string, headers: Record<string, string | undefined>, body = '', version = '1.1'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const lines = [`${method} ${target} HTTP/${version}`];
    const all: Record<string, string | undefined> = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
    if (body) all['Content-Length'] = String(Buffer.byteLength(body));
    for (const [k, v] of Object.entries(all)) if (v !== undefined) lines.push(`${k}: ${v}`);
    // written, not ended: a half-closed client may lose an answer the server is still preparing; Connection: close ends it
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    let data = '';
    socket.on('data', (d) => {
      data += d.toString('latin1');
      // an accepted upgrade keeps the socket open: its status line is all we need
      if (data.startsWith('HTTP/1.1 101') && data.includes('\r\n\r\n')) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      resolve({ status: Number(data.split(' ')[1]), headers: data.slice(0, split), body: data.slice(split + 4) });
    });
  });
}

const own = () => `http://127.0.0.1:${port}`;
const upgradeHeaders = (extra: Record<string, string | undefined> = {}) => ({
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': Buffer.from('berth-hardening!').toString('base64'),
  Origin: own(),
  ...extra,
});

/** Expects a refusal with `status`, and counts it. */
async function refused(status: number, req: Promise<Raw>, what: string): Promise<void> {
  const res = await req;
  expect(res.status, what).toBe(status);
  refusals += 1;
}

function otherTokens(): Record<string, string> {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return {
    'same length, last character changed': token.slice(0, -1) + last,
    'same length, first character changed': (token[0] === 'A' ? 'B' : 'A') + token.slice(1),
    'a prefix of it': token.slice(0, 22),
    'it plus one character': `${token}x`,
    'empty': '',
    'its upper-cased form': token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase(),
    'it with a trailing space': `${token} `,
  };
}

describe('binding', () => {
  it('listens on 127.0.0.1 only: no wildcard or IPv6 socket, and other loopback addresses are not answered', async () => {
    const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/))
        .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A')
        .map((f) => f[1]!.split(':')[0]);
    expect(listening('/proc/net/tcp')).toEqual(['0100007F']); // 127.0.0.1, little-endian
    expect(listening('/proc/net/tcp6')).toEqual([]);
    for (const host of ['127.0.0.2', '::1']) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host, port }, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      expect(reached, host).toBe(false);
      refusals += 1;
    }
  });

  it.each([
    [['--host', '0.0.0.0'], 'unknown flag: --host'],
    [['--host', '::'], 'unknown flag: --host'],
    [['--host', '192.168.1.10'], 'unknown flag: --host'],
    [['--bind', '0.0.0.0'], 'unknown flag: --bind'],
    [['--listen', '0.0.0.0:8080'], 'unknown flag: --listen'],
    [['--port', '0.0.0.0:8080'], 'invalid port: 0.0.0.0:8080'],
  ])('cannot be asked to listen anywhere else: serve %j', async (args, message) => {
    const r = await run(process.execPath, [BERTH, 'serve', '--print-url-json', ...args], { env: env(), cwd: ROOT, timeoutMs: 60_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(message);
    expect(r.stdout).not.toContain('"url"');
    refusals += 1;
  });
});

describe('the page (DNS rebinding)', () => {
  it('serves its own two names', async () => {
    expect((await raw('GET', '/', {})).status).toBe(200);
    expect((await raw('GET', '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('refuses every other Host', async () => {
    for (const host of [
      `evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      `[::1]:${port}`,
      `0x7f.0.0.1:${port}`,
      `2130706433:${port}`,
      '127.0.0.1',
      'localhost',
      '',
    ]) {
      await refused(403, raw('GET', '/', { Host: host }), `Host ${JSON.stringify(host)}`);
    }
    await refused(403, raw('GET', '/', { Host: undefined }, '', '1.0'), 'no Host (HTTP/1.0)');
  });
});

describe('the WebSocket', () => {
  const ws = (query: string, extra: Record<string, string | undefined> = {}, target = '/ws') => raw('GET', `${target}${query}`, upgradeHeaders(extra));

  it('opens for the right token from its own origin, and answers the contract', async () => {
    expect((await ws(`?token=${token}`)).status).toBe(101);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: own() });
    const answer = await new Promise<unknown>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'invoke', id: 1, method: 'app.info', input: {} })));
      socket.once('message', (m: Buffer) => resolve(JSON.parse(m.toString())));
      socket.once('error', reject);
    });
    socket.close();
    expect(answer).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { name: 'Berth', host: 'browser' } } });
  });

  it('refuses a missing token and every wrong one, whatever its length', async () => {
    await refused(401, ws(''), 'no token');
    for (const [what, t] of Object.entries(otherTokens())) await refused(401, ws(`?token=${encodeURIComponent(t)}`), what);
    await refused(401, ws(`?token=wrong&token=${token}`), 'a wrong token first, the right one second');
  });

  it('refuses the right token anywhere but the token query parameter', async () => {
    await refused(401, ws('', { Authorization: `Bearer ${token}` }), 'Authorization header');
    await refused(401, ws('', { Cookie: `token=${token}` }), 'cookie');
    await refused(401, ws('', { 'Sec-WebSocket-Protocol': token }), 'subprotocol');
    await refused(401, ws(`?Token=${token}`), 'another parameter name');
    await refused(401, ws(`?t=${token}`), 'a short parameter name');
    await refused(404, ws('', {}, `/ws/${token}`), 'in the path');
  });

  it('refuses a foreign, null or missing Origin even with the right token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://127.0.0.1:${port}`, `http://127.0.0.1.nip.io:${port}`, 'file://', undefined]) {
      await refused(403, ws(`?token=${token}`, { Origin: origin }), `Origin ${origin}`);
    }
  });

  it('refuses a rebinding Host even with the right token and its own Origin', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      await refused(403, ws(`?token=${token}`, { Host: host }), `Host ${host}`);
    }
  });
});

describe('the archive download and upload', () => {
  const save = (query: string, headers: Record<string, string | undefined> = {}) => raw('GET', `/archive/save${query}`, headers);
  const upload = (query: string, headers: Record<string, string | undefined> = {}) =>
    raw('POST', `/archive/upload${query}`, { 'Content-Type': 'application/x-tar', ...headers }, 'not really a tar');

  it('lets the right token through: a download of an image that is not there answers Docker\'s error', async () => {
    const res = await save(`?token=${token}&ref=nosuch:1`);
    expect(res.status).toBe(404);
    expect(res.body).toBe('No such image: nosuch:1');
    const up = await fetch(`${own()}/archive/upload?token=${token}`, { method: 'POST', headers: { Origin: own() }, body: 'not really a tar' });
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ size: 'not really a tar'.length });
  });

  it('refuses a download without the token, with a wrong one, or with the token elsewhere', async () => {
    await refused(401, save('?ref=nosuch:1'), 'no token');
    for (const [what, t] of Object.entries(otherTokens())) await refused(401, save(`?token=${encodeURIComponent(t)}&ref=nosuch:1`), what);
    await refused(401, save('?ref=nosuch:1', { Authorization: `Bearer ${token}` }), 'Authorization header');
    await refused(401, save('?ref=nosuch:1', { Cookie: `token=${token}` }), 'cookie');
  });

  it('refuses a download asked for by another origin, or through a rebinding Host, even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`]) {
      await refused(403, save(`?token=${token}&ref=nosuch:1`, { Origin: origin }), `Origin ${origin}`);
    }
    await refused(403, save(`?token=${token}&ref=nosuch:1`, { Host: `evil.example:${port}` }), 'rebinding Host');
  });

  it('refuses an upload from a foreign, null or missing Origin, without the token, or through a rebinding Host', async () => {
    for (const origin of ['http://evil.example', 'null', `http://localhost.evil.example:${port}`, undefined]) {
      await refused(403, upload(`?token=${token}`, { Origin: origin }), `Origin ${origin}`);
    }
    await refused(401, upload('', { Origin: own() }), 'no token');
    await refused(401, upload(`?token=${encodeURIComponent(otherTokens()['same length, last character changed']!)}`, { Origin: own() }), 'wrong token');
    await refused(403, upload(`?token=${token}`, { Origin: own(), Host: `127.0.0.1.nip.io:${port}` }), 'rebinding Host');
  });
});
