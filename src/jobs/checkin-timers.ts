/**
 * The check-in timers (issue 13). Timers are rows (store/checkins.ts), so
 * this job holds nothing in memory: every tick it looks for reminders and
 * deadlines that are due and turns each into outbox rows on the urgent lane
 * in the same transaction that marks it done. A kill before the commit
 * leaves the timer due (it runs at the next start); a kill after it leaves
 * the messages queued (the outbox sends them): an escalation is neither
 * lost nor written twice.
 */
import { catalog } from '../bot/catalog';
import { dayTime } from '../bot/clock-time';
import { boundedEscalation } from '../bot/escalation-text';
import { fallbackModerators } from '../bot/moderator-checkins';
import type { Lang } from '../domain/lang';
import type { Logger } from '../log/logger';
import type { Sender } from '../phone/identity';
import { personBuddies } from '../store/buddies';
import { checkinRef, checkinRefsClockSteppedBack, latestCheckinRefTime, FULL_NOTICES_A_DAY } from '../store/checkin-refs';
import { checkinsClockSteppedBack, clearReminder, dueCheckins, dueReminders, linkCheckinMessage, markEscalated, latestCheckinTime, type DueCheckin } from '../store/checkins';
import { escalatedBuddies, markModeratorsQueued, markUnreachedTold, unreachedCheckins, withdrawWaitingNotices, type UnreachedCheckin } from '../store/unreached-checkins';
import type { Db } from '../store/db';
import { ensureMember, memberDiscreet, memberLang } from '../store/members';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import type { Vault } from '../store/vault';
import { ClockFollower } from '../util/clock-follower';
import { checkinRuns, tellAfterAll } from './checkin-after-all';
import { runGuarded } from './guarded';

export interface CheckinTimerDeps {
  db: Db;
  vault: Vault;
  log: Logger;
  /** CHECKIN_FALLBACK: who is told when the member has no accepted buddy left. */
  fallback: 'moderators' | 'none';
  moderatorContacts: readonly Sender[];
  /** Wakes the dispatcher once messages are queued. */
  wake: () => void;
  now: () => number;
  /** How often due timers are looked for (1 s: well within the 30 s an escalation may take). */
  pollMs?: number;
  /** Told what each run did (the server counts it in /metrics). */
  onRun?: (run: TimerRun) => void;
  /** The follower of the deadlines' clock, shared with the messages that write them (DeadlineClocks); one of its own when unset. */
  clock?: ClockFollower;
}

/** What a run reads and writes: the store and who the fallback tells. */
export type TimerStore = Pick<CheckinTimerDeps, 'db' | 'vault' | 'fallback' | 'moderatorContacts'>;

/** Timers handled per transaction: a backlog after a long outage does not hold the event loop. */
const BATCH = 100;

/** What one run did. */
export interface TimerRun {
  reminded: number;
  escalated: number;
  /** Check-ins whose escalation failed (undone alone; tried again at the next run). */
  failed: number;
  /** Members told that their escalation reached none of their buddies (or, after "we're still trying", none after all). */
  unreached: number;
}

/** Queues every due reminder and escalation, each batch in one transaction with its timers marked done. */
export function runCheckinTimers(deps: TimerStore, now: number): TimerRun {
  const { db } = deps;
  const run: TimerRun = { reminded: 0, escalated: 0, failed: 0, unreached: 0 };
  // Check-ins that failed stay open for the next run; this one goes on after them.
  let after: DueCheckin | undefined;
  let unreachedAfter = 0;
  let afterAllAfter = 0;
  for (let more = true; more; ) {
    more = db.transaction(() => {
      const reminders = dueReminders(db, now, BATCH);
      for (const r of reminders) {
        // A deadline already past (the server was down) gets its escalation, not a late reminder.
        if (r.dueAt > now) {
          const t = catalog(memberLang(db, r.memberId));
          // It comes unasked, to her lock screen: discreet (asked on either channel) names no check-in, nor the line.
          const until = t.checkinEnd(dayTime(r.dueAt, now));
          const text = memberDiscreet(db, r.memberId) ? t.discreetReminder(until) : t.checkinReminder(until);
          const id = enqueueMessage(db, deps.vault, r.memberId, text, now);
          linkCheckinMessage(db, id, r.id, 'reminder');
          run.reminded++;
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
      afterAllAfter = afterAll.lastId;
      return reminders.length === BATCH || due.length === BATCH || unreached.length === BATCH || afterAll.full;
    });
  }
  return run;
}

/**
 * Tells a member, once, that her escalation reached none of those it went
 * to (each refused for good: a number that is invalid or stopped, a buddy
 * who left Signal on a line with no SMS; or none through within a few
 * minutes, an outage: then that we keep trying), so that she can reach
 * someone another way. With CHECKIN_FALLBACK=moderators, a member none of whose
 * buddies could be reached is where a member with no buddy is: the
 * moderators are told then, and she hears that they were. Discreet if she
 * chose it (unasked, on her lock screen). While another check-in of hers
 * runs (not escalated), not asked to text OK: it would end that one too.
 */
function tellUnreached(deps: TimerStore, c: UnreachedCheckin, now: number): void {
  const { db, vault } = deps;
  const t = catalog(memberLang(db, c.memberId));
  // Her words, plain and discreet.
  let words: [string, string];
  const moderators = c.to === 'buddies' ? fallbackModerators(deps, c.memberId) : [];
  // After her buddies could not be reached either: one notice says both (it replaces the one about them, if still waiting).
  const buddies = c.to === 'moderators' ? escalatedBuddies(db, c.id) : 0;
  const trying = c.trying;
  const running = checkinRuns(db, c.memberId);
  if (c.to === 'moderators' && buddies > 0) {
    words = [t.checkinNoOneReached(buddies, trying, running), t.discreetNoOneReached(trying)];
  } else if (c.to === 'moderators') {
    words = [t.checkinModeratorsUnreached(trying, running), t.discreetModeratorsUnreached(trying)];
  } else if (moderators.length) {
    tellModerators(deps, c, moderators, now, true);
    words = [t.checkinBuddiesUnreachedModeratorsTold(c.buddies, trying, running), t.discreetUnreachedModeratorsTold(trying)];
  } else {
    words = [t.checkinBuddiesUnreached(c.buddies, trying, running), t.discreetUnreached(trying)];
  }
  const text = memberDiscreet(db, c.memberId) ? words[1] : words[0];
  // One notice about her escalation at a time: those still waiting are no longer true.
  withdrawWaitingNotices(db, c.id);
  const notice = enqueueMessage(db, vault, c.memberId, text, now);
  linkCheckinMessage(db, notice, c.id, 'notice');
  // "We're still trying": should all of it fail for good, she is told so (checkin-after-all.ts).
  markUnreachedTold(db, c.id, c.to, notice, trying);
}

/**
 * What an escalation shows of a check-in's details, in a recipient's
 * language: details that will not open (a damaged value) must not stop it,
 * the recipient is told they are lost.
 */
function shownDetails(c: DueCheckin): (lang: Lang) => string {
  let details: string | null;
  try {
    details = c.details() ?? '';
  } catch {
    details = null;
  }
  return (lang) => details ?? catalog(lang).checkinDetailsUnreadable();
}

/**
 * Queues a check-in's escalation to the moderators (CHECKIN_FALLBACK): its
 * reference (BLOCK and SHOW name it), when it was due and the details,
 * never who; `unreached`: she had buddies, none of whom could be reached
 * (the moderators should know she has someone). Past FULL_NOTICES_A_DAY
 * from one sender in a day (counted as her limits are: her DELETE does not
 * reset it), each further one is a line naming her first reference and the
 * count while kept, not her words: every miss is still told (one may
 * be real), but one number cannot text every moderator 200 characters of its
 * own every ten minutes; SHOW gives the details to a moderator who asks.
 */
export function tellModerators(deps: Pick<TimerStore, 'db' | 'vault'>, c: DueCheckin, moderators: readonly Sender[], now: number, unreached = false): void {
  const { db, vault } = deps;
  // Named with its day when written a day late (the line was down, or the buddies' refusals came late).
  const due = dayTime(c.dueAt, now);
  const shown = shownDetails(c);
  const { ref, earlier, folded } = checkinRef(db, vault, c.id, c.memberId, now);
  for (const contact of moderators) {
    const m = ensureMember(db, vault, contact, 'en', now, 'active');
    const t = catalog(m.lang);
    // Her earlier references name the first and the count while kept; after her DELETE they are not.
    const past = earlier.length >= FULL_NOTICES_A_DAY;
    const text = folded
      ? past
        ? t.checkinEscalationModeratorsFolded(`#${ref}`, t.checkinEnd(due), `#${earlier[0]}`, earlier.length + 1)
        : t.checkinEscalationModeratorsFoldedErased(`#${ref}`, t.checkinEnd(due))
      : boundedEscalation({ channel: contact.channel, build: (d) => t.checkinEscalationModerators(`#${ref}`, t.checkinEnd(due), d, unreached) }, shown(m.lang));
    linkCheckinMessage(db, enqueueMessage(db, vault, m.id, text, now), c.id, 'escalation');
  }
  markModeratorsQueued(db, c.id, now);
}

/** Tells the accepted buddies (or the moderators, or no one), then the member; marks the check-in escalated. */
function escalate(deps: TimerStore, c: DueCheckin, now: number): void {
  const { db, vault } = deps;
  // Named with its day when written a day late (the line was down).
  const due = dayTime(c.dueAt, now);
  const shown = shownDetails(c);
  // Hers on either channel: one phone, one person.
  const buddies = personBuddies(db, vault, c.memberId);
  let told: 'buddies' | 'moderators' | 'nobody' = 'nobody';
  // With no buddy, the moderators (CHECKIN_FALLBACK).
  const moderators = buddies.length === 0 ? fallbackModerators(deps, c.memberId) : [];
  if (buddies.length) {
    told = 'buddies';
    for (const b of buddies) {
      const t = catalog(b.lang);
      const text = boundedEscalation({ channel: b.channel, build: (d) => t.checkinEscalation(b.name, t.checkinEnd(due), d) }, shown(b.lang));
      const id = enqueueReply(db, vault, { channel: b.channel, address: b.address }, text, now);
      linkCheckinMessage(db, id, c.id, 'escalation', b.id);
    }
  } else if (moderators.length) {
    told = 'moderators';
    tellModerators(deps, c, moderators, now);
  }
  // Discreet if she chose it: it arrives unasked, on her lock screen.
  const t = catalog(memberLang(db, c.memberId));
  const id = enqueueMessage(db, vault, c.memberId, memberDiscreet(db, c.memberId) ? t.discreetMemberTold(told) : t.checkinMemberTold(told), now);
  linkCheckinMessage(db, id, c.id, 'notice');
  markEscalated(db, c.id, now);
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

  constructor(private readonly deps: CheckinTimerDeps) {
    this.clock = deps.clock ?? checkinClock(deps.db, deps.log);
  }

  /** One run now; wakes the dispatcher when anything was queued. */
  tick(): void {
    runGuarded(this.deps.log, 'checkin-timers', () => {
      const now = this.deps.now();
      this.clock.follow(now);
      const run = runCheckinTimers(this.deps, now);
      this.deps.onRun?.(run);
      // Counts only: never who, never what.
      if (run.failed && (run.failed !== this.lastFailed || now - this.failureLoggedAt >= FAILURE_LOG_EVERY_MS)) {
        this.deps.log.error(run, 'some check-in escalations failed; they are tried again at the next run');
        this.failureLoggedAt = now;
      }
      this.lastFailed = run.failed;
      if (run.reminded || run.escalated || run.unreached) {
        this.deps.log.info(run, 'check-in timers fired');
        this.deps.wake();
      }
    });
  }

  start(): void {
    if (this.timer) return;
    // The clock may have been stepped back while the server was down: the first read sees it (checkinClock).
    this.tick();
    this.timer = setInterval(() => this.tick(), this.deps.pollMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
