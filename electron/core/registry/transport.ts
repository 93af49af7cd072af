/**
 * HTTP for the registry client on undici: one request with redirects followed
 * by our own code (bounded hops, relative Location resolved, Authorization
 * dropped once the origin changes), connect and idle timeouts, and
 * cancellation through AbortSignal down to the socket. No retries and no auth
 * here; see client.ts.
 */
import { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { BerthError } from '../../../shared/errors';
import { networkError } from './network-errors';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type HttpBody = string | Buffer | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: HttpBody;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The URL that answered, after redirects. */
  url: string;
  body: Dispatcher.ResponseData['body'];
}

export interface TransportOptions {
  /** TCP/TLS connect timeout. Default 30 s. */
  connectTimeoutMs?: number;
  /** Longest wait for response headers or between body chunks. Default 60 s. */
  idleTimeoutMs?: number;
  /** Redirect hops before giving up. Default 10. */
  maxRedirects?: number;
  userAgent?: string;
  /** Skip TLS certificate checks (insecure registries only). */
  insecureTls?: boolean;
  /** Use this dispatcher instead of the transport's own agent. */
  dispatcher?: Dispatcher;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
export const DEFAULT_USER_AGENT = 'berth/0.1 (+docker-compatible)';

export function header(res: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function headerAll(res: Pick<HttpResponse, 'headers'>, name: string): string[] {
  const v = res.headers[name.toLowerCase()];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function isReplayable(body: HttpBody | undefined): boolean {
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array;
}

function toUndiciBody(body: HttpBody | undefined): string | Uint8Array | Readable | undefined {
  if (body === undefined || typeof body === 'string' || body instanceof Uint8Array || body instanceof Readable) return body;
  return Readable.from(body);
}

export class Transport {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  readonly maxRedirects: number;
  private readonly userAgent: string;

  constructor(opts: TransportOptions = {}) {
    this.maxRedirects = opts.maxRedirects ?? 10;
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.ownsDispatcher = opts.dispatcher === undefined;
    const idle = opts.idleTimeoutMs ?? 60_000;
    this.dispatcher =
      opts.dispatcher ??
      new Agent({
        connect: { timeout: opts.connectTimeoutMs ?? 30_000, ...(opts.insecureTls ? { rejectUnauthorized: false } : {}) },
        headersTimeout: idle,
        bodyTimeout: idle,
        keepAliveTimeout: 4_000,
      });
  }

  /** Sends one request, following redirects; the caller must consume or discard the body. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const origin = new URL(req.url).origin;
    let { method, url, body } = req;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, ...lowerKeys(req.headers) };
      // Credentials never follow a redirect to another origin (e.g. S3 for blobs).
      if (new URL(url).origin !== origin) delete headers.authorization;
      if (body === undefined) delete headers['content-type'];
      const res = await this.once(method, url, headers, body, req.signal);
      const location = header(res, 'location');
      if (!REDIRECTS.has(res.status) || location === undefined) return res;
      const next = nextMethod(res.status, method, body);
      if (next === undefined) return res;
      await discard(res);
      if (hop + 1 > this.maxRedirects) {
        // A loop answers the same way every time: another attempt would only loop again.
        throw new BerthError('NETWORK', `${titleMethod(req.method)} "${stripForMessage(req.url)}": stopped after ${this.maxRedirects} redirects`, {
          retryable: false,
        });
      }
      url = new URL(location, url).toString();
      if (next !== method) body = undefined;
      method = next;
    }
  }

  private async once(
    method: HttpMethod,
    url: string,
    headers: Record<string, string>,
    body: HttpBody | undefined,
    signal: AbortSignal | undefined,
  ): Promise<HttpResponse> {
    if (signal?.aborted) throw cancelled();
    try {
      const res = await request(url, {
        method,
        headers,
        body: toUndiciBody(body) ?? null,
        signal: signal ?? null,
        dispatcher: this.dispatcher,
        idempotent: method === 'GET' || method === 'HEAD',
      });
      return { status: res.statusCode, headers: res.headers, url, body: res.body };
    } catch (e) {
      if (signal?.aborted) throw cancelled();
      throw networkError(e, method, url);
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

/** The method to use after a redirect, or undefined when it cannot be followed. */
function nextMethod(status: number, method: HttpMethod, body: HttpBody | undefined): HttpMethod | undefined {
  if (method === 'GET' || method === 'HEAD') return method;
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) return 'GET';
  return isReplayable(body) ? method : undefined;
}

function lowerKeys(h: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h ?? {})) out[k.toLowerCase()] = v;
  return out;
}

export function cancelled(): BerthError {
  return new BerthError('CANCELLED', 'context canceled');
}

export function titleMethod(m: string): string {
  return m.charAt(0) + m.slice(1).toLowerCase();
}

function stripForMessage(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

/** What readBytes throws for a body over its limit; `declared` is the Content-Length when there was one. */
export interface BodyTooLarge {
  tooLarge: true;
  limit: number;
  declared?: number;
}

export function isBodyTooLarge(e: unknown): e is BerthError & { details: BodyTooLarge } {
  return e instanceof BerthError && (e.details as Partial<BodyTooLarge> | undefined)?.tooLarge === true;
}

function bodyTooLarge(res: HttpResponse, limit: number, declared?: number): BerthError {
  res.body.destroy();
  const details: BodyTooLarge = { tooLarge: true, limit, ...(declared !== undefined ? { declared } : {}) };
  return new BerthError('CORRUPT', `response from ${stripForMessage(res.url)} is larger than ${limit} bytes`, details);
}

/** Reads the body, refusing more than limit bytes (at once when Content-Length says so). */
export async function readBytes(res: HttpResponse, limit: number, signal?: AbortSignal): Promise<Buffer> {
  const declared = Number(header(res, 'content-length'));
  if (declared > limit) throw bodyTooLarge(res, limit, declared);
  const chunks: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      n += chunk.length;
      if (n > limit) throw bodyTooLarge(res, limit);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof BerthError) throw e;
    if (signal?.aborted) throw cancelled();
    throw networkError(e, 'GET', res.url);
  }
  return Buffer.concat(chunks);
}

export async function readText(res: HttpResponse, limit = 1 << 20, signal?: AbortSignal): Promise<string> {
  return (await readBytes(res, limit, signal)).toString('utf8');
}

/** Drops the rest of a body so the connection can be reused; never throws. */
export async function discard(res: HttpResponse): Promise<void> {
  try {
    await res.body.dump({ limit: 256 * 1024 });
  } catch {
    // the connection is closed instead; nothing to report
  }
}
