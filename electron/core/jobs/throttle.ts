/**
 * Coalesces byte-progress updates to at most one call per interval, while
 * flush() calls through at once (phase changes, the end of a job).
 */
export class Throttle {
  private last = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly fn: () => void,
    private readonly intervalMs: number,
  ) {}

  /** Call soon: now if the interval has passed, else once at its end. */
  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => this.flush(), wait);
    this.timer.unref?.();
  }

  flush(): void {
    this.cancel();
    this.last = Date.now();
    this.fn();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
