/**
 * The follow-up of RETRACT: every few seconds (and as soon as a retraction
 * commits in this process), copies of retracted alerts already sent are
 * corrected (SMS) or deleted on the recipient's phones (Signal remote
 * delete). A moderator at the admin command line retracts in another
 * process; the next tick here picks it up. Deletions go one at a time in
 * their own loop, after the outbox has had its turn: they never hold up an
 * alert or a reply, and a signal-cli that takes a request and never answers
 * (30 s a deletion) never holds up the SMS corrections. Before the
 * corrections, each round cancels the unsent copies of alerts retracted
 * that this process has not swept yet, a chunk per transaction, the event
 * loop free between chunks: a restart sweeps them again from the start.
 */
import { SendError } from '../channels/types';
import type { Logger } from '../log/logger';
import { safeError } from '../log/safe-error';
import type { Db } from '../store/db';
import { openAddress } from '../store/members';
import { CANCEL_CHUNK, cancelUnsentAfter, retractionsOpen } from '../store/retraction-cancel';
import { dueDeletes, followUpRetractions, recordDelete } from '../store/retractions';
import type { Vault } from '../store/vault';
import { backoffDelay, type Backoff } from '../util/backoff';
import { WakeableSleep } from '../util/wakeable-sleep';
import type { SendPace } from '../outbox/pacer';

/** What the Signal channel offers for a deletion (throws on failure). */
export interface RemoteDeleter {
  remoteDelete(recipient: string, timestamp: number): Promise<void>;
}

export interface RetractionOptions {
  /** How often to look for retractions to follow up. */
  everyMs: number;
  /** Sent copies handled per alert per tick. */
  batch: number;
  /** Copies read per transaction when cancelling a retracted alert's unsent copies (CANCEL_CHUNK if unset). */
  cancelChunk?: number;
  /** Deletions per pass of the deletion loop. */
  deletesPerTick: number;
  /** Tries before a deletion is given up. */
  maxTries: number;
  /** The wait before a failed deletion is tried again. */
  backoff: Backoff;
  /** Where Signal's sends are paced (a deletion takes a send's place; a 429 on one pauses the lane); unpaced without one. */
  pace?: SendPace;
}

/** A tick every 5 s; a failed deletion waits 30 s doubling to an hour, 8 tries (about 2 hours in all). */
/** How often a delete waiting behind the Signal lane's due messages looks again. */
const BUSY_LANE_RECHECK_MS = 200;

export const DEFAULT_RETRACTIONS: RetractionOptions = { everyMs: 5_000, batch: 500, deletesPerTick: 20, maxTries: 8, backoff: { baseMs: 30_000, maxMs: 3_600_000 } };

export class RetractionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The Signal deletions' own loop, and its sleep between passes (woken when a round marks copies to delete). */
  private deleting: Promise<void> | null = null;
  private readonly deleteAlarm = new WakeableSleep();
  private stopping = false;
  /** The retracted alerts (id, and when retracted: an id erased may be given again) whose unsent copies this process has cancelled. */
  private readonly cancelled = new Map<number, number>();

  constructor(
    private readonly db: Db,
    private readonly vault: Vault,
    private readonly signal: RemoteDeleter | null,
    private readonly log: Logger,
    /** Called after corrections were queued, to wake the dispatcher. */
    private readonly onQueued: () => void,
    private readonly opts: RetractionOptions = DEFAULT_RETRACTIONS,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.wake(), this.opts.everyMs);
    this.timer.unref();
    this.wake();
    if (this.signal) {
      // A first pass at once: deletions left due by the last run.
      this.deleteAlarm.wake();
      this.deleting = this.deleteLoop(this.signal);
    }
  }

  /** Runs a round soon (another one follows if one is running). */
  wake(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((err) => this.log.error({ err: safeError(err) }, 'following up a retraction failed; it runs again at the next tick'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when no round of corrections is running (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops both: waits for the round running and for the deletion in flight (no further one starts). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    this.stopping = true;
    this.deleteAlarm.halt();
    await this.running;
    await this.deleting;
  }

  /** Corrections queued (and Signal copies marked for deletion), whatever Signal is doing. */
  private async round(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (!(await this.cancelUnsent())) return;
    const { corrected, toDelete } = this.db.transaction(() => followUpRetractions(this.db, this.vault, this.now(), this.opts.batch));
    if (corrected > 0) this.onQueued();
    if (corrected || toDelete) this.log.info({ corrected, toDelete }, 'retracted alert: copies followed up');
    if (toDelete > 0) this.deleteAlarm.wake();
  }

  /**
   * Cancels the unsent copies of every retracted alert not done that this
   * process has not swept yet, a chunk per transaction; false if stopped
   * between chunks (the next start sweeps again). Only the retraction is
   * durable, and that is enough: a lane's claim never sends a copy of a
   * retracted alert, and what a crash leaves is cancelled after the restart.
   */
  private async cancelUnsent(): Promise<boolean> {
    const open = retractionsOpen(this.db);
    const ids = new Set(open.map((a) => a.id));
    for (const id of this.cancelled.keys()) if (!ids.has(id)) this.cancelled.delete(id);
    for (const alert of open) {
      if (this.cancelled.get(alert.id) === alert.retractedAt) continue;
      for (let after: number | null = 0; after !== null; ) {
        const from: number = after;
        after = this.db.transaction(() => cancelUnsentAfter(this.db, alert.id, from, this.now(), this.opts.cancelChunk ?? CANCEL_CHUNK));
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopping) return false;
      }
      this.cancelled.set(alert.id, alert.retractedAt);
    }
    return true;
  }

  private async deleteLoop(signal: RemoteDeleter): Promise<void> {
    while (!this.stopping) {
      await this.deleteAlarm.sleep(this.opts.everyMs);
      try {
        await this.deleteDue(signal);
      } catch (err) {
        this.log.error({ err: safeError(err) }, 'deleting retracted Signal copies failed; it runs again at the next tick');
      }
    }
  }

  /**
   * Waits for the Signal lane's pace to allow one more message, and for the
   * lane to have nothing due (its copies and replies go first), and takes
   * its place; false once stopping.
   */
  private async turn(): Promise<boolean> {
    const { pace } = this.opts;
    const waitMs = () => (pace ? pace.waitMs() || (pace.busy() ? BUSY_LANE_RECHECK_MS : 0) : 0);
    for (let wait = waitMs(); wait > 0 && !this.stopping; wait = waitMs()) {
      // In slices: a stop does not wait out a long pause.
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 1_000)));
    }
    if (this.stopping) return false;
    pace?.take();
    return true;
  }

  /** The deletions due now, one at a time. */
  private async deleteDue(signal: RemoteDeleter): Promise<void> {
    for (const d of dueDeletes(this.db, this.now(), this.opts.deletesPerTick)) {
      if (!(await this.turn())) return;
      let result: { ok: true } | { ok: false; retryAt: number | null } = { ok: true };
      try {
        const to = openAddress(this.vault, { id: d.memberId, address_ct: d.addressCt, key_version: d.addressKv });
        await signal.remoteDelete(to, d.timestamp);
      } catch (err) {
        // A refusal retrying cannot change (an unregistered recipient, a bad request) is given up at once.
        const retryable = !(err instanceof SendError) || err.retryable;
        if (err instanceof SendError && err.kind === 'throttled' && err.retryAfterMs !== undefined) this.opts.pace?.pauseFor(err.retryAfterMs);
        result = { ok: false, retryAt: retryable ? this.now() + backoffDelay(this.opts.backoff, d.tries + 1) : null };
        this.log.warn({ err: safeError(err), outboxId: d.id, tries: d.tries + 1, retryable }, 'a Signal remote delete failed');
      }
      this.db.transaction(() => recordDelete(this.db, d.id, result, this.opts.maxTries));
    }
  }
}
