/**
 * The check-in timers (issue 13). Timers are rows (store/checkins.ts), so
 * this job holds nothing in memory: every tick it looks for reminders and
 * deadlines that are due and turns each into outbox rows on the urgent lane
 * in the same transaction that marks it done. A kill before the commit
 * leaves the timer due (it runs at the next start); a kill after it leaves
 * the messages queued (the outbox sends them): an escalation is neither
 * lost nor written twice.
 */
import { laterExample, type CheckinBounds } from '../bot/checkin-examples';
import { catalog } from '../bot/catalog';
import { tellIfModeratorsGoneDue } from '../bot/checkin-alone';
import type { LineExamples } from '../bot/line-examples';
import { dayTime } from '../bot/clock-time';
import type { Logger } from '../log/logger';
import type { Sender } from '../phone/identity';
import { checkinRefsClockSteppedBack, latestCheckinRefTime } from '../store/checkin-refs';
import { checkinsClockSteppedBack, clearReminder, dueCheckins, dueReminders, linkCheckinMessage, latestCheckinTime, type DueCheckin } from '../store/checkins';
import { unreachedCheckins } from '../store/unreached-checkins';
import type { Db } from '../store/db';
import { memberDiscreet, memberLang } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import type { Vault } from '../store/vault';
import { ClockFollower } from '../util/clock-follower';
import { tellAfterAll } from './checkin-after-all';
import { tellAllClearsUnreached } from './checkin-all-clears-unreached';
import { escalate, tellUnreached } from './checkin-messages';
import { askRestored } from './checkin-restored';
import { runGuarded } from './guarded';

export interface CheckinTimerDeps {
  db: Db;
  vault: Vault;
  log: Logger;
  /** CHECKIN_FALLBACK: who is told when the member has no accepted buddy left. */
  fallback: 'moderators' | 'none';
  moderatorContacts: readonly Sender[];
  /** The line's examples, for the notice that a check-in relying on the moderators now reaches no one. */
  examples?: LineExamples;
  /** CHECKIN_MIN_MINUTES and CHECKIN_MAX_MINUTES: the reminder's LATER example fits them (30 when unset). */
  checkins?: CheckinBounds;
  /** Wakes the dispatcher once messages are queued. */
  wake: () => void;
  now: () => number;
  /** How often due timers are looked for (1 s: well within the 30 s an escalation may take). */
  pollMs?: number;
  /** Told what each run did (the server counts it in /metrics). */
  onRun?: (run: TimerRun) => void;
  /** The follower of the deadlines' clock, shared with the messages that write them (DeadlineClocks); one of its own when unset. */
  clock?: ClockFollower;
  /** After a leap of the clock (the machine slept), whether the timers may act yet: not before her OK held at Signal is read (resume-gate.ts). */
  gate?: { mayAct(now: number): boolean };
}

/** What a run reads and writes: the store and who the fallback tells (and where a row it skips is logged). */
export type TimerStore = Pick<CheckinTimerDeps, 'db' | 'vault' | 'fallback' | 'moderatorContacts'> & Partial<Pick<CheckinTimerDeps, 'log' | 'checkins' | 'examples'>>;

/** Timers handled per transaction; the job yields between them, so a backlog after a long outage does not hold the event loop. */
const BATCH = 100;

/** What one run did. */
export interface TimerRun {
  reminded: number;
  escalated: number;
  /** Check-ins whose escalation failed (undone alone; tried again at the next run), or whose reminder could not be written (given up). */
  failed: number;
  /** Members told that their escalation reached none of their buddies (or, after "we're still trying", none after all), or that an OK's word to one reached them on no channel. */
  unreached: number;
}

/** Queues every due reminder and escalation at once (no other work meanwhile), each batch in one transaction with its timers marked done. */
export function runCheckinTimers(deps: TimerStore, now: number): TimerRun {
  const run: TimerRun = { reminded: 0, escalated: 0, failed: 0, unreached: 0 };
  for (const _batch of checkinBatches(deps, now, run));
  return run;
}

/**
 * The timers due at `now`, a batch at a time: each batch one transaction,
 * counted into `run`; pauses after each (the job yields to other work
 * there). What it reads is read afresh at each batch: a check-in ended
 * meanwhile (her OK) is not escalated.
 */
export function* checkinBatches(deps: TimerStore, now: number, run: TimerRun): Generator<void, void> {
  const { db } = deps;
  // Check-ins that failed stay open for the next run; this one goes on after them.
  let after: DueCheckin | undefined;
  let unreachedAfter = 0;
  let afterAllAfter = 0;
  for (let more = true; more; ) {
    more = db.transaction(() => {
      // First, before any deadline is read: a check-in a restore brought back may have ended since (counted as a reminder: a message to her).
      const restored = askRestored(deps, now, BATCH);
      // A Signal moderator's identity changed (moderator-identity-gate.ts): a check-in relying on the moderators is
      // told now if none is left; a failure leaves it due for the next run.
      try {
        if (db.savepoint(() => tellIfModeratorsGoneDue(deps, deps, now))) run.reminded++; // a message to her, as a restored check-in's
      } catch {
        run.failed++;
      }
      run.reminded += restored.asked;
      const reminders = dueReminders(db, now, BATCH);
      for (const r of reminders) {
        // A deadline already past (the server was down) gets its escalation, not a late reminder.
        if (r.dueAt > now) {
          // One that cannot be written (a damaged value) must not hold back every other timer, run after run: given up, its check-in still escalates.
          // Not on a full disk, no one reminder's fault: db.savepoint then gives up the whole batch, tried again at the next run.
          try {
            db.savepoint(() => remind(deps, r, now));
            run.reminded++;
          } catch {
            run.failed++;
          }
        }
        clearReminder(db, r.id);
      }
      const due = dueCheckins(db, deps.vault, now, BATCH, after);
      for (const c of due) {
        // One check-in that cannot be escalated (a message that cannot be sealed or written) must not hold back the others.
        try {
          db.savepoint(() => escalate(deps, c, now));
          run.escalated++;
        } catch {
          run.failed++;
        }
      }
      after = due.at(-1) ?? after;
      const unreached = unreachedCheckins(db, deps.vault, BATCH, now, unreachedAfter);
      for (const c of unreached) {
        try {
          db.savepoint(() => tellUnreached(deps, c, now));
          run.unreached++;
        } catch {
          run.failed++;
        }
      }
      unreachedAfter = unreached.at(-1)?.id ?? unreachedAfter;
      const afterAll = tellAfterAll(deps, run, now, BATCH, afterAllAfter); // after "we're still trying", nothing got through
      // A late OK's word that reached a buddy on no channel: "we've told them" was untrue (a failure is tried again next run).
      try {
        const told = db.savepoint(() => tellAllClearsUnreached(deps, now));
        run.unreached += told.told;
        run.failed += told.failed;
      } catch {
        run.failed++;
      }
      afterAllAfter = afterAll.lastId;
      return restored.read === BATCH || reminders.length === BATCH || due.length === BATCH || unreached.length === BATCH || afterAll.full;
    });
    if (more) yield;
  }
}

/** Queues her reminder of check-in `r`'s end. */
function remind(deps: TimerStore, r: { id: number; memberId: number; dueAt: number }, now: number): void {
  const { db } = deps;
  const t = catalog(memberLang(db, r.memberId));
  // It comes unasked, to her lock screen: discreet (asked on either channel) names no check-in, nor the line.
  const until = t.checkinEnd(dayTime(r.dueAt, now));
  // Its LATER example fits what a LATER sent now may add: 30 would be refused under CHECKIN_MAX_MINUTES=30.
  const more = deps.checkins && laterExample(deps.checkins, now, r.dueAt);
  const text = memberDiscreet(db, r.memberId) ? t.discreetReminder(until, more) : t.checkinReminder(until, more);
  linkCheckinMessage(db, enqueueMessage(db, deps.vault, r.memberId, text, now), r.id, 'reminder');
}

/**
 * Follows the wall clock for check-in deadlines: deadlines and reminders
 * written before a step back keep their distance from now (as the outbox's
 * due times do); the first read compares with the latest time the
 * check-ins hold, so a step while the server was down is seen too.
 */
export function checkinClock(db: Db, log: Logger): ClockFollower {
  return new ClockFollower(
    (step, now) => {
      const moved = db.transaction(() => {
        checkinRefsClockSteppedBack(db, now);
        return checkinsClockSteppedBack(db, step, now);
      });
      log.warn({ stepMs: step, moved }, 'the clock stepped back: check-in deadlines keep their distance from now');
    },
    // A reference outlives its check-in (her OK): with no check-in left, a step is seen by it.
    () => Math.max(latestCheckinTime(db), latestCheckinRefTime(db)),
  );
}

/** How often escalations that keep failing are logged again (each run still counts them in /metrics). */
const FAILURE_LOG_EVERY_MS = 60_000;

/** Runs the timers every pollMs until stopped (guarded: a failing run is logged and tried again at the next tick). */
export class CheckinTimers {
  private timer: NodeJS.Timeout | null = null;
  /** The failures of the last run, and when failures were last logged: one that persists is not logged every second. */
  private lastFailed = 0;
  private failureLoggedAt = 0;
  private readonly clock: ClockFollower;
  /** The last run (it yields between batches), and whether it is under way. */
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private stopped = false;

  constructor(private readonly deps: CheckinTimerDeps) {
    this.clock = deps.clock ?? checkinClock(deps.db, deps.log);
  }

  /**
   * One run now, a batch at a time: the dispatcher is woken after each batch
   * that queued anything (escalations go out while the backlog is written),
   * and other work (webhooks, Signal messages) is handled between batches.
   * A tick while a run is under way does nothing: the next one comes after it.
   */
  tick(): Promise<void> {
    if (!this.busy) this.running = this.runInTurns();
    return this.running;
  }

  private async runInTurns(): Promise<void> {
    // Cleared in the same turn when no pause was needed: such a run has ended when tick() returns.
    this.busy = true;
    try {
      const { log } = this.deps;
      const now = this.deps.now();
      // Each step its own name: a step that works (reading the clock) must not end what guarded.ts says of one that fails.
      if (!runGuarded(log, 'checkin-timers clock', () => this.clock.follow(now))) return;
      if (this.deps.gate && !this.deps.gate.mayAct(now)) return;
      const run: TimerRun = { reminded: 0, escalated: 0, failed: 0, unreached: 0 };
      const batches = checkinBatches(this.deps, now, run);
      let queued = 0;
      for (let done = false; !done; ) {
        // Guarded batch by batch: a batch that throws (a busy or closed database) ends the run, logged; the next tick tries again.
        const ok = runGuarded(log, 'checkin-timers', () => {
          done = batches.next().done === true;
          const total = run.reminded + run.escalated + run.unreached;
          if (total > queued) this.deps.wake();
          queued = total;
        });
        if (!ok) return;
        if (done) break;
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopped) return;
      }
      runGuarded(log, 'checkin-timers report', () => this.report(run, now));
    } finally {
      this.busy = false;
    }
  }

  /** What a run did: to onRun (the metrics), and logged, by counts only: never who, never what. */
  private report(run: TimerRun, now: number): void {
    const { log } = this.deps;
    this.deps.onRun?.(run);
    if (run.failed && (run.failed !== this.lastFailed || now - this.failureLoggedAt >= FAILURE_LOG_EVERY_MS)) {
      log.error(run, 'some check-in escalations or notices (tried again at the next run) or reminders (given up) failed');
      this.failureLoggedAt = now;
    }
    this.lastFailed = run.failed;
    if (run.reminded || run.escalated || run.unreached) log.info(run, 'check-in timers fired');
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    // The clock may have been stepped back while the server was down: the first read sees it (checkinClock).
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.deps.pollMs ?? 1_000);
    this.timer.unref();
  }

  /** Ends the polls; a run under way writes no further batch, and is waited for. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    await this.running;
  }
}
