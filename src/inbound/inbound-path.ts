/**
 * The one inbound path. Every channel's adapter hands its messages here as
 * `Inbound`s; from here SMS and Signal cross the same steps:
 *
 *   submit → (group commit: one transaction per event-loop turn, a savepoint
 *   per message) → recognise a retry → handle (identify the sender, block and
 *   limit, remember the language, dispatch to the command's handler) →
 *   record the provider id → the reply, by the channel's way: returned for
 *   the provider's response (TwiML), or queued on the outbox's urgent lane,
 *   in the same transaction as the message's effect (Signal).
 *
 * A message whose handling fails is undone alone, kept sealed, and tried
 * again with backoff (its reply then goes through the outbox: whoever sent
 * it has long stopped waiting). One that cannot even be kept (the database
 * refuses writes) is handed back to its caller as a rejection. Each caller
 * is answered only after the commit that holds its message's effect, so a
 * crash loses nothing that was acknowledged; under load one commit serves
 * many messages.
 */
import { parse } from '../bot/parser';
import { memberKey } from '../phone/identity';
import { safeError } from '../log/safe-error';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import { backoffCeiling } from '../util/backoff';
import { senderLogKey } from '../store/inbound-log';
import { dropItem, dueItems, itemsAfter, parkItem, postponeItem, type ParkedItem } from '../store/inbound-retry';
import type { Handled, Inbound, ReplyWay } from './inbound';
import { SignalSkew } from './signal-skew';
import { answeredAlready, handleMessage, type MessageDeps } from './handle-message';
import { isTrustedModerator } from './steps/identify-sender';

/** How a message whose handling failed is tried again. */
export interface RetryPolicy {
  /** Wait before the second attempt; doubles with each failure. */
  firstMs: number;
  maxMs: number;
  /** Attempts in all, the first included; after the last the message is dropped. */
  maxAttempts: number;
  /** How often parked messages are looked for. */
  pollMs: number;
}

/** 16 attempts over about 18 hours: a database that is down for hours loses nothing. */
export const DEFAULT_RETRY: RetryPolicy = { firstMs: 5_000, maxMs: 4 * 3_600_000, maxAttempts: 16, pollMs: 5_000 };

export interface InboundPathDeps {
  /** What the steps of one message need. */
  message: MessageDeps;
  log: Logger;
  metrics: Metrics;
  now: () => number;
  retry?: Partial<RetryPolicy>;
  /**
   * Whether a catch-up is under way at `now` (start-up's, or the resume's
   * after a sleep): a message handled then may have waited at Signal, and is
   * judged by its server stamp (heard-at.ts); a live one by the clock.
   */
  catchingUp?: (now: number) => boolean;
}

interface Pending {
  msg: Inbound;
  way: ReplyWay;
  /** The parked row this is a retry of. */
  parkedId?: number;
}

interface Waiting extends Pending {
  resolve: (h: Handled) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; handled: Handled } | { ok: false; error: unknown };

/** Most messages in one transaction: bounds how long the event loop is held. */
const MAX_BATCH = 64;

export class InboundPath {
  private queue: Waiting[] = [];
  private scheduled = false;
  private closing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly retry: RetryPolicy;
  /** This clock's offset from Signal's, learnt from live messages (signal-skew.ts). */
  private readonly skew: SignalSkew;

  constructor(private readonly deps: InboundPathDeps) {
    this.retry = { ...DEFAULT_RETRY, ...deps.retry };
    this.skew = new SignalSkew(deps.log);
  }

  /**
   * Hands over one message; resolves once the transaction holding its effect
   * has committed. A message the carrier answered and that asks nothing of
   * us (a HELP Twilio answered) resolves at once, with no transaction.
   */
  submit(msg: Inbound, way: ReplyWay): Handled | Promise<Handled> {
    const quick = answeredAlready(msg, this.deps.message.moderators);
    if (quick) {
      this.count(msg, quick);
      return quick;
    }
    return new Promise<Handled>((resolve, reject) => {
      this.queue.push({ msg, way, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Handles messages now, in order, in one transaction (each under its own savepoint). */
  handleNow(batch: Pending[]): Outcome[] {
    const { db } = this.deps.message;
    const out: Outcome[] = [];
    try {
      // A deadline these messages write is written by a clock its jobs have followed (a failure here fails them all, to be tried again).
      const now = this.deps.now();
      this.deps.message.clocks?.follow(now);
      const waited = this.deps.catchingUp?.(now) ?? false;
      db.transaction(() => {
        for (const p of batch) {
          // A lone message needs no savepoint: if it fails, the whole transaction is undone anyway.
          if (batch.length === 1) {
            out.push({ ok: true, handled: this.one(p, waited) });
            continue;
          }
          try {
            out.push({ ok: true, handled: db.savepoint(() => this.one(p, waited)) });
          } catch (error) {
            out.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // Nothing of this transaction was kept: no message in it was handled.
      return batch.map(() => ({ ok: false, error }));
    }
    return out;
  }

  /** One message in the open transaction (a retry unparked in it: never both lost and done twice); Signal's stamp as signal-skew.ts judges it, but believed in a catch-up. */
  private one({ msg, way, parkedId }: Pending, waited: boolean): Handled {
    if (parkedId !== undefined) dropItem(this.deps.message.db, parkedId);
    const now = this.deps.now();
    // A retry unparked is judged by the offset the live ones taught (its own lag holds its time parked).
    const judged = waited ? msg : this.skew.judge(msg, now, parkedId === undefined);
    const handled = handleMessage(this.deps.message, judged, way, now);
    this.count(msg, handled);
    return handled;
  }

  private count(msg: Inbound, h: Handled): void {
    this.deps.metrics.countInbound(msg.sender.channel, h.parsed.ok ? h.parsed.command.kind : 'unknown');
  }

  private flush(): void {
    this.scheduled = false;
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    // A second copy of a message in the same batch finds the first one's record: the transaction is shared.
    for (const w of this.queue) (batch.length < MAX_BATCH ? batch : later).push(w);
    this.queue = later;
    if (later.length) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.handleNow(batch);
    } catch (error) {
      // handleNow reports failures per message; this is only so no caller ever waits forever.
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    batch.forEach((w, i) => {
      const o = outcomes[i] as Outcome;
      if (o.ok) w.resolve(o.handled);
      else this.failed(w, o.error);
    });
  }

  /**
   * A message whose handling failed: kept sealed to be tried again. If even
   * that fails (the database refuses writes), its caller is told: the Signal
   * receiver keeps it in memory and hands it over again; the SMS webhook
   * answers 500, which Twilio retries only if the webhook URL asks it to.
   */
  private failed(w: Waiting, error: unknown): void {
    const { db, vault } = this.deps.message;
    const { log } = this.deps;
    log.error({ err: safeError(error), channel: w.msg.sender.channel }, 'handling a message failed: it will be tried again');
    const now = this.deps.now();
    try {
      // Only what the steps read is kept (sender, text, provider id, flags), sealed;
      // under the sender's index in the inbound log, so that their DELETE erases it.
      const { sender, text, providerId, answered, media, edited, serverReceivedAt } = w.msg;
      // With the verdict on a moderator as it arrived (messages are handled in order: the gate still holds it),
      // which a retry never upgrades: after a restart the gate no longer remembers an unchecked identity.
      const { moderators, moderatorTrusted } = this.deps.message;
      const moderatorUntrusted = w.msg.moderatorUntrusted || (moderators.has(sender.address) && !isTrustedModerator(moderators, moderatorTrusted, sender)) || undefined;
      const senderKey = senderLogKey(vault, memberKey(sender));
      // With when Signal received it: a retry judges her LATER or answer by that too (heard-at.ts).
      const item = JSON.stringify({ sender, text, providerId, answered, media, edited, moderatorUntrusted, serverReceivedAt });
      parkItem(db, vault, sender.channel, item, now, now + this.retry.firstMs, senderKey);
      w.resolve({ reply: null, parsed: parse(w.msg.text), duplicate: false, parked: true });
    } catch (parkError) {
      log.error({ err: safeError(parkError), channel: w.msg.sender.channel }, 'a message could be neither handled nor kept: its channel is told it failed');
      // Why it could not be kept: a refused write (a full disk) is what the Signal receiver holds a message for.
      w.reject(parkError);
    }
  }

  /** Looks for parked messages every pollMs until close(). */
  startRetries(): void {
    if (this.retryTimer || this.closing) return;
    this.retryTimer = setInterval(() => {
      try {
        this.retryDue();
      } catch (err) {
        // The database itself is failing: the parked rows stay, and the next tick tries again.
        this.deps.log.error({ err: safeError(err) }, 'retrying parked messages failed');
      }
    }, this.retry.pollMs);
    this.retryTimer.unref();
  }

  /** Tries the parked messages that are due, each in its own transaction; returns how many were handled. */
  retryDue(): number {
    const { db, vault } = this.deps.message;
    let done = 0;
    const now = this.deps.now();
    // A step back moves their due times first (DeadlineClocks): her parked OK must not wait out the step.
    this.deps.message.clocks?.follow(now);
    for (const parked of dueItems(db, vault, now, 50, this.lost)) {
      if (this.closing) break;
      if (this.tryParked(parked)) done++;
    }
    return done;
  }

  /**
   * At start, before the timed jobs and sending (catch-up.ts): every parked
   * message, due or not, oldest first, 50 at a time with a turn of the event
   * loop between, while `more()` allows (the catch-up's bound). Their wait
   * is only a failing database's backoff, which a restart ends. Returns how
   * many were handled.
   */
  async retryAllParked(more: () => boolean): Promise<number> {
    const { db, vault } = this.deps.message;
    let done = 0;
    let after = 0;
    while (!this.closing && more()) {
      const { items, last } = itemsAfter(db, vault, after, 50, this.lost);
      if (last === null) break;
      after = last;
      for (const parked of items) {
        if (this.closing || !more()) break;
        if (this.tryParked(parked)) done++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return done;
  }

  private readonly lost = () => this.deps.log.error('a parked message no longer opens (a damaged value): it is dropped');

  /** One parked message tried again in its own transaction; whether it was handled. */
  private tryParked(parked: ParkedItem): boolean {
    const { db } = this.deps.message;
    const now = this.deps.now();
    // Handled and unparked in one transaction: never both lost and done twice.
    const [outcome] = this.handleNow([{ msg: JSON.parse(parked.item) as Inbound, way: 'outbox', parkedId: parked.id }]);
    if (outcome?.ok) return true;
    // Tried early (at start) and failed: its tries and next time stand, so that a server restarting in a loop does not use up tries meant to span hours.
    if (parked.dueAt > now) return false;
    const attempts = parked.attempts + 1;
    if (attempts >= this.retry.maxAttempts) {
      dropItem(db, parked.id);
      this.deps.log.error({ err: safeError(outcome?.error), attempts }, 'a message failed every attempt and was dropped');
    } else {
      postponeItem(db, parked.id, attempts, now + backoffCeiling({ baseMs: this.retry.firstMs, maxMs: this.retry.maxMs }, attempts));
    }
    return false;
  }

  /** Stops retrying parked messages. */
  close(): void {
    this.closing = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
  }
}
