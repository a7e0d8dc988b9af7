/**
 * Lost status callbacks: Twilio sometimes never posts a message's final
 * status, and an SMS not delivered (30003, a phone that was off) was then
 * never sent again. This small worker asks the provider for the status of
 * SMS sent more than `afterMs` ago that still have none, and applies a final
 * one as the status callback does (applyDeliveryReport: "undelivered" is
 * sent again). Those asked about least go first, oldest first. Bounded:
 * one fetch per tick (`perMinute` a minute at most), each message at most
 * `maxPolls` answered fetches `gapMs` apart, none once it was sent
 * `windowMs` ago; and it waits for the SMS lane to have nothing due and its
 * pace (SEND_RATE) to let a send go now, taking no send's place, so it never
 * delays a send. stop() never waits for Twilio. Nothing identifying is
 * logged (no number, no message id).
 */
import { ReportFaultWarning } from '../channels/twilio/report-fault-warning';
import { SendError, type DeliveryReport } from '../channels/types';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import type { Db } from '../store/db';
import { firstUnreported, markPolled, type UnreportedSms } from '../store/outbox-unreported';
import type { Vault } from '../store/vault';
import { WakeableSleep } from '../util/wakeable-sleep';
import { applyDeliveryReport, DEFAULT_UNREACHABLE_RETRY } from './delivery-status';
import type { SendPace } from './pacer';

/** Where a message's current status is read (TwilioSender); throws a SendError on failure. */
export interface StatusSource {
  /** The message's status now, and its report when final (null while not). */
  fetchReport(sid: string): Promise<{ status: string; delivery: DeliveryReport | null }>;
  /** Whether an error says the provider has no such message. */
  isGone(err: SendError): boolean;
}

/** What the poller counts (Metrics). */
export interface PollCounts {
  deliveryPolled(status: string): void;
  outcome(channel: string, kind: string, reason?: string): void;
}

export interface StatusPollOptions {
  /** A message sent longer ago than this with no final status is asked about. */
  afterMs: number;
  /** None sent longer ago than this: no report can send it again then (the unreachable retry's window). */
  windowMs: number;
  /** Most fetches a minute (one per tick). */
  perMinute: number;
  /** Most fetches of one message Twilio answered (one failed for an outage, a 429 or a time-out is not counted). */
  maxPolls: number;
  /** Least time between two fetches of one message. */
  gapMs: number;
  /** The SMS lane's pace: a fetch waits until no send is due and one could go now, and takes no place of a send. */
  pace?: SendPace;
}

/** 30 minutes after the send, then an hour apart, three times at most, within 4 hours of the send; 6 a minute. */
export const DEFAULT_STATUS_POLL: StatusPollOptions = { afterMs: 30 * 60_000, windowMs: DEFAULT_UNREACHABLE_RETRY.freshMs, perMinute: 6, maxPolls: 3, gapMs: 60 * 60_000 };

/** How often a fetch waiting for the lane looks again while the lane has sends due. */
const BUSY_LANE_RECHECK_MS = 200;

/** How long a message whose fetch failed (an outage, a 429, a time-out) waits before it is asked about again, the others going first. */
const FAILED_FETCH_WAIT_MS = 5 * 60_000;

/** What one poll did. */
export type PollResult = 'none' | 'not_final' | 'applied' | 'unmatched' | 'gone' | 'failed' | 'stopped';

export class StatusPoller {
  /**
   * Fetches Twilio answered of each message, by its Twilio id (a row sent again is a new message, asked about
   * afresh), kept while it may be asked about again (in memory: a restart asks again, still bounded).
   */
  private readonly polled = new Map<string, { polls: number; lastAt: number; heldUntil: number }>();
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly alarm = new WakeableSleep();
  private readonly faultWarning = new ReportFaultWarning();
  /** Ends the wait for the fetch in flight (stop()), so no stop waits for Twilio's answer; one per fetch, dropped after it. */
  private halt: () => void = () => undefined;

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly source: StatusSource,
    private readonly log: Logger,
    private readonly counts: PollCounts,
    /** With TWILIO_REDACT: a final status fetched queues the redaction, as a callback's does. */
    private readonly cleanup: { redact(sid: string): void } | null,
    private readonly opts: StatusPollOptions = DEFAULT_STATUS_POLL,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops at once: a fetch in flight is left to end on its own, its answer thrown away. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.alarm.halt();
    this.halt();
    await this.running;
    this.running = null;
  }

  private async loop(): Promise<void> {
    const tickMs = 60_000 / this.opts.perMinute;
    while (!this.stopping) {
      await this.alarm.sleep(tickMs);
      if (this.stopping) return;
      try {
        await this.pollOnce();
      } catch (err) {
        this.log.error({ err: safeError(err) }, 'polling a delivery status failed; trying again at the next tick');
      }
    }
  }

  /** Whether message `sid` may be asked about at `t`. */
  private due(sid: string, t: number): boolean {
    const seen = this.polled.get(sid);
    if (seen === undefined) return true;
    // A clock stepped back (t before the last fetch) must not hold it for the step's length.
    if (t < seen.heldUntil && t >= seen.heldUntil - FAILED_FETCH_WAIT_MS) return false;
    return seen.polls === 0 || (seen.polls < this.opts.maxPolls && (t - seen.lastAt >= this.opts.gapMs || t < seen.lastAt));
  }

  /**
   * One poll: the first message due is fetched and, when final, applied.
   * Called by the loop once a tick; a test calls it directly.
   */
  async pollOnce(): Promise<PollResult> {
    const t = this.now();
    // Forget what was asked about before the window: such a message is never asked about again.
    for (const [sid, seen] of this.polled) if (seen.lastAt < t - this.opts.windowMs) this.polled.delete(sid);
    // Fewest polls first, oldest first among them: a first poll can still find a 30003 in time to send it again
    // (oldest first alone gave a 2,000-message fan-out's first 420 three polls and the rest none).
    let row: UnreportedSms | undefined;
    for (let polls = 0; polls < this.opts.maxPolls && !row; polls++) {
      row = firstUnreported(this.db, t - this.opts.windowMs, t - this.opts.afterMs, (sid) => (this.polled.get(sid)?.polls ?? 0) === polls && this.due(sid, t));
    }
    if (!row) return 'none';
    if (!(await this.turn())) return 'stopped';
    // A Twilio that never answers would hold stop() for the client's time-out (15 s) while the dispatcher sends:
    // the fetch is raced against stop(), and what it brings after is never applied.
    const fetched = this.source.fetchReport(row.providerId).then(
      (report) => ({ report }),
      (err: unknown) => ({ err }),
    );
    const answer = await new Promise<Awaited<typeof fetched> | null>((resolve) => {
      this.halt = () => resolve(null);
      void fetched.then(resolve);
    });
    this.halt = () => undefined;
    if (answer === null || this.stopping) return 'stopped';
    if ('err' in answer) {
      const { err } = answer;
      const e = err instanceof SendError ? err : null;
      if (e && this.source.isGone(e)) {
        // Twilio has no such message (deleted): asking again tells nothing more.
        this.polled.set(row.providerId, { polls: this.opts.maxPolls, lastAt: this.now(), heldUntil: 0 });
        return 'gone';
      }
      // An outage, a 429, refused credentials, a time-out say nothing of this message: none of its polls is
      // spent (a 2-hour outage had spent them all), and it waits a few minutes while the others are asked
      // about (asked again at every tick, one failing message held every other one back). Any other refusal is its own.
      if (e?.retryable) this.holdAfterFailure(row.providerId);
      else this.spendPoll(row.providerId);
      // The lane and doctor say so.
      this.log.debug({ reason: e ? `${e.kind}${e.code ? `:${e.code}` : ''}` : 'internal' }, 'could not fetch the status of a message whose status callback never came');
      return 'failed';
    }
    this.spendPoll(row.providerId);
    const { report } = answer;
    if (!report.delivery) return 'not_final';
    const { cleanup } = this;
    const sid = row.providerId;
    // By the provider's id only, as a callback with no row in its URL: a row sent again since (its id cleared) is not this message.
    const applied = applyDeliveryReport(this.db, this.vault, { providerId: sid, delivery: report.delivery, onFinal: cleanup ? () => cleanup.redact(sid) : undefined }, this.now());
    if (!applied.matched) return 'unmatched';
    // A final status known only by asking: doctor still counts it as a lost callback. Not a retry's: its next send may be reported.
    if (applied.kind !== 'retry') markPolled(this.db, row.id);
    // The line's own sender or daily cap (30032, 30034, 63038): warned of as the status route does. Twilio's code is after the status.
    const { kind, code } = report.delivery;
    this.faultWarning.note(kind, code ? code.slice(code.indexOf(':') + 1) : '', this.now(), this.log);
    this.polled.delete(sid);
    this.counts.deliveryPolled(report.status);
    if (applied.kind !== 'delivered') this.counts.outcome('sms', applied.kind === 'retry' ? 'retry' : 'failed', applied.kind);
    this.log.info({ kind: applied.kind }, 'a delivery status whose callback never came was fetched from Twilio');
    return 'applied';
  }

  /** Counts a fetch Twilio answered. */
  private spendPoll(sid: string): void {
    const seen = this.polled.get(sid);
    this.polled.set(sid, { polls: (seen?.polls ?? 0) + 1, lastAt: this.now(), heldUntil: 0 });
  }

  /** Holds a message whose fetch failed for FAILED_FETCH_WAIT_MS, spending none of its polls. */
  private holdAfterFailure(sid: string): void {
    const t = this.now();
    const seen = this.polled.get(sid);
    this.polled.set(sid, { polls: seen?.polls ?? 0, lastAt: seen?.lastAt ?? t, heldUntil: t + FAILED_FETCH_WAIT_MS });
  }

  /**
   * Waits until the SMS lane has nothing due and a send could go now; false once stopping. A GET is not a
   * send: it takes no place under SEND_RATE (at 0.2 a place taken made an alert queued next wait 5 s).
   */
  private async turn(): Promise<boolean> {
    const { pace } = this.opts;
    const waitMs = () => (pace ? pace.waitMs() || (pace.busy() ? BUSY_LANE_RECHECK_MS : 0) : 0);
    for (let wait = waitMs(); wait > 0 && !this.stopping; wait = waitMs()) await this.alarm.sleep(wait);
    return !this.stopping;
  }
}
