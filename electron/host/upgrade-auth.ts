import type { IncomingMessage } from 'node:http';
import { isOwnHost, isOwnOrigin } from './origin';
import { tokensEqual } from './token';

export const WS_PATH = '/ws';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/**
 * Decides, before the WebSocket handshake completes, whether a caller may talk
 * to the core: it must reach us by our own name, from our own page, with the
 * run's token. A browser on another site can forge none of the three.
 */
export function authorizeUpgrade(req: IncomingMessage, expect: { port: number; token: string }): UpgradeVerdict {
  if (!isOwnHost(req.headers.host, expect.port)) return { ok: false, status: 403, reason: 'foreign Host' };
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== WS_PATH) return { ok: false, status: 404, reason: 'no such endpoint' };
  const given = url.searchParams.get('token');
  if (given === null || !tokensEqual(given, expect.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  if (!isOwnOrigin(req.headers.origin, expect.port)) return { ok: false, status: 403, reason: 'foreign Origin' };
  return { ok: true };
}
