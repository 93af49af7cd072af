/**
 * Connection-level failures as NETWORK errors, in the shape Go's net/http
 * gives them to Docker users: `Get "URL": dial tcp HOST: connect: connection refused`.
 */
import { BerthError } from '../../../shared/errors';

const REASONS: Record<string, (host: string) => string> = {
  ECONNREFUSED: (h) => `dial tcp ${h}: connect: connection refused`,
  ENOTFOUND: (h) => `dial tcp: lookup ${h.replace(/:\d+$/, '')}: no such host`,
  EAI_AGAIN: (h) => `dial tcp: lookup ${h.replace(/:\d+$/, '')}: temporary failure in name resolution`,
  ETIMEDOUT: (h) => `dial tcp ${h}: i/o timeout`,
  EHOSTUNREACH: (h) => `dial tcp ${h}: connect: no route to host`,
  ENETUNREACH: (h) => `dial tcp ${h}: connect: network is unreachable`,
  ECONNRESET: () => 'read: connection reset by peer',
  EPIPE: () => 'write: broken pipe',
  UND_ERR_CONNECT_TIMEOUT: (h) => `dial tcp ${h}: i/o timeout`,
  UND_ERR_HEADERS_TIMEOUT: () => 'net/http: timeout awaiting response headers',
  UND_ERR_BODY_TIMEOUT: () => 'net/http: request canceled (Client.Timeout or context cancellation while reading body)',
  UND_ERR_SOCKET: () => 'unexpected EOF',
  UND_ERR_CLOSED: () => 'connection closed',
};

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 4 && typeof cur === 'object' && cur !== null; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && REASONS[code]) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTlsError(e: unknown): boolean {
  const text = String((e as { code?: unknown })?.code ?? '') + ' ' + String((e as Error)?.message ?? '');
  return /CERT|SSL|TLS|self.signed|wrong version number/i.test(text);
}

export function networkError(e: unknown, method: string, url: string): BerthError {
  if (e instanceof BerthError) return e;
  const u = new URL(url);
  const shown = `${u.origin}${u.pathname}`;
  const verb = method.charAt(0) + method.slice(1).toLowerCase();
  const code = errorCode(e);
  let reason: string;
  if (code) reason = (REASONS[code] as (h: string) => string)(u.host);
  else if (isTlsError(e)) reason = `tls: ${(e as Error).message}`;
  else reason = (e as Error)?.message || String(e);
  return new BerthError('NETWORK', `${verb} "${shown}": ${reason}`, code ? { cause: code } : undefined);
}

/** True for errors worth another attempt: connection trouble, not protocol refusals nor a redirect loop. */
export function isTransient(e: unknown): boolean {
  return e instanceof BerthError && e.code === 'NETWORK' && (e.details as { retryable?: boolean } | undefined)?.retryable !== false;
}
