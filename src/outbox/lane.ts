/**
 * One channel's lane: claims that channel's due rows (urgent first) only as
 * fast as it may send them, keeps enough sends in flight to reach its rate
 * at the provider's observed latency, and hands each outcome to the writer
 * as it happens. Nothing it does waits on another channel.
 */
import { SendError, type ChannelSender } from '../channels/types';
import type { AlertRenderer } from '../alerts/render-alert';
import { runGuardedAsync } from '../jobs/guarded';
import { safeError } from '../log/safe-error';
import { buddyStopped } from '../store/buddy-stops';
import { openAddress } from '../store/members';
import { queuedBeforeIdentityChange } from '../store/moderator-identities';
import { claimLane, clockSteppedBack, dueThrottledNow, dueUrgentAfterOutage, latestOutboxTime, nextDue, openBody, openRowAddress, waitingOn, type ClaimedRow } from '../store/outbox';
import { backoffDelay } from '../util/backoff';
import { LaneFailures } from './lane-failures';
import { LaneHolds, type LaneHoldDeps } from './lane-holds';
import { OutageWatch } from './outage-watch';
import type { OutcomeWriter, Recorded } from './outcome-writer';
import { Pacer } from './pacer';
import { ClockFollower } from '../util/clock-follower';
import { WakeableSleep } from '../util/wakeable-sleep';

/** What a lane reads and writes: what its holds and failures do, and the outcome writer and the alert renderer. */
export interface LaneDeps extends LaneHoldDeps {
  writer: OutcomeWriter;
  renderer: AlertRenderer;
}

/** Latency assumed before the first answer: a typical Twilio call (a larger guess opens hundreds of connections at once and slows the start). */
const FIRST_LATENCY_MS = 250;

export class Lane {
  readonly pacer: Pacer;
  private latencyMs = FIRST_LATENCY_MS;
  /** Sends not yet answered (awaited by stop()). */
  private readonly inFlight = new Set<Promise<void>>();
  /** Rows claimed whose outcome is not in the database yet: what a hard kill would send again (the sends in flight, and answers of this turn). */
  private unrecorded = 0;
  private lastWindow = 0;
  private running: Promise<void> | null = null;
  private stopping = false;
  private readonly alarm = new WakeableSleep();
  /** Holds and pauses, and what goes by SMS meanwhile. */
  private readonly holds: LaneHolds;
  /** What a row not sent becomes (failed, due again, held), and what follows. */
  private readonly failures: LaneFailures;
  /** The rows claimed whose outcome is not written yet: never claimed again meanwhile (see claimLane). */
  private readonly claimedIds = new Set<number>();
  /** Since when every try has failed as an outage, or been throttled, and the operator's log of it. */
  private readonly outage: OutageWatch;
  /**
   * Rows queued before a step of the wall clock back are due as they were, not once it catches up; the first
   * read compares with the latest time the lane's rows hold, so a step while the server was down is seen too.
   */
  private readonly clock = new ClockFollower(
    (step, t) => {
      const moved = clockSteppedBack(this.deps.db, this.channel, step, t);
      this.holds.clockSteppedBack(step);
      // The outage keeps its length: left ahead of now, /readyz would not call it failing for the step's length.
      this.outage.shift(step);
      this.deps.log.warn({ channel: this.channel, stepMs: step, moved }, 'the clock stepped back: waiting messages keep their place');
    },
    () => latestOutboxTime(this.deps.db, this.channel),
  );

  constructor(
    private readonly sender: ChannelSender,
    private readonly deps: LaneDeps,
  ) {
    this.pacer = new Pacer(deps.opts.sendRate, deps.now);
    this.holds = new LaneHolds(sender.channel, this.pacer, deps);
    this.failures = new LaneFailures(this.holds, deps);
    this.outage = new OutageWatch(sender.channel, deps);
  }

  get channel() {
    return this.sender.channel;
  }

  /**
   * Sending is held for a fault of the line's own (for /readyz): messages wait, and this lane holds them
   * (lane-holds.ts: until one goes through), or one was last refused for it (a hold from before a restart,
   * not tried again yet). A hold whose message left unsent with nothing else waiting is not: nothing tries
   * the provider then, and the fault may be fixed. A 429's pause is not a hold.
   */
  get held(): boolean {
    const waiting = waitingOn(this.deps.db, this.channel);
    return waiting.lineFault || (waiting.any && this.holds.held);
  }

  /**
   * Every try since a given moment, failingAfterMs or more ago, failed with the provider down (5xx,
   * time-outs, no connection: SendError.providerDown), and messages wait (for /readyz): a provider whose
   * health check answers may still fail every send. A 429 or a refusal of one recipient (opted out,
   * invalid) neither starts nor ends it; a message taken ends it. Not held: nothing is wrong with the line's setup, and the messages keep trying.
   */
  get failing(): boolean {
    if (!this.outage.failing(this.deps.now())) return false;
    return waitingOn(this.deps.db, this.channel).any;
  }

  start(): void {
    if (this.running) return;
    // A sender drained by an earlier stop of this lane sends again.
    this.sender.endDrain?.();
    this.running = this.loop();
  }

  /** Looks for work now (new rows, or a send finished). */
  wake(): void {
    this.alarm.wake();
  }

  /** Ends a provider pause now and looks for work (issue 15: a Signal captcha was solved). */
  resume(): void {
    this.pacer.resume();
    // What the pause put back is due now, in its place in line (urgent first), not at the pause's old end.
    dueThrottledNow(this.deps.db, this.channel, this.deps.now());
    this.holds.cutShort();
    this.wake();
  }

  /**
   * The provider paused the line's account for a message sent beside the
   * lane (a Signal remote delete answered 429): the lane pauses as for a
   * send's 429, and people on SMS too get the alerts waiting here by SMS.
   */
  providerPause(ms: number): void {
    this.holds.providerPause(ms);
  }

  /** Whether messages are due that the lane has not claimed yet. */
  hasDue(): boolean {
    const due = nextDue(this.deps.db, this.channel);
    return due !== null && due <= this.deps.now();
  }

  /** Stops claiming, waits for the sends in flight. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.alarm.halt();
    // Sends still waiting at the sender for their turn fail as never sent, to go at the next start.
    this.sender.drain?.();
    await this.running;
    this.running = null;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Sends allowed in flight: the rate times the observed latency, with a
   * margin, at least one and at most maxInFlight (and what the sender
   * takes at once). A slow provider (2 s an answer) needs two seconds of
   * SEND_RATE in flight to keep up with it.
   */
  window(): number {
    const cap = Math.min(this.deps.opts.maxInFlight, this.sender.maxInFlight ?? Infinity);
    return Math.max(1, Math.min(cap, Math.ceil(((this.pacer.currentRate * this.latencyMs) / 1000) * 1.5) + 1));
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      // A busy, locked or dead database: logged (once, then once a minute while it lasts), and tried again at the next poll.
      if (!(await runGuardedAsync(this.deps.log, `outbox lane ${this.channel}`, () => this.step()))) await this.alarm.sleep(this.deps.opts.pollMs);
    }
  }

  private async step(): Promise<void> {
    const { db, opts, now } = this.deps;
    // Before any wait: a lane paused or full when the clock steps back notices it all the same.
    this.clock.follow(now());
    const window = this.window();
    if (window !== this.lastWindow) {
      this.lastWindow = window;
      this.deps.log.debug({ channel: this.channel, window, rate: this.pacer.currentRate }, 'outbox lane window');
    }
    // Answered sends free their place at once; their outcomes are written at the end of this turn
    // of the event loop. Should writing fall behind (a busy database), the lane stops claiming.
    let room = Math.min(window - this.inFlight.size, 2 * window - this.unrecorded);
    // Held for the line's own fault: one message finds out whether it is fixed, not a window's worth.
    if (this.holds.held) room = Math.min(room, 1 - this.inFlight.size);
    if (room <= 0) return this.alarm.sleep(opts.pollMs);
    const wait = this.pacer.waitMs();
    if (wait > 0) {
      // A pass of moving alerts to SMS not done yet: the next batch after this turn, not after the wait.
      const sweepIn = this.holds.sweep();
      return this.alarm.sleep(this.channel === 'signal' ? Math.min(wait, sweepIn) : wait);
    }
    const available = this.pacer.available();
    // When the window (not the rate) holds the lane back, claim in small groups rather than one
    // row per answered send: a claim is a transaction. The next answers wake the lane.
    if (this.inFlight.size > 0 && room < available && room < Math.ceil(window / 4)) return this.alarm.sleep(opts.pollMs);
    const want = Math.max(1, Math.min(room, available));
    this.alarm.clear();
    const t = now();
    const met = { retracted: 0 };
    const rows = claimLane(db, this.channel, t, want, t + opts.leaseMs, this.claimedIds, met);
    // Copies of a retracted alert cancelled, and maybe more behind them: claim again once the loop has turned.
    if (rows.length === 0 && met.retracted > 0) return new Promise((resolve) => setImmediate(resolve));
    if (rows.length === 0) {
      const due = nextDue(db, this.channel);
      // Due, yet not claimed: only rows of this lane's in flight are (their answers wake the lane).
      return this.alarm.sleep(due === null || due <= t ? opts.pollMs : Math.min(opts.pollMs, due - t));
    }
    for (const row of rows) {
      this.unrecorded++;
      this.claimedIds.add(row.id);
      const recorded = () => {
        this.unrecorded--;
        this.claimedIds.delete(row.id);
        this.wake();
      };
      const p = this.send(row).then(
        (r) => this.deps.writer.add({ ...r, done: recorded }),
        (err) => {
          // Not recorded: the row stays leased and is sent again after its lease (or the next start).
          this.deps.log.error({ err: safeError(err), outboxId: row.id }, 'send bookkeeping failed');
          recorded();
        },
      );
      const tracked: Promise<void> = p.finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
      });
      this.inFlight.add(tracked);
    }
  }

  private async send(row: ClaimedRow): Promise<Recorded> {
    const { vault, renderer, opts, now } = this.deps;
    if (row.member_status === 'stopped' || row.member_status === 'invalid') return this.failures.failed(row, `recipient_${row.member_status}`);
    // An alert goes to admitted members only: one waiting for a moderator again (STOP, then JOIN under approval) is not.
    if (row.alert_id !== null && row.member_status === 'pending') return this.failures.failed(row, 'recipient_pending');
    if (row.alert_id !== null && now() - row.created_at > opts.maxAgeMs) return this.failures.failed(row, 'expired');
    if (!row.address_ct) return this.failures.failed(row, 'no_address');
    // A message whose text was erased while it was in flight (a notice of a report decided meanwhile, back after a restart).
    if (row.alert_id === null && row.body_ct === null) return this.failures.failed(row, 'superseded');
    let body: string | null;
    let to: string;
    let stopped: boolean;
    let forOldPhone: boolean;
    try {
      body = row.alert_id !== null ? renderer.render(row.alert_id, row.lang, row.discreet === 1) : openBody(vault, row);
      to =
        row.member_id !== null
          ? openAddress(vault, { id: row.member_id, address_ct: row.address_ct, key_version: row.address_kv })
          : openRowAddress(vault, row);
      // A buddy who texted STOP after this was queued (an escalation waiting behind a hold or a restart): nothing more goes to them.
      stopped = row.to_buddy === 1 && buddyStopped(this.deps.db, vault, to, row.channel);
      // A moderator's notice whose try was in flight when their Signal identity was found changed, answered "try again".
      forOldPhone = row.channel === 'signal' && row.alert_id === null && row.member_id !== null && queuedBeforeIdentityChange(this.deps.db, vault, to, row.created_at);
    } catch (err) {
      this.deps.log.error({ err: safeError(err), outboxId: row.id }, 'an outbox row could not be opened');
      // A busy database passes; a row that cannot be decrypted never will open: fail it rather than claim it again and again.
      if (String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_')) {
        // Nothing was sent: a copy she left the area of meanwhile is withdrawn as surely not taken.
        return { outcome: { id: row.id, kind: 'retry', dueAt: now() + backoffDelay(opts.backoff, row.attempts), error: 'database', notTaken: true } };
      }
      return this.failures.failed(row, 'unreadable');
    }
    if (body === null) return this.failures.failed(row, 'alert_gone');
    if (stopped) return this.failures.stoppedBuddy(row, to, body);
    if (forOldPhone) return this.failures.failed(row, 'moderator_identity_changed');
    // Only what reaches the provider counts against SEND_RATE: a day-old alert's expired copies must
    // not hold a new alert back. (Nothing above waits, so the count stays exact.)
    this.pacer.take();
    const started = now();
    try {
      const { providerId } = await this.sender.send(to, body, { ref: row.id, attempt: row.attempts });
      this.answered(started, false);
      // The provider is back: the urgent rows waiting out the outage's backoff go next, before a fan-out queued since.
      if (this.outage.taken()) dueUrgentAfterOutage(this.deps.db, this.channel, now());
      if (this.holds.held) this.holds.unhold();
      this.deps.observer?.outcome(row.channel, 'sent');
      // Signal's taking it is her account's proof of life (an SMS waits for its delivery report).
      const reached = row.channel === 'signal' && row.member_id !== null ? row.member_id : undefined;
      return { outcome: { id: row.id, kind: 'sent', providerId }, reached };
    } catch (err) {
      return this.onError(row, to, body, err, started);
    }
  }

  private answered(started: number, throttled: boolean): void {
    const ms = this.deps.now() - started;
    this.latencyMs = this.latencyMs * 0.8 + ms * 0.2;
    this.pacer.observe(throttled);
  }

  /** A send the provider refused, or that threw: its answer counts towards the latency and the pacer, then LaneFailures decides. */
  private onError(row: ClaimedRow, to: string, body: string, err: unknown, started: number): Recorded {
    const e = err instanceof SendError ? err : new SendError('server', 'internal');
    if (!(err instanceof SendError)) this.deps.log.error({ err: safeError(err), outboxId: row.id }, 'unexpected send failure');
    if (e.kind !== 'connection') this.answered(started, e.kind === 'throttled');
    // A hold, or a transient failure naming one recipient, says nothing either way.
    this.outage.failed(started, e, `${e.kind}${e.code ? `:${e.code}` : ''}`);
    return this.failures.refused(row, to, body, e);
  }
}
