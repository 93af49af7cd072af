/**
 * DNS-rebinding and cross-site defences: a page served from another name that
 * resolves to 127.0.0.1 sends a foreign Host header, and a foreign page that
 * opens a WebSocket to us sends a foreign Origin. Only our own two spellings pass.
 */
export const LOOPBACK_ADDRESS = '127.0.0.1';

export function ownAuthorities(port: number): string[] {
  return [`${LOOPBACK_ADDRESS}:${port}`, `localhost:${port}`];
}

export function ownOrigins(port: number): string[] {
  return ownAuthorities(port).map((a) => `http://${a}`);
}

export function isOwnHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return ownAuthorities(port).includes(hostHeader.toLowerCase());
}

export function isOwnOrigin(originHeader: string | undefined, port: number): boolean {
  if (!originHeader) return false;
  return ownOrigins(port).includes(originHeader.toLowerCase());
}
