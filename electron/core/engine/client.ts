/**
 * The Docker Engine API over a unix socket or loopback TCP (dockerd, and
 * Podman's compatible service). The API version is negotiated on first use
 * (the engine's own, capped at ours, as the docker CLI does) and again after
 * the engine went away; failures come back as BerthErrors in Docker's words.
 */
import { PassThrough, type Readable } from 'node:stream';
import { Pool, type Dispatcher } from 'undici';
import { BerthError, type ErrorCode } from '../../../shared/errors';
import type { Endpoint } from './endpoint';

/** The newest API version Berth speaks; older engines are spoken to in their own. */
export const MAX_API_VERSION = '1.47';
/** Below this the endpoints Berth uses (filters as JSON, /images/prune) do not exist. */
export const MIN_API_VERSION = '1.25';

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;
export type EngineBody = string | Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface EngineRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  /** Path without the version prefix, e.g. '/images/json'. */
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  body?: EngineBody;
  /** A JSON request body (sets Content-Type). */
  json?: unknown;
  signal?: AbortSignal;
  /** A long-lived answer (progress, events, archives): no idle limit between chunks. */
  stream?: boolean;
  /** Longest wait for the answer's headers. Default: the client's (60 s); removing 1,000 images may take longer. */
  timeoutMs?: number;
}

export interface EngineResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

export interface EngineVersion {
  kind: 'docker' | 'podman';
  /** 'Docker Engine 20.10.24' or 'Podman Engine 4.3.1'. */
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

export class EngineClient {
  private readonly pool: Pool;
  private readonly headersTimeoutMs: number;
  private negotiated: Promise<string> | undefined;

  constructor(
    readonly endpoint: Endpoint,
    opts: { connectTimeoutMs?: number; headersTimeoutMs?: number } = {},
  ) {
    const connect = { timeout: opts.connectTimeoutMs ?? 5_000 };
    this.headersTimeoutMs = opts.headersTimeoutMs ?? 60_000;
    this.pool =
      endpoint.kind === 'unix'
        ? new Pool('http://localhost', { socketPath: endpoint.socketPath, connect, connections: 16 })
        : new Pool(`http://${endpoint.host}:${endpoint.port}`, { connect, connections: 16 });
  }

  /** The API version in use: the engine's, capped at MAX_API_VERSION. */
  apiVersion(signal?: AbortSignal): Promise<string> {
    this.negotiated ??= this.negotiate(signal).catch((e: unknown) => {
      this.negotiated = undefined; // ask again next time: the engine may be back
      throw e;
    });
    return this.negotiated;
  }

  /** Forgets the negotiated version, so the next call pings first (after a disconnect). */
  reset(): void {
    this.negotiated = undefined;
  }

  private async negotiate(signal?: AbortSignal): Promise<string> {
    const res = await this.send({ method: 'GET', path: '/_ping', signal, timeoutMs: Math.min(10_000, this.headersTimeoutMs) }, '');
    await res.body.resume();
    if (res.status !== 200) throw new BerthError('NETWORK', `${this.endpoint.id} answered /_ping with HTTP ${res.status}: not a Docker API engine`);
    const server = headerOf(res.headers, 'api-version') ?? MIN_API_VERSION;
    if (compareVersions(server, MIN_API_VERSION) < 0) {
      throw new BerthError('UNSUPPORTED', `Error response from daemon: client version ${MIN_API_VERSION} is too new. Maximum supported API version is ${server}`);
    }
    return compareVersions(server, MAX_API_VERSION) < 0 ? server : MAX_API_VERSION;
  }

  /** GET /version: which engine this is. */
  async version(signal?: AbortSignal): Promise<EngineVersion> {
    const [v, apiVersion] = await Promise.all([this.json<VersionDoc>({ path: '/version', signal }), this.apiVersion(signal)]);
    const podman = (v.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) || /podman/i.test(v.Platform?.Name ?? '');
    const version = (podman ? v.Components?.find((c) => /podman/i.test(c.Name ?? ''))?.Version : undefined) ?? v.Version ?? '';
    return {
      kind: podman ? 'podman' : 'docker',
      name: `${podman ? 'Podman Engine' : 'Docker Engine'} ${version}`.trim(),
      version,
      apiVersion,
      os: v.Os ?? '',
      arch: v.Arch ?? '',
    };
  }

  /** A call whose answer is JSON; non-2xx answers throw the engine's message. */
  async json<T>(req: EngineRequest): Promise<T> {
    const res = await this.request(req);
    const text = await res.body.setEncoding('utf8').toArray().then((parts) => parts.join(''));
    if (text.trim() === '') return undefined as T; // podman answers some calls (tag) with a bare newline
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new BerthError('CORRUPT', `${this.endpoint.id} answered ${req.path} with something that is not JSON`);
    }
  }

  /** A call whose body the caller reads (archives, progress streams); non-2xx answers throw. */
  async request(req: EngineRequest): Promise<EngineResponse> {
    const version = await this.apiVersion(req.signal);
    const res = await this.send(req, `/v${version}`);
    if (res.status >= 200 && res.status < 300) return res;
    throw await answerError(res);
  }

  /** JSON messages of a progress stream (pull, push, load); an `error` message throws. */
  async *messages(req: EngineRequest): AsyncGenerator<JsonMessage> {
    const res = await this.request({ ...req, stream: true });
    for await (const msg of jsonLines(res.body)) {
      if (msg.error !== undefined || msg.errorDetail !== undefined) throw streamError(msg);
      yield msg;
    }
  }

  private async send(req: EngineRequest, prefix: string): Promise<EngineResponse> {
    const headers: Record<string, string> = { 'user-agent': 'berth/0.1', ...req.headers };
    let body: Dispatcher.DispatchOptions['body'] = req.body as Dispatcher.DispatchOptions['body'];
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    try {
      const res = await this.pool.request({
        method: req.method ?? 'GET',
        path: prefix + req.path + queryString(req.query),
        headers,
        body: body ?? null,
        signal: req.signal ?? null,
        headersTimeout: req.timeoutMs ?? this.headersTimeoutMs,
        bodyTimeout: req.stream ? 0 : 60_000,
      });
      const answer = res.body as unknown as Readable;
      return { status: res.statusCode, headers: res.headers, body: failingAs(answer, (err) => this.bodyError(err, req.signal)) };
    } catch (e) {
      throw this.connectError(e, req.signal);
    }
  }

  /** The answer broke off after its headers: the engine was reached, the connection was then lost. */
  private bodyError(e: unknown, signal?: AbortSignal): BerthError {
    if (e instanceof BerthError) return e;
    if (signal?.aborted && !timedOut(signal)) return new BerthError('CANCELLED', 'operation cancelled');
    this.reset();
    const code = (e as { code?: string }).code;
    const why = code === 'UND_ERR_BODY_TIMEOUT' || timedOut(signal) ? 'no data in time' : 'unexpected EOF';
    return new BerthError('NETWORK', `lost the connection to the Docker daemon at ${this.endpoint.id} mid-answer: ${why}`);
  }

  private connectError(e: unknown, signal?: AbortSignal | undefined): BerthError {
    if (e instanceof BerthError) return e;
    // A caller's deadline (AbortSignal.timeout: a probe) is an engine that did not answer, not a cancel.
    const late = timedOut(signal);
    if (!late && (signal?.aborted || (e instanceof Error && e.name === 'AbortError'))) return new BerthError('CANCELLED', 'operation cancelled');
    this.reset();
    return connectFailure(this.endpoint.id, late ? { code: 'UND_ERR_HEADERS_TIMEOUT' } : e);
  }

  /**
   * Ends every connection, answers still streaming included: Pool.close would
   * wait for a pull or an archive to finish (for ever, if the engine stalls)
   * and hold up the core's shutdown, which cancels the jobs only after this.
   */
  async close(): Promise<void> {
    await this.pool.destroy().catch(() => undefined);
  }
}

/** A failed connection in the docker CLI's words: a socket the user may not open is not a daemon that is down. */
export function connectFailure(endpointId: string, e: unknown): BerthError {
  const err = e as { code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  if (code === 'EACCES' || code === 'EPERM') {
    return new BerthError('FORBIDDEN', `permission denied while trying to connect to the Docker daemon socket at ${endpointId}: connect: permission denied`);
  }
  const why = code === 'UND_ERR_HEADERS_TIMEOUT' ? ' (no answer in time)' : '';
  return new BerthError('NETWORK', `Cannot connect to the Docker daemon at ${endpointId}. Is the docker daemon running?${why}`);
}

/** True when the signal ended a wait because its time ran out (AbortSignal.timeout), not because someone cancelled. */
function timedOut(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
}

/**
 * The answer's body with its failures in the client's words: undici reports a
 * connection cut mid-answer as a bare socket error, which would reach the user
 * as an INTERNAL error. A reader that stops early releases the connection.
 */
function failingAs(body: Readable, describe: (e: unknown) => BerthError): Readable {
  const out = new PassThrough();
  // Readers get the error by reading (iterators, pipeline, toArray); a body nobody reads any more (a copy
  // whose destination failed first, then aborted the source) must not raise it as an uncaught exception.
  out.on('error', () => {});
  body.on('error', (e) => out.destroy(describe(e)));
  out.on('close', () => body.destroy());
  body.pipe(out);
  return out;
}

interface VersionDoc {
  Version?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
  Components?: Array<{ Name?: string; Version?: string }>;
}

/** One message of Docker's JSON progress stream (jsonmessage). */
export interface JsonMessage {
  id?: string;
  status?: string;
  stream?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

/** Splits a stream of JSON values separated by newlines (Docker's encoder writes one per line). */
export async function* jsonLines(body: AsyncIterable<Buffer | string>): AsyncGenerator<JsonMessage> {
  let pending = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line) yield parseMessage(line);
    }
  }
  if (pending.trim()) yield parseMessage(pending.trim());
}

function parseMessage(line: string): JsonMessage {
  try {
    const v = JSON.parse(line) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as JsonMessage;
  } catch {
    // fall through
  }
  throw new BerthError('CORRUPT', `the engine sent a progress line that is not a JSON object: ${line.slice(0, 120)}`);
}

function streamError(msg: JsonMessage): BerthError {
  const message = msg.errorDetail?.message ?? msg.error ?? 'unknown error';
  return new BerthError(codeForMessage(message, 500), message);
}

async function answerError(res: EngineResponse): Promise<BerthError> {
  const text = (await res.body.setEncoding('utf8').toArray()).join('');
  let message = text.trim();
  try {
    const doc = JSON.parse(text) as { message?: unknown };
    if (typeof doc.message === 'string') message = doc.message;
  } catch {
    // a plain-text answer is its own message
  }
  return new BerthError(codeForMessage(message, res.status), message || `HTTP ${res.status}`);
}

/** The contract's code for an engine's answer: by HTTP status, else by Docker's well-known wordings. */
export function codeForMessage(message: string, status: number): ErrorCode {
  const byStatus: Record<number, ErrorCode> = { 400: 'INVALID_ARGUMENT', 401: 'AUTH_REQUIRED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT' };
  if (byStatus[status]) return byStatus[status];
  // podman reports some conflicts (rmi by ID of an image with several names) as HTTP 500
  if (/please force removal|\(must force\)|\(must be forced\)|is in use by a container/i.test(message)) return 'CONFLICT';
  if (/unauthorized|authentication required|denied|no basic auth credentials/i.test(message)) return 'AUTH_REQUIRED';
  if (/manifest unknown|not found|no such|image not known|reference does not exist/i.test(message)) return 'NOT_FOUND';
  if (/digest/i.test(message) && /mismatch|verif/i.test(message)) return 'DIGEST_MISMATCH';
  if (/connection refused|connection reset|broken pipe|timeout|no route|i\/o|EOF/i.test(message)) return 'NETWORK';
  return 'INTERNAL';
}

function headerOf(headers: EngineResponse['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function queryString(q: Query | undefined): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (Array.isArray(v)) for (const item of v) p.append(k, item);
    else if (v !== undefined) p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Compares dotted versions numerically: '1.9' < '1.41'. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
