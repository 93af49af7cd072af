import { BerthError, type BerthApi } from '../../../shared/index';
import { WsTransport } from './ws-transport';

/**
 * Electron's preload exposes window.berth; a page served by the browser host
 * has none and talks WebSocket instead, with the token it was opened with.
 */
export function pickTransport(win: Window & { berth?: BerthApi }): BerthApi {
  if (win.berth) return win.berth;
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) return missingToken();
  return new WsTransport({ url: wsUrl(win.location.host, token) });
}

export function wsUrl(host: string, token: string): string {
  return `ws://${host}/ws?token=${encodeURIComponent(token)}`;
}

function missingToken(): BerthApi {
  const error = new BerthError(
    'FORBIDDEN',
    'This page was opened without its access token. Open the address printed by `berth serve`.',
  ).toPayload();
  return {
    invoke: async () => ({ ok: false, error }),
    subscribe: () => () => {},
  };
}
