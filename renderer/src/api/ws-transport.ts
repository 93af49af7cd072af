import {
  BerthError,
  type BerthApi,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type Result,
  type WsClientFrame,
} from '../../../shared/index';
import type { ConnectionStatus, StatusSource } from './status';

/** The subset of the DOM WebSocket this transport uses; `ws`'s client satisfies it too (tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

export interface WsTransportOptions {
  /** ws://HOST/ws?token=… */
  url: string;
  createSocket?: SocketFactory;
  /** How long a call may wait for a connection before it fails with NETWORK. */
  queueTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
}

const OPEN = 1;

type Pending = { resolve: (r: Result<unknown>) => void; sent: boolean; frame: string; timer?: ReturnType<typeof setTimeout> };

/**
 * BerthApi over the browser host's WebSocket. Reconnects with backoff and
 * re-subscribes every event that still has listeners. A call that was sent
 * when the connection dropped is answered with NETWORK, never re-sent: the
 * core may already have done it (a tag, a delete).
 */
export class WsTransport implements BerthApi, StatusSource {
  private socket: SocketLike | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private currentStatus: ConnectionStatus = 'connecting';
  private retryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closedForGood = false;
  private readonly createSocket: SocketFactory;
  private readonly queueTimeoutMs: number;
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly opts: WsTransportOptions) {
    this.createSocket = opts.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.queueTimeoutMs = opts.queueTimeoutMs ?? 30_000;
    this.backoff = opts.backoff ?? { initialMs: 250, maxMs: 5_000 };
    this.retryMs = this.backoff.initialMs;
    this.connect();
  }

  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const id = this.nextId++;
    const frame: WsClientFrame = { type: 'invoke', id, method, input };
    return new Promise((resolve) => {
      const p: Pending = { resolve: resolve as (r: Result<unknown>) => void, sent: false, frame: JSON.stringify(frame) };
      this.pending.set(id, p);
      if (this.isOpen()) this.sendPending(p);
      else p.timer = setTimeout(() => this.settle(id, networkError('Berth is not reachable; is `berth serve` still running?')), this.queueTimeoutMs);
    });
  }

  subscribe<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      // The host has no unsubscribe frame: one subscription per event per connection, fanned out here.
      if (this.isOpen()) this.sendSubscribe(event);
    }
    const cb = callback as (payload: unknown) => void;
    set.add(cb);
    return () => {
      set.delete(cb);
    };
  }

  status(): ConnectionStatus {
    return this.currentStatus;
  }

  onStatus(callback: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(callback);
    return () => this.statusListeners.delete(callback);
  }

  close(): void {
    this.closedForGood = true;
    clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'closed by the page');
    this.failAll('connection closed');
    this.setStatus('closed');
  }

  private connect(): void {
    const socket = this.createSocket(this.opts.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = this.backoff.initialMs;
      for (const event of this.listeners.keys()) this.sendSubscribe(event);
      for (const p of this.pending.values()) if (!p.sent) this.sendPending(p);
      this.setStatus('open');
    };
    socket.onmessage = (ev) => this.receive(ev.data);
    socket.onerror = () => {}; // onclose follows and does the work
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failSent('connection to Berth was lost');
      if (this.closedForGood) return;
      this.setStatus('reconnecting');
      this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, this.backoff.maxMs);
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const f = frame as { type?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    if (f.type === 'result' && typeof f.id === 'number') this.settle(f.id, f.result as Result<unknown>);
    else if (f.type === 'event' && typeof f.event === 'string') {
      for (const cb of this.listeners.get(f.event as EventName) ?? []) cb(f.payload);
    }
  }

  private isOpen(): boolean {
    return this.socket?.readyState === OPEN;
  }

  private sendPending(p: Pending): void {
    clearTimeout(p.timer);
    p.sent = true;
    this.socket?.send(p.frame);
  }

  private sendSubscribe(event: EventName): void {
    const frame: WsClientFrame = { type: 'subscribe', event };
    this.socket?.send(JSON.stringify(frame));
  }

  private settle(id: number, result: Result<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(result);
  }

  private failSent(message: string): void {
    for (const [id, p] of this.pending) if (p.sent) this.settle(id, networkError(message));
  }

  private failAll(message: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, networkError(message));
  }

  private setStatus(s: ConnectionStatus): void {
    if (s === this.currentStatus) return;
    this.currentStatus = s;
    for (const cb of this.statusListeners) cb(s);
  }
}

function networkError(message: string): Result<never> {
  return { ok: false, error: new BerthError('NETWORK', message).toPayload() };
}
