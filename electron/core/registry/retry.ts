/**
 * Retry timing: Docker's 5 attempts with `attempt × 5 s` waits, a countdown
 * callback each second (for "Retrying in N seconds"), and Retry-After on 429/503.
 */
import type { BerthError } from '../../../shared/errors';
import { cancelled } from './transport';

export interface RetryPolicy {
  /** Total attempts, including the first. Default 5. */
  attempts: number;
  /** Wait before attempt n+1 after attempt n failed. Default n × 5 s. */
  delayMs: (attempt: number) => number;
  /** Longest Retry-After honoured; a server asking for more gets the error at once. Default 60 s. */
  maxRetryAfterMs: number;
}

export interface RetryNotice {
  /** The attempt that failed (1-based). */
  attempt: number;
  /** Whole seconds left before the next attempt (counts down each second). */
  seconds: number;
  error: BerthError;
}

export type RetryListener = (notice: RetryNotice) => void;

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  delayMs: (attempt) => attempt * 5_000,
  maxRetryAfterMs: 60_000,
};

export function retryPolicy(p: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...DEFAULT_RETRY, ...p };
}

/** Docker's text for a countdown tick. */
export function retryMessage(seconds: number): string {
  return `Retrying in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/** Waits ms, telling listener the seconds left at the start and every second after. */
export async function waitWithCountdown(
  ms: number,
  ctx: { attempt: number; error: BerthError; signal?: AbortSignal | undefined; onRetry?: RetryListener | undefined },
): Promise<void> {
  const end = Date.now() + ms;
  // Counted down, not read off the clock: a timer that fires a millisecond early must not say "1 second" twice.
  for (let seconds = Math.ceil(ms / 1000); seconds > 0; seconds--) {
    if (ctx.signal?.aborted) throw cancelled();
    ctx.onRetry?.({ attempt: ctx.attempt, seconds, error: ctx.error });
    const step = end - (seconds - 1) * 1000 - Date.now();
    if (step > 0) await sleep(step, ctx.signal);
  }
  if (ctx.signal?.aborted) throw cancelled();
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
