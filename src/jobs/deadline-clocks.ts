/**
 * The followers of the wall clock for the deadlines a member's message
 * writes: a check-in's end and reminder, an open question's or a report
 * draft's lapse; and for when a parked message (its handling failed) is
 * tried again, read by the inbound path's retries too. Each is shared by the job that keeps them (the check-in
 * timers, ReportDrafts) and by the message path, which reads the clock
 * before each message's transaction: a step back is then taken before any
 * deadline is written by the new clock, so a CHECKIN or a question in the
 * second after a step is never moved back with what the old clock wrote
 * (an escalation at once, a question lapsed as it is asked).
 */
import type { Logger } from '../log/logger';
import type { Db } from '../store/db';
import { parkedClockSteppedBack } from '../store/inbound-retry';
import { ClockFollower } from '../util/clock-follower';
import { checkinClock } from './checkin-timers';
import { conversationClock } from './report-drafts';

export class DeadlineClocks {
  readonly checkins: ClockFollower;
  readonly conversations: ClockFollower;
  /** Parked messages' due times. No latest time read at first: start-up tries every parked message, due or not. */
  readonly parked: ClockFollower;

  constructor(db: Db, log: Logger) {
    this.checkins = checkinClock(db, log);
    this.conversations = conversationClock(db, log);
    this.parked = new ClockFollower((step, now) => {
      const moved = db.transaction(() => parkedClockSteppedBack(db, step, now));
      log.warn({ stepMs: step, moved }, 'the clock stepped back: parked messages are tried again when they were due');
    });
  }

  /** Reads `now` for all three; a step back moves what the old clock wrote, each in a transaction of its own. */
  follow(now: number): void {
    this.checkins.follow(now);
    this.conversations.follow(now);
    this.parked.follow(now);
  }
}
