/**
 * One fetch per key however many callers want it at once (two pulls sharing a
 * layer). Every caller hears the flight's progress; a caller that cancels
 * only leaves it, and the flight itself is aborted when the last caller left
 * (that caller's promise settles once the aborted flight has wound down).
 */
import { BerthError } from '../../../shared/errors';

export interface FlightWaiter<W, E> {
  /** Caller-specific context the flight may use (e.g. its lease). */
  context: W;
  onEvent: (event: E) => void;
  signal: AbortSignal;
}

export interface FlightControl<W, E> {
  signal: AbortSignal;
  emit(event: E): void;
  /** The callers still waiting now. */
  waiters(): W[];
}

interface Flight<T, W, E> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: Set<FlightWaiter<W, E>>;
}

export class SingleFlight<T, W, E> {
  private readonly flights = new Map<string, Flight<T, W, E>>();

  /** Joins the flight for key, starting it with start() when none is under way. */
  run(key: string, waiter: FlightWaiter<W, E>, start: (control: FlightControl<W, E>) => Promise<T>): Promise<T> {
    if (waiter.signal.aborted) return Promise.reject(cancelled());
    let flight = this.flights.get(key);
    if (!flight) flight = this.launch(key, start);
    flight.waiters.add(waiter);
    return this.follow(flight, waiter);
  }

  /** True when a fetch for key is under way. */
  has(key: string): boolean {
    return this.flights.has(key);
  }

  private launch(key: string, start: (control: FlightControl<W, E>) => Promise<T>): Flight<T, W, E> {
    const controller = new AbortController();
    const waiters = new Set<FlightWaiter<W, E>>();
    const control: FlightControl<W, E> = {
      signal: controller.signal,
      emit: (event) => {
        for (const w of waiters) w.onEvent(event);
      },
      waiters: () => [...waiters].map((w) => w.context),
    };
    const flight: Flight<T, W, E> = { controller, waiters, promise: Promise.resolve().then(() => start(control)) };
    this.flights.set(key, flight);
    const forget = (): void => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    };
    flight.promise.then(forget, forget);
    return flight;
  }

  private follow(flight: Flight<T, W, E>, waiter: FlightWaiter<W, E>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = (): void => {
        left = true;
        flight.waiters.delete(waiter);
        if (flight.waiters.size > 0) return reject(cancelled());
        // The last one out stops the fetch and hears of it only once the fetch has stopped
        // (sockets closed, temp files gone): nothing a job started outlives the job.
        flight.controller.abort();
        flight.promise.then(
          () => reject(cancelled()),
          () => reject(cancelled()),
        );
      };
      waiter.signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(
        (v) => {
          if (left) return;
          waiter.signal.removeEventListener('abort', leave);
          flight.waiters.delete(waiter);
          resolve(v);
        },
        (e: unknown) => {
          if (left) return; // it has its answer: cancelled
          waiter.signal.removeEventListener('abort', leave);
          flight.waiters.delete(waiter);
          reject(e);
        },
      );
    });
  }
}

function cancelled(): BerthError {
  return new BerthError('CANCELLED', 'context canceled');
}
