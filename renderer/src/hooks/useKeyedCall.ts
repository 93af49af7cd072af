import { useEffect, useState } from 'react';
import type { BerthError } from '../../../shared/index';
import { asBerthError } from '../lib/errors';

export type KeyedResult<T> = { ok: true; value: T } | { ok: false; error: BerthError };

/**
 * Runs `run` (after `delayMs`) whenever `key` changes and returns its answer
 * only while it still belongs to the current key: undefined means "not
 * answered yet", so nothing stale shows while people type. A null key runs nothing.
 */
export function useKeyedCall<T>(key: string | null, run: () => Promise<T>, delayMs = 0): KeyedResult<T> | undefined {
  const [result, setResult] = useState<{ key: string; result: KeyedResult<T> }>();
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => {
      run().then(
        (value) => live && setResult({ key, result: { ok: true, value } }),
        (e: unknown) => live && setResult({ key, result: { ok: false, error: asBerthError(e) } }),
      );
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `run` is a fresh closure each render; the key says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);
  return key !== null && result?.key === key ? result.result : undefined;
}
