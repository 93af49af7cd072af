/**
 * Registry error bodies (`{"errors":[{"code","message","detail"}]}`) turned
 * into BerthErrors worded like Docker's. URLs in messages lose their query
 * string: presigned redirect targets carry signatures there.
 */
import { BerthError, type ErrorCode } from '../../../shared/errors';

export interface RegistryErrorItem {
  code: string;
  message: string;
  detail?: unknown;
}

/** What the failing request was doing, for Docker's wording. */
export interface ErrorContext {
  op?: 'pull' | 'push' | 'other';
  /** Familiar repository name, e.g. "busybox" or "127.0.0.1:5000/foo". */
  name?: string;
  /** Familiar reference for manifest errors, e.g. "busybox:latest". */
  ref?: string;
  /** True when the request asked for a manifest (for "manifest for X not found"). */
  manifest?: boolean;
}

export interface FailedResponse {
  method: string;
  url: string;
  status: number;
  /** The response body as text ('' for HEAD). */
  body: string;
}

export function parseErrorBody(body: string): RegistryErrorItem[] {
  if (body.trim() === '') return [];
  try {
    const parsed = JSON.parse(body) as unknown;
    const errors = (parsed as { errors?: unknown })?.errors;
    if (!Array.isArray(errors)) return [];
    return errors.flatMap((e: unknown): RegistryErrorItem[] => {
      if (typeof e !== 'object' || e === null) return [];
      const { code, message, detail } = e as Record<string, unknown>;
      if (typeof code !== 'string' || code === '') return [];
      const item: RegistryErrorItem = { code: code.toUpperCase(), message: typeof message === 'string' ? message : '' };
      if (detail !== undefined) item.detail = detail;
      return [item];
    });
  } catch {
    return [];
  }
}

/** Go's errcode formatting: "manifest unknown: manifest unknown". */
export function formatErrorItem(item: RegistryErrorItem): string {
  const code = item.code.toLowerCase().replace(/_/g, ' ');
  return item.message === '' ? code : `${code}: ${item.message}`;
}

export function formatErrorItems(items: readonly RegistryErrorItem[]): string {
  if (items.length === 1) return formatErrorItem(items[0] as RegistryErrorItem);
  return 'errors:\n' + items.map((i) => formatErrorItem(i) + '\n').join('');
}

export function stripQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 416: 'Range Not Satisfiable', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export function statusLine(status: number): string {
  const text = STATUS_TEXT[status];
  return text ? `${status} ${text}` : String(status);
}

const CODE_MAP: Record<string, ErrorCode> = {
  UNAUTHORIZED: 'AUTH_REQUIRED',
  DENIED: 'FORBIDDEN',
  NAME_UNKNOWN: 'NOT_FOUND',
  MANIFEST_UNKNOWN: 'NOT_FOUND',
  BLOB_UNKNOWN: 'NOT_FOUND',
  BLOB_UPLOAD_UNKNOWN: 'NOT_FOUND',
  DIGEST_INVALID: 'DIGEST_MISMATCH',
  UNSUPPORTED: 'UNSUPPORTED',
  TOOMANYREQUESTS: 'NETWORK',
};

function codeFor(status: number, items: readonly RegistryErrorItem[]): ErrorCode {
  for (const i of items) {
    const c = CODE_MAP[i.code];
    if (c) return c;
  }
  if (status === 401) return 'AUTH_REQUIRED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 405) return 'UNSUPPORTED';
  if (status === 429 || status >= 500) return 'NETWORK';
  if (items.length > 0) return 'INVALID_ARGUMENT';
  return 'INTERNAL';
}

const PULL_DENIED = new Set(['UNAUTHORIZED', 'DENIED', 'NAME_UNKNOWN']);

function isPullDenied(status: number, items: readonly RegistryErrorItem[]): boolean {
  if (items.length === 0) return status === 401 || status === 403;
  return items.some((i) => PULL_DENIED.has(i.code));
}

/** A BerthError for a failed registry response, worded like Docker's daemon. */
export function registryError(res: FailedResponse, ctx: ErrorContext = {}): BerthError {
  const items = parseErrorBody(res.body);
  const code = codeFor(res.status, items);
  const details = { status: res.status, errors: items };
  const generic = `unexpected status from ${res.method} request to ${stripQuery(res.url)}: ${statusLine(res.status)}`;
  const text = items.length > 0 ? formatErrorItems(items) : generic;
  if (ctx.op === 'pull' && ctx.name !== undefined && isPullDenied(res.status, items)) {
    const why = items.length > 0 ? `: ${text}` : '';
    return new BerthError(code, `pull access denied for ${ctx.name}, repository does not exist or may require 'docker login'${why}`, details);
  }
  if (ctx.manifest && ctx.ref !== undefined && code === 'NOT_FOUND') {
    return new BerthError(code, `manifest for ${ctx.ref} not found: ${items.length > 0 ? text : 'manifest unknown'}`, details);
  }
  return new BerthError(code, text, details);
}
