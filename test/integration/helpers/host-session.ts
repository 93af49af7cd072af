// The browser host (`berth serve`) as a separate process, and one WebSocket
// session to it speaking the contract as the renderer does: invoke frames,
// answers by id, job.updated events to follow pulls to their end.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import WebSocket from 'ws';
import type { Job } from '../../../shared/jobs';
import type { Result, WsServerFrame } from '../../../shared/index';
import { spawnDaemon, waitFor, type Daemon } from '../../fixtures/tools';

export interface ServedHost {
  daemon: Daemon;
  port: number;
  token: string;
}

/** Starts `node BIN --store STORE serve` and waits for the JSON line with its URL. */
export async function startServe(bin: string, store: string, env: NodeJS.ProcessEnv, dir: string): Promise<ServedHost> {
  const renderer = path.join(dir, 'renderer');
  await mkdir(renderer, { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>berth</title>\n');
  const logFile = path.join(dir, 'serve.log');
  const daemon = spawnDaemon(process.execPath, [bin, '--store', store, 'serve', '--port', '0', '--print-url-json', '--renderer', renderer], {
    env,
    logFile,
  });
  let url: URL | undefined;
  await waitFor(
    'berth serve',
    async () => {
      const line = readFileSync(logFile, 'utf8').split('\n').find((l) => l.startsWith('{"url"'));
      if (line) url = new URL((JSON.parse(line) as { url: string }).url);
      return url !== undefined;
    },
    { timeoutMs: 30_000, abortIf: () => (daemon.running() ? undefined : `exited: ${daemon.logTail()}`) },
  );
  return { daemon, port: Number(url!.port), token: url!.searchParams.get('token') ?? '' };
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export class HostSession {
  private nextId = 1;
  private readonly answers = new Map<number, (r: Result<unknown>) => void>();
  private readonly jobs = new Map<string, Job>();
  private readonly jobWaiters = new Map<string, Array<(j: Job) => void>>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as WsServerFrame));
  }

  static async open(host: ServedHost): Promise<HostSession> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const session = new HostSession(ws);
    ws.send(JSON.stringify({ type: 'subscribe', event: 'job.updated' }));
    return session;
  }

  /** One contract call; a failure is thrown as an Error carrying its code. */
  async call<T = unknown>(method: string, input: unknown): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<Result<unknown>>((resolve) => this.answers.set(id, resolve));
    this.ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
    const r = await answer;
    if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  }

  /** The job once it has ended (from its events; jobs.list covers one that ended before we heard of it). */
  async waitJob(id: string, timeoutMs = 120_000): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const known = this.jobs.get(id);
      if (known && TERMINAL.has(known.state)) return known;
      const listed = (await this.call<Job[]>('jobs.list', {})).find((j) => j.id === id);
      if (listed && TERMINAL.has(listed.state)) return listed;
      if (Date.now() > deadline) throw new Error(`job ${id} did not end within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        const list = this.jobWaiters.get(id) ?? [];
        list.push(() => {
          clearTimeout(timer);
          resolve();
        });
        this.jobWaiters.set(id, list);
      });
    }
  }

  close(): void {
    this.ws.close();
  }

  private onFrame(f: WsServerFrame): void {
    if (f.type === 'result') {
      this.answers.get(f.id)?.(f.result);
      this.answers.delete(f.id);
      return;
    }
    if (f.event !== 'job.updated') return;
    const job = f.payload as Job;
    this.jobs.set(job.id, job);
    if (!TERMINAL.has(job.state)) return;
    for (const wake of this.jobWaiters.get(job.id) ?? []) wake(job);
    this.jobWaiters.delete(job.id);
  }
}
