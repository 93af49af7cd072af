/**
 * Engine endpoints as `docker -H` takes them. Only local ones: a unix socket,
 * or TCP on a loopback address (Berth speaks no TLS to engines, and plain TCP
 * to another machine would hand it root).
 */
import { isAbsolute, normalize } from 'node:path';
import { BerthError } from '../../../shared/errors';

export type Endpoint = { kind: 'unix'; id: string; socketPath: string } | { kind: 'tcp'; id: string; host: string; port: number };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Parses `unix:///path`, `/path`, `tcp://127.0.0.1:2375` (port defaults to 2375, as Docker's). */
export function parseEndpoint(raw: string): Endpoint {
  const text = raw.trim();
  if (text.startsWith('/')) return unix(text);
  const m = /^([a-z]+):\/\/(.*)$/.exec(text);
  if (!m) throw invalid(raw, 'expected unix:///path/to/socket or tcp://127.0.0.1:PORT');
  const [, scheme, rest] = m as unknown as [string, string, string];
  if (scheme === 'unix') return unix(rest);
  if (scheme === 'tcp' || scheme === 'http') return tcp(raw, rest);
  if (scheme === 'ssh' || scheme === 'https' || scheme === 'npipe' || scheme === 'fd') {
    throw new BerthError('UNSUPPORTED', `${scheme}:// engine hosts are not supported: use a unix socket or tcp://127.0.0.1:PORT`);
  }
  throw invalid(raw, `unsupported protocol '${scheme}'`);
}

function unix(path: string): Endpoint {
  if (!isAbsolute(path) || path.includes('\0')) throw invalid(`unix://${path}`, 'the socket path must be absolute');
  const socketPath = normalize(path);
  return { kind: 'unix', id: `unix://${socketPath}`, socketPath };
}

function tcp(raw: string, rest: string): Endpoint {
  const hostPort = rest.replace(/\/+$/, '');
  const m = /^(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!m) throw invalid(raw, 'expected tcp://HOST:PORT');
  const host = m[1]!;
  const port = m[2] === undefined ? 2375 : Number(m[2]);
  if (port < 1 || port > 65535) throw invalid(raw, 'the port must be 1-65535');
  if (!LOOPBACK.has(host)) {
    throw new BerthError('FORBIDDEN', `refusing engine host ${raw}: only loopback TCP addresses are allowed (no TLS); use a unix socket or tcp://127.0.0.1:PORT`);
  }
  const canonical = host === 'localhost' ? '127.0.0.1' : host === '::1' ? '[::1]' : host;
  return { kind: 'tcp', id: `tcp://${canonical}:${port}`, host: canonical, port };
}

function invalid(raw: string, why: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `invalid engine host "${raw.slice(0, 200)}": ${why}`);
}
