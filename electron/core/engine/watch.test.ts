// watchEngine on recorded event streams (dockerd 20.10 and podman 4.3), served
// from a unix socket the way the engines stream them.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from './client';
import { parseEndpoint } from './endpoint';
import { affectsImages, CHANGE_DEBOUNCE_MS, watchEngine } from './watch';

const recorded = (engine: string): string[] =>
  readFileSync(join(__dirname, '__fixtures__', engine, 'events.jsonl'), 'utf8').split('\n').filter((l) => l.trim());

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

/** An engine stand-in that answers /_ping and streams the given lines on /events. */
async function eventServer(stream: (res: ServerResponse) => void): Promise<{ client: EngineClient; queries: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-watch-'));
  const socket = join(dir, 'engine.sock');
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.url === '/_ping') {
      res.writeHead(200, { 'Api-Version': '1.41' }).end('OK');
      return;
    }
    queries.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    stream(res);
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  const client = new EngineClient(parseEndpoint(`unix://${socket}`));
  cleanup.push(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await rm(dir, { recursive: true, force: true });
  });
  return { client, queries };
}

function recorder(): { changes: number; gone: Error[]; handlers: { onChange(): void; onGone(e: Error): void } } {
  const r = {
    changes: 0,
    gone: [] as Error[],
    handlers: {
      onChange: () => void r.changes++,
      onGone: (e: Error) => void r.gone.push(e),
    },
  };
  return r;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until done() holds (a loaded machine may take its time), for at most 5 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 5_000; waited += 20) await sleep(20);
}

describe('watchEngine', () => {
  it.each(['dockerd-20.10', 'podman-4.3'])('%s: a burst of events is one change; the stream ending means the engine is gone', async (engine) => {
    const lines = recorded(engine);
    const { client, queries } = await eventServer((res) => {
      res.write(lines.map((l) => l + '\n').join(''));
      setTimeout(() => res.end(), CHANGE_DEBOUNCE_MS * 5); // well after the burst's one change
    });
    const r = recorder();
    watchEngine(client, r.handlers);
    await until(() => r.gone.length > 0);
    await sleep(CHANGE_DEBOUNCE_MS * 2); // a second change, were the burst not one, would come by now
    expect(r.changes).toBe(1);
    expect(r.gone).toHaveLength(1);
    expect(r.gone[0]!.message).toContain('closed its event stream');
    expect(JSON.parse(new URLSearchParams(queries[0]!.split('?')[1]).get('filters')!)).toEqual({ type: ['image', 'container'] });
  });

  it('stop ends the watch without onGone, and drops a pending change', async () => {
    const tag = recorded('dockerd-20.10').find((l) => l.includes('"Action":"tag"'))!;
    const { client } = await eventServer((res) => res.write(tag + '\n'));
    const r = recorder();
    const stop = watchEngine(client, r.handlers);
    await sleep(50);
    stop();
    await sleep(CHANGE_DEBOUNCE_MS * 2);
    expect(r).toMatchObject({ changes: 0, gone: [] });
  });

  it('reports an engine that is not there as gone, in Docker’s words', async () => {
    const client = new EngineClient(parseEndpoint('unix:///nonexistent/berth-test.sock'));
    cleanup.push(() => client.close());
    const r = recorder();
    watchEngine(client, r.handlers);
    await until(() => r.gone.length > 0);
    expect(r.gone.map((e) => e.message)).toEqual(['Cannot connect to the Docker daemon at unix:///nonexistent/berth-test.sock. Is the docker daemon running?']);
  });

  it('counts image changes and container create/destroy/remove/commit, not pushes or container starts', () => {
    const kinds = (engine: string): string[] =>
      recorded(engine)
        .map((l) => JSON.parse(l))
        .filter(affectsImages)
        .map((e) => `${e.Type} ${e.Action}`);
    expect(new Set(kinds('dockerd-20.10'))).toEqual(new Set(['image pull', 'image tag', 'image untag', 'image delete', 'image prune', 'container create', 'container commit']));
    expect(new Set(kinds('podman-4.3'))).toContain('container remove');
    expect(affectsImages({ Type: 'image', Action: 'push' })).toBe(false);
    expect(affectsImages({ Type: 'container', Action: 'start' })).toBe(false);
  });
});
