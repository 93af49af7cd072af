import { BerthError, type MethodName, type MethodParsedInput } from '../../../shared/index';
import { createDispatch, type Handlers } from '../../core/api/dispatch';
import { EventBus } from '../../core/events';
import type { Core } from '../../core/service';
import type { OpenCore } from '../context';

export interface RecordedCall {
  method: MethodName;
  input: unknown;
}

export interface FakeCore {
  open: OpenCore;
  /** Every call that reached a handler, with the input as the contract parsed it. */
  calls: RecordedCall[];
}

/**
 * A core whose handlers answer from recorded contract outputs. It goes through
 * the real dispatch with output checking on, so a fixture that drifts from the
 * contract fails the test instead of passing silently. Methods without an
 * answer reply UNSUPPORTED, as the unfinished core does.
 */
export function fakeCore(answers: Partial<Handlers>): FakeCore {
  const calls: RecordedCall[] = [];
  const handlers = new Proxy({} as Handlers, {
    get(_t, method: string) {
      return async (input: MethodParsedInput<MethodName>) => {
        calls.push({ method: method as MethodName, input });
        const answer = (answers as Record<string, ((i: unknown) => Promise<unknown>) | undefined>)[method];
        if (!answer) throw new BerthError('UNSUPPORTED', `${method} is not available yet`);
        return answer(input);
      };
    },
  });
  const open: OpenCore = async (storePath) => {
    const core: Core = {
      storePath,
      bus: new EventBus(),
      handlers,
      dispatch: createDispatch(handlers, { checkOutput: true }),
      close: async () => {},
    };
    return core;
  };
  return { open, calls };
}
