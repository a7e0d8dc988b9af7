/**
 * The WAL kept short, and truncated after an erase: with secure_delete,
 * erased rows then survive neither in the database file nor in old WAL
 * frames. An erase whose truncation a reader held back (a backup's
 * snapshot) stays pending: marked in erase_pending (migration 0024) when
 * its connection closes, for the server's next tick to finish. Each Db
 * keeps one (store/db.ts).
 */
import type Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './db-file';

/**
 * With nothing erased, the WAL is still truncated this often at most (on the
 * timer's tick, never waiting for a reader): a value cleared without an
 * erase, such as a Twilio message id at its final status or a refused
 * message's text, then outlives its row in old frames for about this long.
 */
export const WAL_SCRUB_EVERY_MS = 60_000;

export class WalUpkeep {
  /**
   * An erase has committed and its WAL truncation has not finished. True
   * when the database opens too: a kill between an erase and its truncation
   * left the WAL as it was.
   */
  private erasePending = true;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly stmt: (sql: string) => Database.Statement,
    /** Where a failing checkpoint is reported (the Db's after-commit hook reporter). */
    private readonly report: (err: unknown) => void,
  ) {}

  /** When the WAL was last truncated (the timer's clock; 0: not by this connection). */
  private truncatedAt = 0;

  /**
   * A tick of the server's timer (Db.checkpointEvery): a pending erase's
   * truncation, else one every WAL_SCRUB_EVERY_MS, else a PASSIVE checkpoint.
   */
  tick(now: number): void {
    // An erase whose truncation a reader held back (a backup's snapshot) is tried again at each tick,
    // this process's own or one an admin command left (it has exited).
    if (!this.erasePending && this.eraseLeft()) this.erasePending = true;
    if (this.erasePending) {
      this.truncate();
      if (!this.erasePending) this.truncatedAt = now;
      return;
    }
    // A clock stepped back (now before the last truncation) must not stop the scrub for the step's length.
    if (now < this.truncatedAt || now - this.truncatedAt >= WAL_SCRUB_EVERY_MS) {
      if (this.checkpointTruncate(false)) this.truncatedAt = now;
      return;
    }
    try {
      this.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      // A busy database: the next tick checkpoints.
      this.report(err);
    }
  }

  /** An erase has committed: its truncation runs soon, or at close() if still to come. */
  erased(): void {
    this.erasePending = true;
    setImmediate(() => this.truncate());
  }

  /**
   * `wait`: for the busy timeout, as a closing connection must (an admin
   * command's: its pending erase would be forgotten with it). The server's
   * ticks never wait for a reader (a backup's snapshot): the event loop, and
   * every webhook, would stand still; a checkpoint a reader holds back says
   * busy, and the erase stays pending for the next tick.
   */
  truncate(wait = false): void {
    if (!this.erasePending || !this.sqlite.open) return;
    if (this.checkpointTruncate(wait)) {
      this.erasePending = false;
      this.leaveErase(false);
    }
  }

  /** Copies the WAL into the database and truncates it; whether it was done (not held back by a reader or a writer). */
  private checkpointTruncate(wait: boolean): boolean {
    try {
      if (!wait) this.sqlite.pragma('busy_timeout = 0');
      const [result] = this.sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return result?.busy === 0;
    } catch (err) {
      this.report(err);
      return false;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /** Before the connection closes. */
  close(): void {
    // The admin commands close straight after their command: while the server keeps the WAL, an erase left for later would stay in it.
    this.truncate(true);
    // Still held back (a backup's snapshot past the busy timeout): left for the running server to finish.
    if (this.erasePending) this.leaveErase(true);
  }

  /** Whether an erase is left for this connection to finish (migration 0024's marker). */
  private eraseLeft(): boolean {
    try {
      return this.stmt('SELECT 1 FROM erase_pending').get() !== undefined;
    } catch {
      // A database from before 0024.
      return false;
    }
  }

  /** Leaves (or, done, clears) the marker of an erase still to finish. */
  private leaveErase(left: boolean): void {
    try {
      this.stmt(left ? 'INSERT OR IGNORE INTO erase_pending (id) VALUES (1)' : 'DELETE FROM erase_pending').run();
    } catch (err) {
      // A database from before 0024, or one too busy: the next erase tries again.
      this.report(err);
    }
  }
}
