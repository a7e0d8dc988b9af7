/**
 * Records send outcomes as they happen: everything that finished in one
 * turn of the event loop is written in one transaction right after it, so
 * a hard kill can repeat only the sends truly in flight. A failed write
 * (a busy database, a full disk) is tried again shortly; nothing is dropped.
 * It is logged as the lanes log theirs (jobs/guarded.ts): once, then at most
 * once a minute with a count, not every try onto a disk that may be full.
 */
import type { Logger } from '../log/logger';
import { runGuarded } from '../jobs/guarded';
import type { Db } from '../store/db';
import { endRestoredCheckinRefused } from '../store/checkin-stop';
import { countInvalid, countReached } from '../store/invalid-streak';
import { setMemberStatus } from '../store/members';
import { recordOutcomes, untieFinished, type Outcome } from '../store/outbox';
import { unsubscribeAll } from '../store/subscriptions';

/**
 * An outcome, and what it says about the member: `mark`, a refusal that may
 * repeat for every message (stopped: at once; invalid: counted, see
 * store/invalid-streak.ts); `reached`, a send that proves her address works (Signal's).
 */
export interface Recorded {
  outcome: Outcome;
  mark?: { memberId: number; status: 'stopped' | 'invalid' };
  reached?: number;
  /** A write that goes with the outcome, in the same transaction (a buddy's opt-out). */
  effect?: () => void;
  /** Called once the outcome is in the database. */
  done?: () => void;
}

const RETRY_MS = 100;

export class OutcomeWriter {
  private pending: Recorded[] = [];
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queues one outcome for the end of this event-loop turn. */
  add(r: Recorded): void {
    this.pending.push(r);
    if (!this.scheduled && !this.retryTimer) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes what is queued now; returns whether it all reached the database. */
  flush(): boolean {
    this.scheduled = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const batch = this.pending;
    if (batch.length === 0) return true;
    this.pending = [];
    const now = this.now();
    const wrote = runGuarded(this.log, 'recording send outcomes', () => {
      this.db.transaction(() => {
        recordOutcomes(this.db, batch.map((r) => r.outcome), now);
        // Her row gone means she was erased (DELETE) while the send was in flight: her id may be someone else's now.
        const stillHers = this.db.stmt('SELECT 1 FROM outbox WHERE id = ? AND member_id = ?');
        for (const { outcome, mark, reached, effect } of batch) {
          effect?.();
          if (reached !== undefined) countReached(this.db, reached, outcome.id);
          if (!mark || stillHers.get(outcome.id, mark.memberId) === undefined) continue;
          if (mark.status === 'invalid') {
            countInvalid(this.db, mark.memberId, now);
            continue;
          }
          // The provider will refuse every later message too: stop queuing for this member.
          setMemberStatus(this.db, mark.memberId, mark.status);
          unsubscribeAll(this.db, mark.memberId);
          // An opt-out in force, maybe older than her running check-in: that still escalates, unless this was a restore's question about it.
          endRestoredCheckinRefused(this.db, outcome.id);
        }
        // Last: what is read of her above needs her row still named.
        untieFinished(this.db, batch.map((r) => r.outcome.id));
      });
    });
    if (wrote) {
      for (const r of batch) r.done?.();
      return true;
    }
    this.pending = batch.concat(this.pending);
    if (!this.stopped) {
      this.retryTimer = setTimeout(() => this.flush(), RETRY_MS);
      this.retryTimer.unref();
    }
    return false;
  }

  /** How many sends the provider took whose outcome is not yet written (each is sent again if the process ends now). */
  unrecordedSends(): number {
    return this.pending.filter((r) => r.outcome.kind === 'sent').length;
  }

  /** How many outcomes are not yet written. */
  unrecorded(): number {
    return this.pending.length;
  }

  /** No more tries of its own: the stop has given up (the database is about to close). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
