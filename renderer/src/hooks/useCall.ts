import { useCallback, useEffect, useRef, useState } from 'react';
import { BerthError, type EventName, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/index';
import { api } from '../api/index';

export interface CallState<T> {
  data: T | undefined;
  error: BerthError | undefined;
  loading: boolean;
  refetch(): void;
}

/**
 * Calls a contract method when mounted, again when one of `refetchOn` fires
 * (and `accept`, when given, says the event concerns this call), and again
 * after a lost connection comes back (events may have been missed).
 * Keeps the last good data while refetching so the view does not flash.
 */
export function useCall<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  refetchOn: readonly EventName[] = [],
  accept?: (event: EventName, payload: unknown) => boolean,
): CallState<MethodOutput<M>> {
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<BerthError>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const acceptRef = useRef(accept);
  acceptRef.current = accept;
  // Answers to calls made before this moment are dropped (the inputs changed or the view went away).
  const dropPending = useCallback(() => {
    seq.current++;
  }, []);
  const inputKey = JSON.stringify(input);
  const eventsKey = refetchOn.join('\n');

  const run = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    api
      .call(method, JSON.parse(inputKey) as MethodInput<M>)
      .then((value) => {
        if (mine !== seq.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof BerthError ? e : new BerthError('INTERNAL', String(e)));
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [method, inputKey]);

  useEffect(() => {
    run();
    const offs = eventsKey
      .split('\n')
      .filter(Boolean)
      .map((event) =>
        api.on(event as EventName, (payload: unknown) => {
          if (!acceptRef.current || acceptRef.current(event as EventName, payload)) run();
        }),
      );
    let wasDown = false;
    offs.push(
      api.onStatus((s) => {
        if (s === 'open' && wasDown) run();
        wasDown = s !== 'open';
      }),
    );
    return () => {
      dropPending();
      for (const off of offs) off();
    };
  }, [run, eventsKey, dropPending]);

  return { data, error, loading, refetch: run };
}
