/**
 * The Signal counterpart of http/twilio-routes.ts: a received item → the
 * Signal adapter → the bot → the reply. There is no HTTP answer to carry a
 * reply, so it leaves through the outbox's urgent lane, in the same
 * transaction as the bot's own effects: it survives a crash, a 429 pause
 * and an outage like an alert does. A sender with an active or pending
 * member row is answered through that row; anyone else (a stranger asking
 * HELP, a member who just left with STOP or DELETE) through a row holding
 * only their sealed address, erased once sent.
 * A redelivered message (same source and timestamp) is acted on once and not
 * answered again. Carrier keywords are not special here: Signal has no
 * carrier auto-replies, so every command is answered by us.
 */
import type { Bot, Inbound } from '../bot/bot';
import { safeError } from '../log/safe-error';
import { parseSignalItem, errorFrame } from '../channels/signal/signal-envelope';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import { dropItem, dueItems, parkItem, postponeItem } from '../store/inbound-retry';
import { memberKey } from '../phone/identity';
import { findMember } from '../store/members';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import type { Vault } from '../store/vault';
import { backoffCeiling } from '../util/backoff';

export interface SignalInboxDeps {
  bot: Bot;
  db: Db;
  vault: Vault;
  metrics: Metrics;
  log: Logger;
  /** Wakes the dispatcher after a reply was queued. */
  wake: () => void;
  now: () => number;
  retry?: Partial<RetryPolicy>;
}

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

export class SignalInbox {
  private closing = false;
  private readonly retry: RetryPolicy;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SignalInboxDeps) {
    this.retry = { ...DEFAULT_RETRY, ...deps.retry };
  }

  /**
   * Handles one received item (synchronously, up to queuing its reply).
   * Signal delivers a message once: if handling it fails, it is parked
   * (sealed) and tried again with backoff rather than lost.
   */
  handle(item: unknown): void {
    const msg = parseSignalItem(item);
    if (!msg) {
      if (errorFrame(item) !== null) this.deps.log.warn('signal-cli-rest-api reported a receive error');
      return;
    }
    try {
      this.process(msg);
    } catch (err) {
      this.deps.log.error({ err: safeError(err) }, 'handling a Signal message failed: it will be tried again');
      const now = this.deps.now();
      try {
        // Only what the bot reads is kept (sender, text, timestamp), not the whole envelope.
        // Under the sender's rate-limit index, so that their DELETE erases it.
        const senderKey = this.deps.vault.index('sender', memberKey(msg.sender));
        parkItem(this.deps.db, this.deps.vault, 'signal', JSON.stringify(msg), now, now + this.retry.firstMs, senderKey);
      } catch (parkErr) {
        this.deps.log.error({ err: safeError(parkErr) }, 'a Signal message could be neither handled nor kept: it is lost');
      }
    }
  }

  /** Looks for parked messages every pollMs until close(). */
  startRetries(): void {
    if (this.retryTimer) return;
    this.retryTimer = setInterval(() => {
      try {
        this.retryDue();
      } catch (err) {
        // The database itself is failing: the parked rows stay, and the next tick tries again.
        this.deps.log.error({ err: safeError(err) }, 'retrying parked Signal messages failed');
      }
    }, this.retry.pollMs);
    this.retryTimer.unref();
  }

  /** Tries the parked messages that are due; returns how many were handled. */
  retryDue(): number {
    const { db, vault, log } = this.deps;
    let handled = 0;
    for (const parked of dueItems(db, vault, 'signal', this.deps.now(), 50)) {
      if (this.closing) break;
      try {
        // Handled and unparked in one transaction: never both lost and done twice.
        this.process(JSON.parse(parked.item) as Inbound, parked.id);
        handled++;
      } catch (err) {
        const attempts = parked.attempts + 1;
        if (attempts >= this.retry.maxAttempts) {
          dropItem(db, parked.id);
          log.error({ err: safeError(err), attempts }, 'a Signal message failed every attempt and was dropped');
        } else {
          postponeItem(db, parked.id, attempts, this.deps.now() + backoffCeiling({ baseMs: this.retry.firstMs, maxMs: this.retry.maxMs }, attempts));
        }
      }
    }
    return handled;
  }

  private process(msg: Inbound, parkedId?: number): void {
    const { bot, db, vault, metrics } = this.deps;
    db.transaction(() => {
      if (parkedId !== undefined) dropItem(db, parkedId);
      const result = bot.handle(msg);
      metrics.countInbound('signal', result.parsed.ok ? result.parsed.command.kind : 'unknown');
      if (result.duplicate || result.reply === null) return;
      const member = findMember(db, vault, msg.sender);
      if (member && (member.status === 'active' || member.status === 'pending')) enqueueMessage(db, vault, member.id, result.reply, this.deps.now());
      else enqueueReply(db, vault, msg.sender, result.reply, this.deps.now());
      db.onCommit(this.deps.wake);
    });
  }

  /** Stops retrying parked messages. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.retryTimer) clearInterval(this.retryTimer);
  }
}
