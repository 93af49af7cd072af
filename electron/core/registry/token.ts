/**
 * Bearer token fetch (Docker's token protocol and its OAuth2 POST form) and a
 * cache per realm/service/scope-set that honours expires_in (minimum 60 s).
 * Secrets go only into request headers/bodies, never into messages.
 */
import { BerthError } from '../../../shared/errors';
import { parseErrorBody, formatErrorItems, stripQuery, statusLine } from './registry-errors';
import { readText, type HttpResponse, type Transport } from './transport';

export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: readonly string[];
  username?: string;
  password?: string;
  /** An identity (refresh) token: use the OAuth2 POST with grant_type=refresh_token. */
  refreshToken?: string;
  /** Ask for a refresh token (docker login does). */
  offline?: boolean;
  signal?: AbortSignal;
}

export interface Token {
  token: string;
  /** ms since epoch. */
  expiresAt: number;
  refreshToken?: string;
}

export const MIN_TOKEN_LIFETIME_S = 60;
const CLIENT_ID = 'berth';

function basic(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

async function fetchWithGet(transport: Transport, req: TokenRequest): Promise<HttpResponse> {
  const url = new URL(req.realm);
  if (req.service) url.searchParams.set('service', req.service);
  for (const s of req.scopes) url.searchParams.append('scope', s);
  if (req.username) url.searchParams.set('account', req.username);
  if (req.offline) {
    url.searchParams.set('offline_token', 'true');
    url.searchParams.set('client_id', CLIENT_ID);
  }
  const headers: Record<string, string> = {};
  if (req.username !== undefined && req.password !== undefined) headers.authorization = basic(req.username, req.password);
  return transport.send({ method: 'GET', url: url.toString(), headers, ...(req.signal ? { signal: req.signal } : {}) });
}

async function fetchWithPost(transport: Transport, req: TokenRequest): Promise<HttpResponse> {
  const form = new URLSearchParams();
  form.set('grant_type', 'refresh_token');
  form.set('refresh_token', req.refreshToken ?? '');
  if (req.service) form.set('service', req.service);
  form.set('client_id', CLIENT_ID);
  // One space-joined scope here, unlike the GET form (one parameter per scope).
  if (req.scopes.length > 0) form.set('scope', req.scopes.join(' '));
  if (req.offline) form.set('access_type', 'offline');
  return transport.send({
    method: 'POST',
    url: req.realm,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: form.toString(),
    ...(req.signal ? { signal: req.signal } : {}),
  });
}

interface TokenBody {
  token?: unknown;
  access_token?: unknown;
  expires_in?: unknown;
  issued_at?: unknown;
  refresh_token?: unknown;
}

export function parseTokenResponse(text: string, now = Date.now()): Token {
  let body: TokenBody;
  try {
    body = JSON.parse(text) as TokenBody;
  } catch {
    throw new BerthError('AUTH_REQUIRED', 'unable to decode token response');
  }
  const token = typeof body.access_token === 'string' && body.access_token !== '' ? body.access_token : body.token;
  if (typeof token !== 'string' || token === '') throw new BerthError('AUTH_REQUIRED', 'authorization server did not include a token in the response');
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > MIN_TOKEN_LIFETIME_S ? body.expires_in : MIN_TOKEN_LIFETIME_S;
  const issued = typeof body.issued_at === 'string' ? Date.parse(body.issued_at) : NaN;
  // A skewed server clock must not make a fresh token look expired: never start before now - 5 s.
  const start = Number.isNaN(issued) ? now : Math.min(now, Math.max(issued, now - 5_000));
  const out: Token = { token, expiresAt: start + expiresIn * 1000 };
  if (typeof body.refresh_token === 'string' && body.refresh_token !== '') out.refreshToken = body.refresh_token;
  return out;
}

async function tokenError(res: HttpResponse, req: TokenRequest, method: string): Promise<BerthError> {
  const text = await readText(res, 64 * 1024).catch(() => '');
  const items = parseErrorBody(text);
  let why: string;
  if (items.length > 0) why = formatErrorItems(items);
  else {
    let details: unknown;
    try {
      details = (JSON.parse(text) as { details?: unknown }).details;
    } catch {
      details = undefined;
    }
    why = typeof details === 'string' && details !== '' ? `unauthorized: ${details}` : `unexpected status from ${method} request to ${stripQuery(req.realm)}: ${statusLine(res.status)}`;
  }
  const code = res.status >= 500 || res.status === 429 ? 'NETWORK' : 'AUTH_REQUIRED';
  return new BerthError(code, why, { status: res.status });
}

/** Fetches a token: POST with the refresh token when there is one (falling back to GET with credentials), else GET. */
export async function fetchToken(transport: Transport, req: TokenRequest): Promise<Token> {
  let res: HttpResponse | undefined;
  let method = 'POST';
  if (req.refreshToken) {
    res = await fetchWithPost(transport, req);
    const canFallBack = req.username !== undefined && req.password !== undefined;
    if ((res.status === 404 || res.status === 405 || res.status === 401) && canFallBack) {
      await res.body.dump().catch(() => undefined);
      res = undefined;
    }
  }
  if (res === undefined) {
    method = 'GET';
    res = await fetchWithGet(transport, req);
  }
  if (res.status !== 200) throw await tokenError(res, req, method);
  return parseTokenResponse(await readText(res, 1 << 20, req.signal));
}

/** Tokens by realm, service and the sorted scope set; entries die 10 s before they expire. */
export class TokenCache {
  private readonly tokens = new Map<string, Token>();

  static key(realm: string, service: string | undefined, scopes: readonly string[]): string {
    return JSON.stringify([realm, service ?? '', [...new Set(scopes)].sort()]);
  }

  get(key: string, now = Date.now()): Token | undefined {
    const t = this.tokens.get(key);
    if (t && t.expiresAt - 10_000 > now) return t;
    this.tokens.delete(key);
    return undefined;
  }

  set(key: string, token: Token): void {
    this.tokens.set(key, token);
  }

  delete(key: string): void {
    this.tokens.delete(key);
  }

  /** Deletes the entry for key only while it still holds token (a newer one stays). */
  forget(key: string, token: string): void {
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }
}
