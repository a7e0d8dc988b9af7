/**
 * Timers whose work cannot take the process down: an error (a busy or
 * locked database, a bug) is logged and the work runs again at the next tick.
 */
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';

/** Runs fn, logging instead of throwing. Returns whether it succeeded. */
export function runGuarded(log: Logger, what: string, fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    logFailure(log, what, err);
    return false;
  }
}

/** runGuarded for work that waits between its steps. */
export async function runGuardedAsync(log: Logger, what: string, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    logFailure(log, what, err);
    return false;
  }
}

function logFailure(log: Logger, what: string, err: unknown): void {
  log.error({ err: safeError(err), job: what }, 'background job failed; it runs again at the next tick');
}

/** Runs fn every `everyMs` (guarded, not keeping the process alive); returns a stop function. */
export function everyGuarded(log: Logger, what: string, everyMs: number, fn: () => void): () => void {
  const timer = setInterval(() => runGuarded(log, what, fn), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
