/**
 * The Signal counterpart of http/twilio-routes.ts: a received item → the
 * Signal adapter → the bot → the reply. There is no HTTP answer to carry a
 * reply, so it is sent over Signal:
 * - through the outbox, in the same transaction as the bot's own effects,
 *   when the sender has an active or pending member row: the reply then
 *   survives a crash, a 429 pause and an outage like an alert does;
 * - directly otherwise (best effort, under the channel's rate limit, a few
 *   retries): a stranger asking HELP gets no member row stored just to be
 *   answered, DELETE must not leave the address it erased behind in a new
 *   row, and a STOPped member's row refuses sends.
 * A redelivered message (same source and timestamp) is acted on once and not
 * answered again. Carrier keywords are not special here: Signal has no
 * carrier auto-replies, so every command is answered by us.
 */
import type { Bot } from '../bot/bot';
import { parseSignalItem, errorFrame } from '../channels/signal/signal-envelope';
import { SendError, type ChannelSender } from '../channels/types';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics';
import type { RateLimiter } from '../outbox/rate-limiter';
import type { Db } from '../store/db';
import { findMember } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import type { Vault } from '../store/vault';

export interface SignalInboxDeps {
  bot: Bot;
  db: Db;
  vault: Vault;
  metrics: Metrics;
  log: Logger;
  /** The Signal sender, for direct replies. */
  sender: ChannelSender;
  /** The Signal channel's rate limiter (shared with the dispatcher). */
  limiter: () => RateLimiter | undefined;
  /** Wakes the dispatcher after a reply was queued. */
  wake: () => void;
  now: () => number;
}

/** Attempts of a direct reply before it is dropped. */
const DIRECT_ATTEMPTS = 3;

export class SignalInbox {
  private closing = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: SignalInboxDeps) {}

  /** Handles one received item (synchronously, up to queuing its reply). */
  handle(item: unknown): void {
    const { bot, db, vault, metrics, log } = this.deps;
    const msg = parseSignalItem(item);
    if (!msg) {
      if (errorFrame(item) !== null) log.warn('signal-cli-rest-api reported a receive error');
      return;
    }
    let direct: string | null = null;
    db.transaction(() => {
      const result = bot.handle(msg);
      metrics.countInbound('signal', result.parsed.ok ? result.parsed.command.kind : 'unknown');
      if (result.duplicate || result.reply === null) return;
      const member = findMember(db, vault, msg.sender);
      if (member && (member.status === 'active' || member.status === 'pending')) {
        enqueueMessage(db, vault, member.id, result.reply, this.deps.now());
        db.onCommit(this.deps.wake);
      } else {
        direct = result.reply;
      }
    });
    if (direct !== null && !this.closing) {
      const p = this.sendDirect(msg.sender.address, direct).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  private async sendDirect(to: string, text: string): Promise<void> {
    for (let attempt = 1; attempt <= DIRECT_ATTEMPTS && !this.closing; attempt++) {
      const limiter = this.deps.limiter();
      await limiter?.take();
      if (this.closing) return;
      try {
        await this.deps.sender.send(to, text);
        return;
      } catch (err) {
        const e = err instanceof SendError ? err : new SendError('server', 'internal');
        if (e.kind === 'throttled') limiter?.pauseFor(e.retryAfterMs ?? 1_000);
        if (!e.retryable || attempt === DIRECT_ATTEMPTS) {
          this.deps.log.warn({ reason: `${e.kind}${e.code ? `:${e.code}` : ''}`, attempt }, 'Signal reply not sent');
          return;
        }
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  }

  /** Stops sending direct replies; waits briefly for those in flight. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }
}
