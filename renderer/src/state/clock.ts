import { create } from 'zustand';

const TICK_MS = 30_000;

/** "Now" for relative times: one shared timer, so "2 minutes ago" moves on by itself. */
export const useClock = create<{ now: number }>()(() => ({ now: Date.now() }));

let started = false;
export function startClock(): void {
  if (started) return;
  started = true;
  setInterval(() => useClock.setState({ now: Date.now() }), TICK_MS);
}
