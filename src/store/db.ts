/**
 * The better-sqlite3 wrapper: a transaction helper that retries on
 * SQLITE_BUSY and runs after-commit hooks only once the commit succeeded,
 * outside the retry (a failing hook is reported, never thrown: the commit
 * stands), cached statements, and the WAL kept short and truncated after an
 * erase. The file's modes and the connection's pragmas (WAL, foreign keys, a
 * busy timeout, secure delete: erased rows are overwritten, not left in free
 * pages) are db-file.ts's.
 */
import Database from 'better-sqlite3';
import { DamageRecord } from './damage-record';
import { configure, keepPrivate } from './db-file';
import { OpenFiles } from './open-files';
import { WalUpkeep } from './wal-upkeep';

export { databaseFile, isDatabaseDamaged } from './db-file';

export type Sqlite = Database.Database;

const BUSY_RETRIES = 5;

/** While writes are refused, how often writable() tries a write again (it answers /readyz, which may be probed every second). */
export const WRITE_CHECK_EVERY_MS = 5_000;

/** What the write check writes and erases: room for a batch of messages, not one row (a nearly full disk takes the one). */
const WRITE_CHECK_BYTES = 64 * 1024;

/** Whether SQLite failed because the disk refuses writes: full, failing, read-only, or the file cannot be opened. */
export function isWriteRefused(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
}

/** An open database plus transaction support. */
export class Db {
  readonly sqlite: Sqlite;
  private afterCommit: Array<() => void> | null = null;
  /** What gives back memory-only effects of the open transaction should it (or a savepoint of it) be undone (onRollback). */
  private undo: Array<() => void> = [];
  /** Why the open transaction can only be undone (a savepoint hit a full disk, or SQLite rolled it all back); null while it may go on. */
  private doomed: unknown = null;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * One transaction function for every caller, made once: better-sqlite3 builds a new
   * wrapper (and statements) for each db.transaction(fn), a tenth of a JOIN webhook's cost.
   */
  private readonly runInTransaction: Database.Transaction<(fn: () => unknown) => unknown>;
  /** Whether writes go through, as last seen (a transaction refused, the write check), and when writable() last checked (null: never). */
  private writes: { ok: boolean; checkedAt: number | null } = { ok: true, checkedAt: null };
  readonly damage = new DamageRecord();
  /** Checkpoints, and the WAL's truncation after an erase. */
  private readonly wal: WalUpkeep;
  /** The files open when watchFiles() was called: the server's. */
  private files: OpenFiles | null = null;

  constructor(file: string) {
    keepPrivate(file);
    this.sqlite = new Database(file);
    try {
      configure(this.sqlite);
    } catch (err) {
      // A damaged file fails its first pragma: close the connection rather than leak it.
      this.sqlite.close();
      throw err;
    }
    this.runInTransaction = this.sqlite.transaction((fn: () => unknown) => fn());
    this.wal = new WalUpkeep(this.sqlite, (sql) => this.stmt(sql), (err) => this.hookError(err));
  }

  /**
   * Runs fn in an IMMEDIATE transaction (the write lock is taken up front, so
   * no deadlock upgrading a read). Retries a few times if another process
   * holds the lock past the busy timeout. Nested calls join the outer one.
   */
  transaction<T>(fn: () => T): T {
    if (this.afterCommit) return fn();
    let result: T;
    let hooks: Array<() => void>;
    for (let attempt = 0; ; attempt++) {
      hooks = [];
      this.afterCommit = hooks;
      this.undo = [];
      try {
        result = this.runInTransaction.immediate(() => this.unlessDoomed(fn())) as T;
        break;
      } catch (err) {
        this.runUndo(0);
        if ((err as { code?: string }).code === 'SQLITE_BUSY' && attempt < BUSY_RETRIES) continue;
        const thrown = this.doomed ?? err;
        if (isWriteRefused(thrown)) this.writes.ok = false;
        this.damage.note(thrown);
        throw thrown;
      } finally {
        this.afterCommit = null;
        this.undo = [];
        this.doomed = null;
      }
    }
    // Committed: hooks run now, outside the retry, and a failing hook cannot undo or repeat the commit.
    for (const hook of hooks) {
      try {
        hook();
      } catch (err) {
        this.hookError(err);
      }
    }
    return result;
  }

  /** Where a failing after-commit hook is reported (the server logs it); by default it is dropped. */
  reportHookErrors(fn: (err: unknown) => void): void {
    this.hookError = fn;
  }
  private hookError: (err: unknown) => void = () => undefined;

  /**
   * Inside a transaction, runs fn under a savepoint: if fn throws, its own
   * writes and after-commit hooks are undone and the transaction goes on.
   * Lets many inbound messages share one commit without sharing a failure.
   * Not a refused write (a full disk), which is no one item's fault: the
   * whole transaction is then given up (its error thrown by every statement
   * after, and by the commit), to be tried again whole.
   */
  savepoint<T>(fn: () => T): T {
    const hooks = this.afterCommit;
    if (!hooks) throw new Error('savepoint() needs an open transaction');
    if (this.doomed) throw this.doomed;
    // Some errors make SQLite undo the whole transaction, not one statement.
    if (!this.sqlite.inTransaction) throw new Error('the transaction was rolled back by an earlier error');
    const mark = hooks.length;
    const undoMark = this.undo.length;
    try {
      // better-sqlite3 runs a transaction function called inside a transaction as SAVEPOINT … RELEASE.
      return this.runInTransaction(fn) as T;
    } catch (err) {
      hooks.length = mark;
      this.runUndo(undoMark);
      this.damage.note(err); // caught by a caller that goes on: a damaged page must still be told
      // SQLite may have undone the whole transaction (a full disk does, or only the statement): what ran after
      // would then commit on its own, the batch reported failed. A caller that catches this cannot go on.
      if (isWriteRefused(err) || !this.sqlite.inTransaction) this.doomed = err;
      throw err;
    }
  }

  /** What fn returned, unless its transaction was given up meanwhile (a savepoint's error it caught). */
  private unlessDoomed<T>(result: T): T {
    if (this.doomed) throw this.doomed;
    return result;
  }

  /**
   * Runs fn with foreign-key checks off, for bulk statements whose every row
   * references rows it was just selected from (checking them again is a third
   * of the cost of planning a fan-out). Inside a transaction the pragma is a
   * no-op in SQLite, so there fn simply runs with checks on.
   */
  withoutForeignKeys<T>(fn: () => T): T {
    if (this.afterCommit) return fn();
    this.sqlite.pragma('foreign_keys = OFF');
    try {
      return fn();
    } finally {
      this.sqlite.pragma('foreign_keys = ON');
    }
  }

  /**
   * Schedules fn to run if the current transaction, or the savepoint it runs in, is undone (nothing outside
   * one): what it did in memory only, such as a count of messages answered, is given back with its writes.
   */
  onRollback(fn: () => void): void {
    if (this.afterCommit) this.undo.push(fn);
  }

  /** Runs the undo hooks registered since `mark`, latest first, and forgets them. */
  private runUndo(mark: number): void {
    const hooks = this.undo.splice(mark);
    for (const hook of hooks.reverse()) {
      try {
        hook();
      } catch (err) {
        this.hookError(err);
      }
    }
  }

  /** Schedules fn to run after the current transaction commits (at once outside one). */
  onCommit(fn: () => void): void {
    if (this.afterCommit) this.afterCommit.push(fn);
    else fn();
  }

  /**
   * A prepared statement, cached by its SQL: preparing is the costly part of a query.
   * Write `LIMIT +?`, never a bare parameter after LIMIT: SQLite (3.53 here) plans with the value
   * bound to a bare LIMIT parameter and so compiles the statement again at
   * every run (the outbox's claim at every poll); the unary plus keeps one plan.
   */
  stmt(sql: string): Database.Statement {
    if (this.doomed) throw this.doomed;
    let s = this.statements.get(sql);
    if (!s) {
      s = this.sqlite.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * The id the next row of `table` will get. Only valid inside a write
   * transaction (which holds the write lock): it lets a row be inserted with
   * its ciphertext already bound to its id, in one statement.
   */
  nextId(table: 'members' | 'reports' | 'alerts' | 'outbox' | 'inbound_retry' | 'buddies' | 'buddy_stops' | 'buddy_declines' | 'checkins'): number {
    // The outbox never reuses an id (AUTOINCREMENT): a send in flight records its outcome by id. Past its highest row
    // too: a line that ran 0005 before it had AUTOINCREMENT (2 December) keeps no count, and every id would be 1.
    if (table === 'outbox') {
      return (this.stmt("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0), coalesce((SELECT max(id) FROM outbox), 0)) + 1 AS id").get() as { id: number }).id;
    }
    return (this.stmt(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
  }

  /** Rows changed by this connection since it opened: tells whether a transaction wrote anything. */
  totalChanges(): number {
    return (this.stmt('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /**
   * Copies the WAL into the database every `everyMs` (PASSIVE: never waits
   * for readers), so the WAL stays small and old frames are overwritten soon;
   * truncates it once a minute at most (WAL_SCRUB_EVERY_MS), so that values
   * cleared without an erase leave old frames too. Returns a stop function.
   */
  checkpointEvery(everyMs: number, now: () => number = Date.now): () => void {
    const timer = setInterval(() => {
      if (!this.sqlite.open) return;
      this.wal.tick(now());
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /**
   * Soon after the current transaction commits, copies the WAL into the
   * database and truncates it: with secure_delete, erased rows then survive
   * neither in the database file nor in old WAL frames. close() does it at
   * once if it is still to come.
   */
  eraseSoon(): void {
    this.onCommit(() => this.wal.erased());
  }

  /** Whether the database answers a trivial query. */
  ping(): boolean {
    return this.stmt('SELECT 1 AS ok').get() !== undefined;
  }

  /**
   * Whether the disk takes writes: no since a transaction was refused (a
   * full disk: reads still answer), until a write goes through again. It
   * checks by a write of its own (WRITE_CHECK_BYTES, written and erased in
   * one commit: a rolled-back write in WAL mode may never reach the disk)
   * the first time, then only while writes are refused, at most every
   * WRITE_CHECK_EVERY_MS. A refusal other than the disk's (no such table,
   * a lock held) is thrown.
   */
  writable(now: number): boolean {
    const { ok, checkedAt } = this.writes;
    // A clock stepped back counts as time passed: a step must not hold a stale no for hours.
    if (checkedAt !== null && (ok || (now >= checkedAt && now - checkedAt < WRITE_CHECK_EVERY_MS))) return ok;
    this.writes = { ok, checkedAt: now };
    try {
      this.transaction(() => {
        this.stmt('INSERT INTO write_check (pad) VALUES (zeroblob(?))').run(WRITE_CHECK_BYTES);
        this.stmt('DELETE FROM write_check').run();
      });
      this.writes.ok = true;
    } catch (err) {
      if (!isWriteRefused(err)) throw err;
    }
    return this.writes.ok;
  }

  /** From now on, missingFiles() compares the database's files with those open now (the server's, once started). */
  watchFiles(): void {
    this.files = new OpenFiles(this.sqlite.name);
  }

  /** The database's files removed or replaced since watchFiles(), looked at every few seconds (none before it). */
  missingFiles(now: number): string[] {
    return this.files?.missing(now) ?? [];
  }

  close(): void {
    if (!this.sqlite.open) return;
    this.wal.close();
    this.sqlite.close();
  }
}
