import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
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
});
