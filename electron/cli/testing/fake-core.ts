import { BerthError, type MethodName, type MethodOutput, type MethodParsedInput } from '../../../shared/index';
import { createDispatch, type Handlers } from '../../core/api/dispatch';
import { EventBus } from '../../core/events';
import type { Core } from '../../core/service';
import type { OpenCore } from '../context';

export interface RecordedCall {
  method: MethodName;
  input: unknown;
}

/**
 * Recorded answers per method. An answer also gets the core's event bus, so a
 * job-starting method can publish the job's recorded snapshots.
 */
export type FakeAnswers = {
  [M in MethodName]?: (input: MethodParsedInput<M>, bus: EventBus) => Promise<MethodOutput<M>>;
};

export interface FakeCore {
  open: OpenCore;
  /**
   * Every call that reached a handler, with the input as the contract parsed it,
   * except `source: 'embedded'`: that is the contract's default, so a recording
   * names a source only when the call went to an engine.
   */
  calls: RecordedCall[];
}

/**
 * A core whose handlers answer from recorded contract outputs. It goes through
 * the real dispatch with output checking on, so a fixture that drifts from the
 * contract fails the test instead of passing silently. Methods without an
 * answer reply UNSUPPORTED, as the unfinished core does.
 */
export function fakeCore(answers: FakeAnswers, extra: Partial<Pick<Core, 'archivePort'>> = {}): FakeCore {
  const calls: RecordedCall[] = [];
  const bus = new EventBus();
  const handlers = new Proxy({} as Handlers, {
    get(_t, method: string) {
      return async (input: MethodParsedInput<MethodName>) => {
        calls.push({ method: method as MethodName, input: withoutDefaultSource(input) });
        const answer = (answers as Record<string, ((i: unknown, bus: EventBus) => Promise<unknown>) | undefined>)[method];
        if (!answer) throw new BerthError('UNSUPPORTED', `${method} is not available yet`);
        return answer(input, bus);
      };
    },
  });
  const open: OpenCore = async (storePath) => {
    const core: Core = {
      storePath,
      bus,
      handlers,
      dispatch: createDispatch(handlers, { checkOutput: true }),
      ...extra,
      close: async () => {},
    };
    return core;
  };
  return { open, calls };
}

function withoutDefaultSource(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || (input as { source?: unknown }).source !== 'embedded') return input;
  const { source: _embedded, ...rest } = input as Record<string, unknown>;
  return rest;
}
