import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { BUSY_TIMEOUT_MS } from '../../src/store/db-file';
import { fillDisk, freeDisk } from '../helpers/full-disk';
import { tempDir } from '../helpers/temp-dir';

describe('Db.transaction and after-commit hooks', () => {
  let db: Db;
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'db.sqlite'));
    db.sqlite.exec('CREATE TABLE t (x INTEGER)');
  });
  afterEach(() => db.close());

  it('runs hooks only after the commit, once, and a hook that throws neither undoes nor repeats the commit', () => {
    const reported: unknown[] = [];
    db.reportHookErrors((err) => reported.push(err));
    let runs = 0;
    const seen: number[] = [];
    const result = db.transaction(() => {
      runs++;
      db.stmt('INSERT INTO t VALUES (1)').run();
      db.onCommit(() => {
        throw Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' });
      });
      db.onCommit(() => seen.push((db.stmt('SELECT count(*) AS n FROM t').get() as { n: number }).n));
      return 'done';
    });
    expect(result).toBe('done');
    expect(runs).toBe(1);
    expect(seen).toEqual([1]);
    expect(reported).toHaveLength(1);
    expect((db.stmt('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(1);
  });

  it('runs no hook when the transaction fails', () => {
    let ran = false;
    expect(() =>
      db.transaction(() => {
        db.onCommit(() => (ran = true));
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(ran).toBe(false);
  });
});

describe('Db.savepoint on a full disk', () => {
  let db: Db;
  const rows = () => (db.stmt('SELECT group_concat(x) AS g FROM t').get() as { g: string | null }).g;
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'db.sqlite'));
    db.sqlite.exec('CREATE TABLE t (x INTEGER)');
    db.stmt('INSERT INTO t VALUES (0)').run();
    fillDisk(db, () => db.stmt('INSERT INTO t VALUES (0)').run());
    db.stmt('DELETE FROM t').run();
  });
  afterEach(() => db.close());

  /** A transaction whose second step, under a savepoint, writes `blob` bytes; its failure is caught as one item's would be. */
  const batch = (blob: number) =>
    db.transaction(() => {
      db.stmt('INSERT INTO t VALUES (1)').run();
      try {
        db.savepoint(() => db.stmt('INSERT INTO full_disk_filler VALUES (randomblob(?))').run(blob));
      } catch {
        // One item's failure: the others go on.
      }
      db.stmt('INSERT INTO t VALUES (2)').run();
    });

  it('when SQLite undid the whole transaction, nothing after it is saved on its own: the error goes up', () => {
    expect(() => batch(5_000)).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(rows()).toBeNull();
    expect(db.sqlite.inTransaction).toBe(false);
  });

  it('once space is freed the same transaction commits whole: the failure left nothing behind', () => {
    expect(() => batch(5_000)).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    freeDisk(db);
    batch(5_000);
    expect(rows()).toBe('1,2');
  });

  it('an item failing for its own reason (not the disk) is undone alone, the transaction goes on', () => {
    freeDisk(db);
    db.transaction(() => {
      db.stmt('INSERT INTO t VALUES (1)').run();
      expect(() =>
        db.savepoint(() => {
          db.stmt('INSERT INTO t VALUES (9)').run();
          throw new Error('damaged value');
        }),
      ).toThrow('damaged value');
      db.stmt('INSERT INTO t VALUES (2)').run();
    });
    expect(rows()).toBe('1,2');
  });
});

describe('Db.close', () => {
  it('truncates the WAL for an erase asked for just before it, while another connection keeps the WAL', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    // The running server's connection: while it is open, closing this one leaves the WAL in place.
    const server = new Db(file);
    const db = new Db(file);
    const secret = 'sealed-notice-0123456789abcdef';
    db.sqlite.exec('CREATE TABLE t (x TEXT)');
    // Having read, the server holds the WAL open as a running server does.
    server.stmt('SELECT count(*) AS n FROM t').get();
    db.stmt('INSERT INTO t VALUES (?)').run(secret);
    db.transaction(() => {
      db.stmt('DELETE FROM t').run();
      db.eraseSoon();
    });
    // An admin command closes at once, before the deferred truncation had its turn.
    db.close();
    const heldIn = [file, `${file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(secret));
    server.close();
    expect(heldIn).toEqual([]);
  });

  it('truncates the WAL for an erase once a reader holding a snapshot (a backup) lets go, without waiting on it meanwhile', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const db = new Db(file);
    const stopTicks = db.checkpointEvery(20);
    try {
      const secret = 'sealed-number-0123456789abcdef';
      db.sqlite.exec('CREATE TABLE t (x TEXT)');
      db.stmt('INSERT INTO t VALUES (?)').run(secret);
      const reader = new Database(file, { readonly: true, fileMustExist: true });
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) AS n FROM t').get();
      const started = Date.now();
      db.transaction(() => {
        db.stmt('DELETE FROM t').run();
        db.eraseSoon();
      });
      await new Promise((r) => setTimeout(r, 200));
      // The event loop went on: one busy wait on the reader (BUSY_TIMEOUT_MS) would have held this timer back past it.
      // Time is the only sign of a held event loop; the bound is that wait itself, not a guess at the machine's speed.
      expect(Date.now() - started).toBeLessThan(BUSY_TIMEOUT_MS);
      reader.exec('COMMIT');
      reader.close();
      await new Promise((r) => setTimeout(r, 200));
      expect([file, `${file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(secret))).toEqual([]);
    } finally {
      stopTicks();
    }
  });

  it('truncates the WAL when it opens: a kill between an erase and its truncation left it as it was', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const secret = 'sealed-number-0123456789abcdef';
    // What a killed server leaves: an erase in the WAL, never truncated (this connection stays open, idle, so the WAL stays).
    const killed = new Database(file);
    killed.pragma('journal_mode = WAL');
    killed.pragma('secure_delete = ON');
    killed.exec('CREATE TABLE t (x TEXT)');
    killed.prepare('INSERT INTO t VALUES (?)').run(secret);
    killed.prepare('DELETE FROM t').run();
    expect(fs.readFileSync(`${file}-wal`).includes(secret)).toBe(true);
    const db = new Db(file);
    const stopTicks = db.checkpointEvery(20);
    try {
      await new Promise((r) => setTimeout(r, 200));
      expect([file, `${file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(secret))).toEqual([]);
    } finally {
      stopTicks();
      killed.close();
    }
  });

  it("waits, when it closes, for a short read of another process to truncate the WAL for an admin command's erase", async () => {
    const file = path.join(tempDir(), 'heads-up.db');
    const server = new Db(file);
    const secret = 'sealed-notice-0123456789abcdef';
    server.sqlite.exec('CREATE TABLE t (x TEXT)');
    server.stmt('INSERT INTO t VALUES (?)').run(secret);
    // Another process (the running server, a metrics scrape) reads for half a second.
    const reader = spawn(process.execPath, [
      '-e',
      `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))});
       const d = new D(${JSON.stringify(file)});
       d.exec('BEGIN'); d.prepare('SELECT count(*) FROM t').get();
       process.stdout.write('r');
       setTimeout(() => { d.exec('COMMIT'); d.close(); }, 500);`,
    ]);
    try {
      await new Promise((r) => reader.stdout.once('data', r));
      const admin = new Db(file);
      admin.transaction(() => {
        admin.stmt('DELETE FROM t').run();
        admin.eraseSoon();
      });
      admin.close();
      await new Promise((r) => reader.once('exit', r));
      expect([file, `${file}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(secret))).toEqual([]);
    } finally {
      reader.kill();
      server.close();
    }
  });
});

