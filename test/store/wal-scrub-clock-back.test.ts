/**
 * The WAL is truncated at least every WAL_SCRUB_EVERY_MS, so that a value
 * cleared without an erase (a provider id at its final status) leaves the
 * -wal file too. A wall clock stepped back (NTP) must not stop that scrub
 * for the step's length.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { WAL_SCRUB_EVERY_MS, WalUpkeep } from '../../src/store/wal-upkeep';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;

it('scrubs a cleared value from the WAL within the interval after the clock stepped back', () => {
  const file = path.join(tempDir(), 'x.db');
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t (v TEXT); CREATE TABLE erase_pending (id INTEGER PRIMARY KEY CHECK (id = 1));');
    const wal = new WalUpkeep(
      sqlite,
      (sql) => sqlite.prepare(sql),
      (e) => {
        throw e;
      },
    );
    let now = 1_800_000_000_000 + HOUR; // the clock an hour fast
    wal.tick(now);
    wal.tick(now + 1_000);
    sqlite.prepare('INSERT INTO t VALUES (?)').run('SMcleared0123456789');
    sqlite.prepare('UPDATE t SET v = NULL').run();
    now -= HOUR; // NTP sets it right
    for (let s = 1; s <= WAL_SCRUB_EVERY_MS / 1_000 + 1; s++) wal.tick(now + s * 1_000);
    expect(fs.readFileSync(`${file}-wal`).includes('SMcleared0123456789')).toBe(false);
  } finally {
    sqlite.close();
  }
});
