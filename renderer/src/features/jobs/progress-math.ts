/** Transfer rate and time left from progress samples, over a sliding window. */
export interface Sample {
  at: number;
  bytes: number;
}

export const RATE_WINDOW_MS = 4000;

export function addSample(samples: readonly Sample[], next: Sample, windowMs = RATE_WINDOW_MS): Sample[] {
  const kept = samples.filter((s) => next.at - s.at <= windowMs && s.bytes <= next.bytes);
  return [...kept, next];
}

/** Bytes per second across the window, or null until there are two samples some time apart. */
export function rate(samples: readonly Sample[]): number | null {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last || last.at - first.at < 250) return null;
  return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
}

/** Seconds left at the current rate, or null when unknown. */
export function etaSeconds(current: number, total: number, bytesPerSecond: number | null): number | null {
  if (!bytesPerSecond || bytesPerSecond <= 0 || total <= 0 || current >= total) return null;
  return Math.ceil((total - current) / bytesPerSecond);
}

/** 0–100, clamped; 0 when the total is unknown. */
export function percent(current: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, (current / total) * 100));
}

/** `1m05s`, `42s`, `1h02m`: compact, for a progress line. */
export function shortDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
