/**
 * A channel the line no longer sends on (its settings removed, the database
 * kept) has no lane: this settles what waits there instead, at start and
 * for what is queued there since (store/channel-removed.ts says how), so
 * that nothing but an alert copy waits where nothing sends.
 */
import { invitationUnreached } from '../bot/invitation-unreached';
import type { Channel } from '../domain/channel';
import type { Logger } from '../log/logger';
import { runGuarded } from '../jobs/guarded';
import { lastOutboxId, settleRemovedChannel } from '../store/channel-removed';
import type { Db } from '../store/db';
import type { Vault } from '../store/vault';

/** Rows a transaction: a webhook's write waits for one batch at most. */
const BATCH = 100;

const NAMES: Record<Channel, string> = { sms: 'SMS', signal: 'Signal' };

export class RemovedChannel {
  /** The last row id looked at; null until the first pass (through every row waiting) is done. */
  private after: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private woken = false;

  constructor(
    private readonly channel: Channel,
    /** The channel the line still sends on (null: none). */
    private readonly other: Channel | null,
    private readonly deps: { db: Db; vault: Vault; log: Logger; now: () => number; pollMs: number },
  ) {}

  /** Settles what waited at start (before the lanes start), then what is queued, every pollMs and when woken. */
  start(): void {
    if (this.timer) return;
    this.pass();
    this.timer = setInterval(() => this.pass(), this.deps.pollMs);
    this.timer.unref();
  }

  /** Something was queued: looked at in this turn's wake, not at the next poll. */
  wake(): void {
    if (!this.timer || this.woken) return;
    this.woken = true;
    setImmediate(() => {
      this.woken = false;
      if (this.timer) this.pass();
    });
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private pass(): void {
    const { db, vault, log, now } = this.deps;
    const fromStart = this.after === null;
    let after = this.after ?? 0;
    let moved = 0;
    let failed = 0;
    // Guarded (a busy database, a full disk: logged once, not at every pass): the next pass looks again from where this one began.
    const done = runGuarded(log, `settling ${this.channel} messages on a channel not configured`, () => {
      const top = lastOutboxId(db);
      for (;;) {
        const batch = db.transaction(() => {
          const settled = settleRemovedChannel(db, vault, this.channel, this.other, after, now(), BATCH, fromStart);
          // An invitation that will never go ends: she was promised word of their answer. She is told on a membership the line
          // still sends on (none: she cannot be), not that the number is unreached: how to ask it by the other channel.
          for (const { id, address } of settled.toBuddies) invitationUnreached(db, vault, id, address, this.channel, now(), 'channel-removed');
          return settled;
        });
        moved += batch.moved;
        failed += batch.failed;
        if (batch.last === null || batch.moved + batch.failed < BATCH) break;
        after = batch.last;
      }
      // Rows written during the pass after `top` are looked at by the next.
      this.after = Math.max(top, after);
    });
    if (!done) return;
    if (moved + failed === 0) return;
    const fields = { channel: this.channel, moved, failed };
    const msg = `${NAMES[this.channel]} is not configured: buddies' check-in escalations waiting there go by ${this.other ? NAMES[this.other] : 'no other channel'}, other messages but alerts fail`;
    // The start's warning (parts/channels.ts) already said it: a line at start, then one a pass, never one a message.
    if (fromStart) log.info(fields, msg);
    else log.debug(fields, msg);
  }
}
