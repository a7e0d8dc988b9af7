/**
 * SQLite re-prepares a statement whose LIMIT is a bare bound parameter at
 * every run (it plans with the bound value): the outbox's claim, the timers'
 * polls and retention's batches would each be compiled again every time.
 * `LIMIT +?` binds the same value with one plan (see Db.stmt).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';

const SRC = path.join(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** LIMIT or OFFSET followed directly by a parameter (?, ?1, @name, :name, $name). SQL here is written in capitals; `limit : number` is TypeScript. */
const BARE = /\b(LIMIT|OFFSET)\s+[?@:$]/g;

describe('LIMIT parameters', () => {
  it('no statement in src binds a bare LIMIT or OFFSET parameter', () => {
    const found = sourceFiles(SRC).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(BARE)].map((m) => `${path.relative(SRC, file)}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('LIMIT +? limits like LIMIT ? (a count, -1 for none, 0 for nothing)', () => {
    const db = new Db(':memory:');
    try {
      db.sqlite.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
      for (let n = 1; n <= 5; n++) db.stmt('INSERT INTO t (n) VALUES (?)').run(n);
      const limited = db.stmt('SELECT n FROM t ORDER BY n LIMIT +?');
      expect([3, -1, 0].map((k) => (limited.all(k) as Array<{ n: number }>).map((r) => r.n))).toEqual([[1, 2, 3], [1, 2, 3, 4, 5], []]);
    } finally {
      db.close();
    }
  });
});
