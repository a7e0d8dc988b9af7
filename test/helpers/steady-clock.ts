/**
 * A server clock for tests whose outcome hangs on where the wall clock is:
 * a limit's window (the UTC hour, the UTC day), the day a check-in's end is
 * written with. It starts at a fixed moment and runs on with real time (so
 * timers and polls behave as ever): two messages a test sends always fall in
 * the same window, whenever the suite runs (not at hh:59:59 in two).
 */
import { performance } from 'node:perf_hooks';

/** Early in a UTC day (a Wednesday), an hour and more from any window's end: 2026-12-02 00:00:00.123 UTC. */
export const EARLY_IN_A_DAY = Date.UTC(2026, 11, 2, 0, 0, 0, 123);

/** A clock reading `start` now and moving on with real time (monotonic: a wall clock stepped meanwhile does not move it). */
export function clockFrom(start: number): () => number {
  const t0 = performance.now();
  return () => start + Math.floor(performance.now() - t0);
}
