/**
 * "A newer query always wins": every call to track() supersedes the ones
 * before it, and an answer is delivered only if its call is still the newest
 * when it arrives. A slow old answer is dropped, never shown over a newer one.
 */
export interface Latest {
  /** Runs work; calls onValue/onError only if no newer track() started meanwhile. */
  track<T>(work: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): void;
  /** Makes every pending answer stale (the view unmounted, or the query was cleared). */
  cancel(): void;
}

export function createLatest(): Latest {
  let generation = 0;
  return {
    track(work, onValue, onError) {
      const mine = ++generation;
      work().then(
        (value) => {
          if (mine === generation) onValue(value);
        },
        (error: unknown) => {
          if (mine === generation) onError(error);
        },
      );
    },
    cancel() {
      generation++;
    },
  };
}
