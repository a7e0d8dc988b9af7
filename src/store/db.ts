/**
 * The better-sqlite3 wrapper: WAL, foreign keys, a busy timeout, secure
 * delete (erased rows are overwritten, not left in free pages), and a
 * transaction helper that retries on SQLITE_BUSY and runs after-commit hooks
 * only once the commit succeeded, outside the retry (a failing hook is
 * reported, never thrown: the commit stands).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

/** The database file of a data directory (the server and the admin commands open this path). */
export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'heads-up.db');
}

const BUSY_RETRIES = 5;
/** How long a statement waits for another connection's lock (an admin command's, a backup's). */
const BUSY_TIMEOUT_MS = 5000;

/** Whether SQLite failed because the file is damaged, or is no database at all. */
export function isDatabaseDamaged(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** Makes a file the database's -wal or -shm 0600 if it is there (the last connection of another process may remove it meanwhile). */
function tighten(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ENOENT') throw err;
  }
}

/** An open database plus transaction support. */
export class Db {
  readonly sqlite: Sqlite;
  private afterCommit: Array<() => void> | null = null;
  private readonly statements = new Map<string, Database.Statement>();
  /**
   * One transaction function for every caller, made once: better-sqlite3
   * builds a new wrapper (and statements) for each db.transaction(fn), about
   * a tenth of the cost of a JOIN webhook.
   */
  private readonly runInTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(file: string) {
    if (file !== ':memory:') {
      // Only the server's user may read the data: the directory 0700, the file 0600 (SQLite gives its WAL and shm the file's mode).
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.chmodSync(path.dirname(file), 0o700);
      fs.closeSync(fs.openSync(file, 'a', 0o600));
      fs.chmodSync(file, 0o600);
      // A WAL and shm it finds it reuses as they are: a crashed line copied without its modes may have left them readable.
      for (const found of [`${file}-wal`, `${file}-shm`]) tighten(found);
    }
    this.sqlite = new Database(file);
    try {
      this.configure();
    } catch (err) {
      // A damaged file fails its first pragma: close the connection rather than leak it.
      this.sqlite.close();
      throw err;
    }
    this.runInTransaction = this.sqlite.transaction((fn: () => unknown) => fn());
  }

  private configure(): void {
    this.sqlite.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash
    // or power loss can lose the last commits.
    this.sqlite.pragma('synchronous = NORMAL');
    this.sqlite.pragma('foreign_keys = ON');
    this.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.sqlite.pragma('secure_delete = ON');
    // 32 MiB of page cache: the member and outbox indexes stay in memory on a small server.
    this.sqlite.pragma('cache_size = -32768');
    // The server checkpoints the WAL on a timer (see checkpointEvery); the
    // automatic checkpoint after every 1,000 pages would fsync inside a
    // webhook, more than half the cost of a JOIN. This is only a backstop.
    this.sqlite.pragma('wal_autocheckpoint = 20000');
    this.sqlite.pragma('journal_size_limit = 67108864');
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
      try {
        result = this.runInTransaction.immediate(fn) as T;
        break;
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_BUSY' && attempt < BUSY_RETRIES) continue;
        throw err;
      } finally {
        this.afterCommit = null;
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
   */
  savepoint<T>(fn: () => T): T {
    const hooks = this.afterCommit;
    if (!hooks) throw new Error('savepoint() needs an open transaction');
    // Some errors (a full disk) make SQLite undo the whole transaction, not one statement: nothing more may
    // run then, or each statement would commit on its own while the batch is reported failed.
    if (!this.sqlite.inTransaction) throw new Error('the transaction was rolled back by an earlier error');
    const mark = hooks.length;
    try {
      // better-sqlite3 runs a transaction function called inside a transaction as SAVEPOINT … RELEASE.
      return this.runInTransaction(fn) as T;
    } catch (err) {
      hooks.length = mark;
      throw err;
    }
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
  nextId(table: 'members' | 'reports' | 'alerts' | 'outbox' | 'inbound_retry' | 'buddies' | 'buddy_stops' | 'checkins'): number {
    // The outbox never reuses an id (AUTOINCREMENT): a send in flight records its outcome by id.
    if (table === 'outbox') {
      return (this.stmt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0) + 1 AS id").get() as { id: number }).id;
    }
    return (this.stmt(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
  }

  /** Rows changed by this connection since it opened: tells whether a transaction wrote anything. */
  totalChanges(): number {
    return (this.stmt('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /**
   * Copies the WAL into the database every `everyMs` (PASSIVE: never waits
   * for readers), so the WAL stays small and old frames are overwritten soon.
   * Returns a stop function.
   */
  checkpointEvery(everyMs: number): () => void {
    const timer = setInterval(() => {
      if (!this.sqlite.open) return;
      // An erase whose truncation a reader held back (a backup's snapshot) is tried again at each tick,
      // this process's own or one an admin command left (it has exited).
      if (!this.erasePending && this.eraseLeft()) this.erasePending = true;
      if (this.erasePending) return this.truncateWal();
      try {
        this.sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch (err) {
        // A busy database: the next tick checkpoints.
        this.hookError(err);
      }
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
    this.onCommit(() => {
      this.erasePending = true;
      setImmediate(() => this.truncateWal());
    });
  }

  /**
   * An erase has committed and its WAL truncation has not finished. True
   * when the database opens too: a kill between an erase and its truncation
   * left the WAL as it was.
   */
  private erasePending = true;

  /**
   * `wait`: for the busy timeout, as a closing connection must (an admin
   * command's: its pending erase would be forgotten with it). The server's
   * ticks never wait for a reader (a backup's snapshot): the event loop, and
   * every webhook, would stand still; a checkpoint a reader holds back says
   * busy, and the erase stays pending for the next tick.
   */
  private truncateWal(wait = false): void {
    if (!this.erasePending || !this.sqlite.open) return;
    try {
      if (!wait) this.sqlite.pragma('busy_timeout = 0');
      const [result] = this.sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (result?.busy === 0) {
        this.erasePending = false;
        this.leaveErase(false);
      }
    } catch (err) {
      this.hookError(err);
    } finally {
      this.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  /** Whether the database answers a trivial query. */
  ping(): boolean {
    return this.stmt('SELECT 1 AS ok').get() !== undefined;
  }

  close(): void {
    if (!this.sqlite.open) return;
    // The admin commands close straight after their command: while the server keeps the WAL, an erase left for later would stay in it.
    this.truncateWal(true);
    // Still held back (a backup's snapshot past the busy timeout): left for the running server to finish.
    if (this.erasePending) this.leaveErase(true);
    this.sqlite.close();
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
      this.hookError(err);
    }
  }
}
