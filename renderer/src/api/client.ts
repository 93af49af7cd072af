import {
  BerthError,
  ErrorPayload,
  methods,
  type BerthApi,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../shared/index';
import { hasStatus, type ConnectionStatus } from './status';

export interface Api {
  /** Calls a contract method; resolves with its output or throws the BerthError the core threw. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Listens to a contract event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
  status(): ConnectionStatus;
  onStatus(callback: (s: ConnectionStatus) => void): () => void;
}

export function createApi(transport: BerthApi): Api {
  return {
    async call(method, input) {
      let result: unknown;
      try {
        result = await transport.invoke(method, input);
      } catch (e) {
        // Electron's invoke rejects only when the main process is gone.
        throw new BerthError('NETWORK', e instanceof Error ? e.message : String(e));
      }
      return unwrap(method, result);
    },
    on: (event, callback) => transport.subscribe(event, callback),
    status: () => (hasStatus(transport) ? transport.status() : 'open'),
    onStatus: (callback) => (hasStatus(transport) ? transport.onStatus(callback) : () => {}),
  };
}

/** Checks the envelope and the output against the contract, so views can trust their types. */
function unwrap<M extends MethodName>(method: M, result: unknown): MethodOutput<M> {
  if (typeof result !== 'object' || result === null || !('ok' in result)) {
    throw new BerthError('INTERNAL', `malformed answer to ${method}`);
  }
  if (result.ok !== true) {
    const payload = ErrorPayload.safeParse((result as { error?: unknown }).error);
    if (!payload.success) throw new BerthError('INTERNAL', `malformed error from ${method}`);
    throw BerthError.fromPayload(payload.data);
  }
  const out = methods[method].output.safeParse((result as { value?: unknown }).value);
  if (!out.success) throw new BerthError('INTERNAL', `answer to ${method} does not match the contract`);
  return out.data as MethodOutput<M>;
}
