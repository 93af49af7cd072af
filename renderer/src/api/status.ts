/** Whether the renderer can currently reach the core. Electron's IPC is always 'open'. */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface StatusSource {
  status(): ConnectionStatus;
  onStatus(callback: (s: ConnectionStatus) => void): () => void;
}

export function hasStatus(x: object): x is StatusSource {
  return typeof (x as Partial<StatusSource>).onStatus === 'function' && typeof (x as Partial<StatusSource>).status === 'function';
}
