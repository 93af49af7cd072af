import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

const waiter = (signal: AbortSignal) => ({ context: undefined, onEvent: () => undefined, signal });

/** A fetch that, once aborted, takes `cleanupMs` to wind down and records when it did. */
function slowToStop(cleanupMs: number, log: string[]) {
  return (control: { signal: AbortSignal }) =>
    new Promise<string>((_resolve, reject) => {
      const stop = (): void =>
        void setTimeout(() => {
          log.push('flight stopped');
          reject(new Error('aborted'));
        }, cleanupMs);
      if (control.signal.aborted) stop();
      else control.signal.addEventListener('abort', stop);
    });
}

describe('SingleFlight', () => {
  it('lets the last caller out settle only after the aborted flight has stopped', async () => {
    const log: string[] = [];
    const flights = new SingleFlight<string, undefined, never>();
    const ac = new AbortController();
    const run = flights.run('k', waiter(ac.signal), slowToStop(50, log)).catch((e: unknown) => {
      log.push('caller settled');
      throw e;
    });
    ac.abort();
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: 'context canceled' });
    expect(log).toEqual(['flight stopped', 'caller settled']);
    expect(flights.has('k')).toBe(false);
  });

  it('lets a caller leave a flight others still wait for at once, without stopping it', async () => {
    const log: string[] = [];
    const flights = new SingleFlight<string, undefined, never>();
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run('k', waiter(first.signal), slowToStop(50, log));
    const b = flights.run('k', waiter(second.signal), slowToStop(50, log));
    first.abort();
    await expect(a).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(log).toEqual([]);
    expect(flights.has('k')).toBe(true);
    second.abort();
    await expect(b).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(log).toEqual(['flight stopped']);
  });
});
