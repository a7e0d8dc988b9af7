/**
 * What a lane records for a row it does not send: failed for good, and what
 * follows (a Signal copy's SMS twin, a buddy's opt-out, an escalation by
 * SMS, an invitation to an unreachable number ended), or due again after a
 * backoff; and, for a send the provider refused, which of those it is.
 * outbox/lane.ts claims and sends; this decides.
 */
import { invitationUnreached } from '../bot/invitation-unreached';
import { SHUTTING_DOWN, type SendError } from '../channels/types';
import { planTwinFallback, smsTwinFor } from '../store/alerts';
import { recordBuddyOptOut } from '../store/buddy-stops';
import { allClearBackToSignal } from '../store/checkin-all-clears';
import { escalationBySms, isEscalationOrAllClear, smsTakesEscalationTo } from '../store/escalation-sms';
import type { ClaimedRow } from '../store/outbox';
import { backoffDelay } from '../util/backoff';
import { policyFor } from './backoff';
import type { LaneHoldDeps, LaneHolds } from './lane-holds';
import type { Recorded } from './outcome-writer';

/**
 * Tries of a buddy's Signal escalation, or of a Signal alert copy for
 * someone also on SMS, failing transiently, before it goes by SMS: the
 * first retry rides out a blip, the second a short restart of signal-cli;
 * with the backoff's 5 s, then 10 s, a third failure comes some 15 to 30
 * seconds on. A missed check-in should not wait longer, nor an alert that
 * SMS can carry now (a 429 or a held lane moves it at once: twinsToSms).
 */
const SIGNAL_TRIES_BEFORE_SMS = 3;

/**
 * Nor longer than this since it was queued, once a try has failed: a try
 * that hangs until the sender's 30 s time-out (signal-cli accepting and
 * never answering) would make three tries take over a minute and a half.
 */
const ESCALATION_SIGNAL_MS = 20_000;

export class LaneFailures {
  constructor(
    private readonly holds: LaneHolds,
    private readonly deps: LaneHoldDeps,
  ) {}

  /** Fails a row for good (`mark`: what the provider said of the member). */
  failed(row: ClaimedRow, error: string, mark?: Recorded['mark']): Recorded {
    this.deps.observer?.outcome(row.channel, 'failed', error);
    const failed: Recorded = { outcome: { id: row.id, kind: 'failed', error }, mark };
    // The planner sent a person on both channels her alert over Signal only: if that copy fails
    // for good, her SMS membership gets it (unless the alert has gone stale meanwhile).
    if (row.channel === 'signal' && row.alert_id !== null && row.member_id !== null && error !== 'expired' && this.deps.smsSends !== false) {
      const { db, now } = this.deps;
      const [memberId, alertId] = [row.member_id, row.alert_id];
      const plannedAt = row.created_at;
      failed.effect = () => void planTwinFallback(db, memberId, alertId, now(), plannedAt);
    }
    return failed;
  }

  /** A buddy's message to a number that stopped its channel since it was queued: failed; an SMS all-clear goes to her link over Signal. */
  stoppedBuddy(row: ClaimedRow, to: string, body: string): Recorded {
    const failed = this.failed(row, 'recipient_stopped');
    const { db, vault, now } = this.deps;
    if (row.channel === 'sms') failed.effect = () => void allClearBackToSignal(db, vault, row.id, to, body, now());
    return failed;
  }

  /** A send the provider refused (or that threw), its answer already counted: held, due again, or failed for good. */
  refused(row: ClaimedRow, to: string, body: string, e: SendError): Recorded {
    const { opts, log } = this.deps;
    const reason = `${e.kind}${e.code ? `:${e.code}` : ''}`;
    if (e.kind === 'line') return this.holds.hold(row, reason, e.fault);
    // Refused unissued by a stop (ChannelSender.drain): back in its place, no try used (three deploys in a fan-out must not send a Signal copy by SMS).
    if (e.kind === 'connection' && e.code === SHUTTING_DOWN) return { outcome: { id: row.id, kind: 'held', error: reason } };
    if (e.kind === 'throttled') {
      // Throttling says "later", never "no": it is not given up on by count, nor does it use up the
      // tries a real failure gets (a stale alert still expires by age). Only this message goes back;
      // the lane slows down only if throttling persists (Pacer). An urgent one waits a minute at most.
      const delay = Math.max(backoffDelay(opts.throttleBackoff, row.attempts), e.retryAfterMs ?? 0);
      if (e.retryAfterMs === undefined || !e.pausesAccount) return this.retry(row, e, reason, Math.min(delay, policyFor(opts.backoff, row.priority).maxMs));
      // The provider paused the whole account (Signal's rate limit): the lane pauses with it.
      // Sends in flight when a pause began are refused too: only the first of them starts one.
      const fresh = this.holds.beginPause(e.retryAfterMs);
      const retry = this.retry(row, e, reason, delay);
      return fresh ? this.holds.twinsToSms(retry) : retry;
    }
    const tries = row.attempts - row.throttles;
    // An outage (5xx, time-outs) can last hours, and says nothing about the message: it is tried,
    // at most maxMs apart, until it is as old as an alert may be, and at least maxAttempts times.
    // But what SMS can carry instead goes by SMS after a few failures in a row (seconds apart: an
    // outage, not a blip), once, and Signal stops trying it (failed() plans that): a buddy's Signal
    // escalation, and a Signal alert copy for someone also on SMS.
    const bySms = this.escalationSmsTakes(row, to);
    const twin = !bySms && this.smsTakesIt(row);
    const young = () => this.deps.now() - row.created_at < opts.maxAgeMs && !twin && !bySms;
    const maxTries = bySms || twin ? Math.min(SIGNAL_TRIES_BEFORE_SMS, opts.backoff.maxAttempts) : opts.backoff.maxAttempts;
    const late = bySms && this.deps.now() - row.created_at >= ESCALATION_SIGNAL_MS;
    // An urgent row waits a minute at most between tries (outbox/backoff.ts), a bulk alert up to the policy's maxMs.
    const policy = policyFor(opts.backoff, row.priority);
    if (e.retryable && tries < maxTries && !late) return this.retry(row, e, reason, backoffDelay(policy, tries));
    if (e.retryable && young()) return this.retry(row, e, reason, backoffDelay(policy, tries));
    log.warn({ outboxId: row.id, channel: row.channel, reason, attempts: row.attempts }, 'send failed for good');
    const mark = row.member_id !== null && (e.kind === 'stopped' || e.kind === 'invalid') ? { memberId: row.member_id, status: e.kind } : undefined;
    const failed = this.failed(row, e.retryable ? `gave_up:${reason}` : reason, mark);
    // A buddy who opted out at the provider: recorded as their STOP would be, so nothing more is queued for them.
    // This copy's text goes with it (the failure erases the row's): an SMS copy of a Signal link's escalation goes back there.
    if (row.to_buddy === 1 && e.kind === 'stopped') {
      const { db, vault, now } = this.deps;
      failed.effect = () => {
        recordBuddyOptOut(db, vault, to, row.channel, now(), { id: row.id, body });
        // An all-clear by SMS goes to her link over Signal, as an escalation's copy does.
        if (row.channel === 'sms') allClearBackToSignal(db, vault, row.id, to, body, now());
      };
    }
    // A buddy who left Signal (or whose identity it refuses) is still told she missed her check-in: by SMS.
    if (row.to_buddy === 1 && row.channel === 'signal' && this.deps.smsSends !== false) {
      const { db, vault, now } = this.deps;
      failed.effect = () => escalationBySms(db, vault, row.id, to, body, now());
    }
    // An invitation to a number the channel cannot reach (not on Signal, not a number SMS takes) ends, and she is told:
    // she was promised word of their answer. Invitations have no other channel to try (only escalations go by SMS).
    if (row.to_buddy === 1 && e.kind === 'invalid') {
      const { db, vault, now } = this.deps;
      const before = failed.effect;
      failed.effect = () => {
        before?.();
        invitationUnreached(db, vault, row.id, to, row.channel, now());
      };
    }
    return failed;
  }

  /** Whether this is a buddy's check-in escalation (or its all-clear) over Signal that SMS can take instead (not to a number that stopped SMS). */
  private escalationSmsTakes(row: ClaimedRow, to: string): boolean {
    if (row.to_buddy !== 1 || row.channel !== 'signal' || this.deps.smsSends === false) return false;
    return isEscalationOrAllClear(this.deps.db, row.id) && smsTakesEscalationTo(this.deps.db, this.deps.vault, to);
  }

  /** Whether this is a Signal alert copy that the person's SMS membership can take instead. */
  private smsTakesIt(row: ClaimedRow): boolean {
    if (row.channel !== 'signal' || row.alert_id === null || row.member_id === null || this.deps.smsSends === false) return false;
    return smsTwinFor(this.deps.db, row.member_id, row.alert_id) !== undefined;
  }

  private retry(row: ClaimedRow, e: SendError, reason: string, delayMs: number): Recorded {
    this.deps.observer?.outcome(row.channel, 'retry', e.kind);
    // At debug: an outage is one warning per lane (outage-watch.ts), not one per message per try (120,000 for a fan-out).
    this.deps.log.debug({ outboxId: row.id, channel: row.channel, reason, attempts: row.attempts }, 'send failed; will retry');
    return { outcome: { id: row.id, kind: 'retry', dueAt: this.deps.now() + delayMs, error: reason, throttled: e.kind === 'throttled', notTaken: e.neverReached } };
  }
}
