import type { WebSocket } from 'ws';
import {
  BerthError,
  isEventName,
  WsClientFrame,
  type EventName,
  type Result,
  type WsServerFrame,
} from '../../shared/index';
import type { HostCore } from './types';

/** A peer that stops reading must not make the host buffer without bound. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_INVALID_PAYLOAD = 1007;
const CLOSE_TOO_SLOW = 1008;

/**
 * One renderer connection: every invoke goes through core.dispatch (which
 * validates the input against the contract), every subscription forwards bus
 * events until the socket closes.
 */
export function attachSession(ws: WebSocket, core: HostCore): void {
  const subscriptions = new Map<EventName, () => void>();

  const send = (frame: WsServerFrame): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(CLOSE_TOO_SLOW, 'client is not reading');
      return;
    }
    const text = serialize(frame);
    if (text !== null) ws.send(text);
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.close(CLOSE_UNSUPPORTED_DATA, 'text frames only');
      return;
    }
    const frame = parseFrame(data.toString());
    if (frame.kind === 'broken') {
      if (frame.id === undefined) ws.close(CLOSE_INVALID_PAYLOAD, 'malformed frame');
      else send({ type: 'result', id: frame.id, result: failure(new BerthError('INVALID_ARGUMENT', frame.message)) });
      return;
    }
    const f = frame.frame;
    if (f.type === 'invoke') {
      void invoke(core, f.method, f.input).then((result) => send({ type: 'result', id: f.id, result }));
      return;
    }
    // Unknown event names are ignored rather than fatal, so a newer renderer can talk to an older host.
    if (!isEventName(f.event) || subscriptions.has(f.event)) return;
    const event = f.event;
    subscriptions.set(event, core.bus.on(event, (payload) => send({ type: 'event', event, payload })));
  });

  // ws reports protocol violations (oversized or invalid frames) here and closes the
  // socket itself with the matching code; without a listener they would crash the host.
  ws.on('error', () => {});

  ws.on('close', () => {
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
  });
}

async function invoke(core: HostCore, method: string, input: unknown): Promise<Result<unknown>> {
  try {
    return await core.dispatch(method, input);
  } catch (e) {
    // dispatch answers failures as data; this only guards against a broken core.
    return failure(new BerthError('INTERNAL', e instanceof Error ? e.message : String(e)));
  }
}

type Parsed = { kind: 'ok'; frame: WsClientFrame } | { kind: 'broken'; id: number | undefined; message: string };

export function parseFrame(text: string): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'broken', id: undefined, message: 'malformed frame: not JSON' };
  }
  const parsed = WsClientFrame.safeParse(json);
  if (parsed.success) return { kind: 'ok', frame: parsed.data };
  // Answer the caller when we can tell which call it was; otherwise the socket is closed.
  return { kind: 'broken', id: idOf(json), message: 'malformed frame: not a contract frame' };
}

function idOf(json: unknown): number | undefined {
  if (typeof json !== 'object' || json === null || !('id' in json)) return undefined;
  const id = (json as { id: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}

function failure(e: BerthError): Result<never> {
  return { ok: false, error: e.toPayload() };
}

/** Null for an event that cannot be encoded: it is dropped rather than thrown into the bus. */
function serialize(frame: WsServerFrame): string | null {
  try {
    return JSON.stringify(frame);
  } catch (e) {
    if (frame.type !== 'result') return null;
    const message = `result could not be serialized: ${e instanceof Error ? e.message : String(e)}`;
    return JSON.stringify({ type: 'result', id: frame.id, result: failure(new BerthError('INTERNAL', message)) });
  }
}
