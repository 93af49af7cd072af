import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { BerthError } from '../../shared/index';
import { createArchiveHttp } from './archive-http';
import { securityHeaders } from './headers';
import { isOwnHost, LOOPBACK_ADDRESS } from './origin';
import { createStaticHandler, sendText } from './static-files';
import { assertUsableToken, newToken } from './token';
import type { HostCore } from './types';
import { authorizeUpgrade } from './upgrade-auth';
import { attachSession } from './ws-session';

export type { HostCore } from './types';
export { contentSecurityPolicy, securityHeaders } from './headers';

export interface HostOptions {
  core: HostCore;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Absent: a fresh random token for this run. */
  token?: string;
  /** Only 127.0.0.1 is accepted; the option exists so a wrong value fails loudly instead of being ignored. */
  host?: string;
}

export interface RunningHost {
  /** http://127.0.0.1:PORT/?token=… — the page reads its token from here. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest frame a renderer may send; contract inputs are far smaller. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * The browser host: the built renderer over HTTP and the contract over a
 * WebSocket, on loopback only, for one holder of the run's token.
 */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  if (opts.host !== undefined && opts.host !== LOOPBACK_ADDRESS) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `refusing to listen on ${opts.host}: the browser host binds to ${LOOPBACK_ADDRESS} only`,
    );
  }
  const token = opts.token ?? newToken();
  assertUsableToken(token);

  const serveStatic = createStaticHandler(opts.rendererDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  wss.on('connection', (ws) => attachSession(ws, opts.core));

  let port = 0;
  const archiveHttp = createArchiveHttp(opts.core, { token, port: () => port }); // save downloads, load/import uploads
  const server = createServer((req, res) => {
    const headers = securityHeaders(port);
    if (!isOwnHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden', headers);
    if (archiveHttp.handles(req)) {
      archiveHttp.handle(req, res, headers).catch(() => (res.headersSent ? res.destroy() : sendText(res, 500, 'Internal Server Error', headers)));
      return;
    }
    serveStatic(req, res, headers).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error', headers);
      else res.destroy();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = authorizeUpgrade(req, { port, token });
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  // Unparseable requests get a plain 400; a socket already gone is just dropped.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  port = await listen(server, opts.port ?? 0);
  return {
    url: `http://${LOOPBACK_ADDRESS}:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close: async () => {
      await closeAll(server, wss);
      await archiveHttp.close();
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_ADDRESS, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function refuseUpgrade(socket: Duplex, status: number): void {
  const reason = STATUS_CODES[status] ?? 'Error';
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function closeAll(server: Server, wss: WebSocketServer): Promise<void> {
  for (const ws of wss.clients) ws.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}
