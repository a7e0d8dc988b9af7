/**
 * Timers whose work cannot take the process down: an error (a busy or
 * locked database, a full disk, a bug) is logged and the work runs again at
 * the next tick. A job failing at every tick (a full disk fails the
 * check-in timers every second) is logged once, then once a minute with how
 * many runs failed meanwhile, and once when it works again: not a line a
 * second into logs that may sit on that same full disk.
 */
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';

/** How long a failing job stays quiet after a line about it. */
export const REPEAT_FAILURE_LOG_MS = 60_000;

/**
 * A job that failed: when its last failure line was written, the failures
 * since, and whether that line still waits for its "works again".
 */
interface Failing {
  loggedAt: number;
  unlogged: number;
  toldFailing: boolean;
}

/** Per logger (one per server), per job. */
const failing = new WeakMap<Logger, Map<string, Failing>>();

/** Runs fn, logging instead of throwing. Returns whether it succeeded. */
export function runGuarded(log: Logger, what: string, fn: () => void): boolean {
  try {
    fn();
  } catch (err) {
    logFailure(log, what, err);
    return false;
  }
  logRecovery(log, what);
  return true;
}

/** runGuarded for work that waits between its steps. */
export async function runGuardedAsync(log: Logger, what: string, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
  } catch (err) {
    logFailure(log, what, err);
    return false;
  }
  logRecovery(log, what);
  return true;
}

/**
 * At most one failure line a minute per job, failing steadily or on and off
 * (a database busy every other run): the runs between are counted.
 */
function logFailure(log: Logger, what: string, err: unknown): void {
  let jobs = failing.get(log);
  if (!jobs) failing.set(log, (jobs = new Map()));
  const now = performance.now();
  const job = jobs.get(what);
  if (!job) {
    jobs.set(what, { loggedAt: now, unlogged: 0, toldFailing: true });
    log.error({ err: safeError(err), job: what }, 'background job failed; it runs again at the next tick');
  } else if (now - job.loggedAt >= REPEAT_FAILURE_LOG_MS) {
    const msg = job.toldFailing ? 'background job still failing; it runs again at the next tick' : 'background job failed again; it runs again at the next tick';
    log.error({ err: safeError(err), job: what, failedSinceLastLine: job.unlogged + 1 }, msg);
    Object.assign(job, { loggedAt: now, unlogged: 0, toldFailing: true });
  } else {
    job.unlogged++;
  }
}

/** "Works again" once after each failure line; the job is forgotten a minute after that line, its failures since told. */
function logRecovery(log: Logger, what: string): void {
  const job = failing.get(log)?.get(what);
  if (!job) return;
  if (job.toldFailing) {
    job.toldFailing = false;
    log.info({ job: what }, 'background job works again');
  }
  if (performance.now() - job.loggedAt < REPEAT_FAILURE_LOG_MS) return;
  failing.get(log)?.delete(what);
  if (job.unlogged > 0) log.info({ job: what, failedSinceLastLine: job.unlogged }, 'background job works again after failing on and off');
}

/** Runs fn every `everyMs` (guarded, not keeping the process alive); returns a stop function. */
export function everyGuarded(log: Logger, what: string, everyMs: number, fn: () => void): () => void {
  const timer = setInterval(() => runGuarded(log, what, fn), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
