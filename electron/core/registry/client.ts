/**
 * One registry host: base URL, auth, retries with backoff for idempotent
 * requests, Warning headers surfaced once per text, and registry errors
 * turned into BerthErrors. Every endpoint module builds on request().
 */
import type { BerthError } from '../../../shared/errors';
import { Authenticator } from './auth';
import type { CredentialProvider, Credentials } from './credentials-types';
import { registryBaseUrl, type HostOptions } from './hosts';
import { isTransient } from './network-errors';
import { registryError, type ErrorContext } from './registry-errors';
import { parseRetryAfter, retryPolicy, RETRYABLE_STATUS, waitWithCountdown, type RetryListener, type RetryPolicy } from './retry';
import { discard, header, headerAll, readBytes, readText, Transport, type HttpBody, type HttpMethod, type HttpResponse, type TransportOptions } from './transport';
import { WarningSink } from './warning';
import { parseWwwAuthenticate } from './www-authenticate';

export interface RegistryClientOptions extends HostOptions, TransportOptions {
  /** Registry host as written in references: "docker.io", "127.0.0.1:5000". */
  host: string;
  credentials?: CredentialProvider | Credentials;
  retry?: Partial<RetryPolicy>;
  onRetry?: RetryListener;
  /** Each distinct `Warning: 299` text, once. */
  onWarning?: (text: string) => void;
  onRefreshToken?: (token: string) => void;
  /** Ask token servers for refresh tokens (login). */
  offlineToken?: boolean;
  /** Share a transport (and its connection pool) between clients. */
  transport?: Transport;
}

export interface RegistryRequest {
  method: HttpMethod;
  /** A path below the base URL ("/v2/…") or an absolute URL (upload Location, Link). */
  path: string;
  query?: Record<string, string | readonly string[] | undefined>;
  headers?: Record<string, string>;
  body?: HttpBody;
  /** Auth scopes, e.g. ["repository:library/busybox:pull"]. */
  scopes?: readonly string[];
  signal?: AbortSignal;
  /** Statuses that count as success (others throw). Default [200]. */
  expect?: readonly number[];
  /** Retry on connection trouble/429/5xx. Default: GET/HEAD, or a Buffer/string body with PUT/DELETE. */
  retry?: boolean;
  errorContext?: ErrorContext;
  onRetry?: RetryListener;
}

export class RegistryClient {
  readonly host: string;
  readonly baseUrl: string;
  readonly transport: Transport;
  private readonly ownsTransport: boolean;
  private readonly auth: Authenticator;
  private readonly warnings: WarningSink;
  readonly retry: RetryPolicy;

  constructor(private readonly opts: RegistryClientOptions) {
    this.host = opts.host;
    this.baseUrl = registryBaseUrl(opts.host, opts);
    this.ownsTransport = opts.transport === undefined;
    this.transport = opts.transport ?? new Transport(opts);
    this.retry = retryPolicy(opts.retry);
    this.warnings = new WarningSink(opts.onWarning);
    this.auth = new Authenticator({
      host: opts.host,
      baseUrl: this.baseUrl,
      transport: this.transport,
      ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}),
      ...(opts.onRefreshToken ? { onRefreshToken: opts.onRefreshToken } : {}),
      ...(opts.offlineToken ? { offline: true } : {}),
    });
  }

  url(path: string, query?: RegistryRequest['query']): string {
    const u = new URL(path, this.baseUrl + '/');
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v === undefined) continue;
      for (const item of typeof v === 'string' ? [v] : v) u.searchParams.append(k, item);
    }
    return u.toString();
  }

  /** Sends req with auth and retries; returns a success response whose body the caller must read or discard. */
  async request(req: RegistryRequest): Promise<HttpResponse> {
    const url = this.url(req.path, req.query);
    const expect = req.expect ?? [200];
    const canRetry = req.retry ?? defaultRetryable(req.method, req.body);
    const onRetry = req.onRetry ?? this.opts.onRetry;
    let scopes = [...(req.scopes ?? [])];
    let authRetried = false;
    for (let attempt = 1; ; ) {
      let res: HttpResponse;
      let sentAuth: string | undefined;
      try {
        const authorization = await this.auth.authorization(url, scopes, req.signal);
        sentAuth = authorization;
        const headers = { ...req.headers, ...(authorization ? { authorization } : {}) };
        res = await this.transport.send({ method: req.method, url, headers, ...bodyAndSignal(req) });
      } catch (e) {
        if (!(canRetry && isTransient(e) && attempt < this.retry.attempts)) throw e;
        await waitWithCountdown(this.retry.delayMs(attempt), { attempt, error: e as BerthError, signal: req.signal, onRetry });
        attempt++;
        continue;
      }
      this.warnings.add(headerAll(res, 'warning'));
      if (res.status === 401 && !authRetried) {
        const outcome = await this.auth.onUnauthorized(parseWwwAuthenticate(headerAll(res, 'www-authenticate')), scopes, sentAuth);
        if (outcome.retry && isReplayable(req.body)) {
          await discard(res);
          authRetried = true;
          scopes = outcome.scopes;
          continue;
        }
      }
      if (expect.includes(res.status)) return res;
      const error = await this.failure(req, url, res);
      if (!(canRetry && RETRYABLE_STATUS.has(res.status) && attempt < this.retry.attempts)) throw error;
      const after = parseRetryAfter(header(res, 'retry-after'));
      // A server that asks for a longer pause than we would wait is told no now, not hammered after the cap.
      if (after !== undefined && after > this.retry.maxRetryAfterMs) throw error;
      await waitWithCountdown(after ?? this.retry.delayMs(attempt), { attempt, error, signal: req.signal, onRetry });
      attempt++;
    }
  }

  /**
   * request() and its body, at most limit bytes: a body cut mid-way (reset,
   * stall, early close) is fetched again like a failed request.
   */
  async requestBytes(req: RegistryRequest, limit: number): Promise<{ res: HttpResponse; bytes: Buffer }> {
    const canRetry = req.retry ?? defaultRetryable(req.method, req.body);
    for (let attempt = 1; ; attempt++) {
      const res = await this.request(req);
      try {
        return { res, bytes: await readBytes(res, limit, req.signal) };
      } catch (e) {
        if (!(canRetry && isTransient(e) && attempt < this.retry.attempts)) throw e;
        const onRetry = req.onRetry ?? this.opts.onRetry;
        await waitWithCountdown(this.retry.delayMs(attempt), { attempt, error: e as BerthError, signal: req.signal, onRetry });
      }
    }
  }

  private async failure(req: RegistryRequest, url: string, res: HttpResponse): Promise<BerthError> {
    const body = req.method === 'HEAD' ? '' : await readText(res, 64 * 1024, req.signal).catch(() => '');
    if (req.method === 'HEAD') await discard(res);
    return registryError({ method: req.method, url: res.url || url, status: res.status, body }, req.errorContext);
  }

  /** GET /v2/: checks that the registry answers and that credentials (if any) are accepted. */
  async ping(signal?: AbortSignal): Promise<void> {
    const res = await this.request({ method: 'GET', path: '/v2/', ...(signal ? { signal } : {}) });
    await discard(res);
  }

  async close(): Promise<void> {
    if (this.ownsTransport) await this.transport.close();
  }
}

function isReplayable(body: HttpBody | undefined): boolean {
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array;
}

function defaultRetryable(method: HttpMethod, body: HttpBody | undefined): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return (method === 'PUT' || method === 'DELETE') && isReplayable(body);
}

function bodyAndSignal(req: RegistryRequest): { body?: HttpBody; signal?: AbortSignal } {
  return { ...(req.body !== undefined ? { body: req.body } : {}), ...(req.signal ? { signal: req.signal } : {}) };
}

/** Scope strings: "repository:<name>:pull", "repository:<name>:pull,push", "registry:catalog:*". */
export function repositoryScope(repo: string, actions: 'pull' | 'push' | 'pull,push' | 'delete'): string {
  return `repository:${repo}:${actions}`;
}

export const CATALOG_SCOPE = 'registry:catalog:*';
