/**
 * A full disk, without mounting one: the database is capped at the pages it
 * has (PRAGMA max_page_count, per connection) and the room left in them is
 * filled, so that a write needing one page more fails with SQLITE_FULL, as
 * on a full disk. SQLite may then undo the whole transaction, not one
 * statement, as it does on a real full disk.
 */
import type { Db } from '../../src/store/db';

/** Runs `write` until it fails; throws if the failure is not SQLITE_FULL (a test that fills nothing proves nothing). */
function untilFull(write: () => void): void {
  for (let i = 0; i < 1_000_000; i++) {
    try {
      write();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
      return;
    }
  }
  throw new Error('the database never filled');
}

/**
 * Fills the database: its free pages first, then the last page of each table
 * `fill` writes to (a small row may fit there without a page more).
 */
export function fillDisk(db: Db, ...fill: Array<() => void>): void {
  db.sqlite.exec('CREATE TABLE IF NOT EXISTS full_disk_filler (x BLOB)');
  db.sqlite.pragma(`max_page_count = ${db.sqlite.pragma('page_count', { simple: true }) as number}`);
  untilFull(() => db.sqlite.prepare('INSERT INTO full_disk_filler VALUES (randomblob(64))').run());
  for (const f of fill) untilFull(() => db.transaction(f));
}

/** Frees the disk again: the cap is lifted (the filler stays; pages are added as needed). */
export function freeDisk(db: Db): void {
  db.sqlite.pragma('max_page_count = 1073741823');
}
