/** What an admin command prints for SQLite's bare refusals: what to do, not only "database or disk is full". */
import path from 'node:path';
import { sqliteFailure } from '../../src/cli/cli-errors';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { fillDisk } from '../helpers/full-disk';
import { tempDir } from '../helpers/temp-dir';

/** The error SQLite throws for a write on a full disk (the database capped at its pages, as the disk-full tests do). */
function fullDiskError(): unknown {
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  try {
    migrate(db);
    fillDisk(db);
    db.sqlite.prepare('INSERT INTO full_disk_filler VALUES (randomblob(4096))').run();
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
  throw new Error('the write went through');
}

describe('an admin command refused by SQLite', () => {
  it('on a full disk says to free some space, not only that the disk is full', () => {
    const err = fullDiskError();
    expect((err as { code: string }).code).toBe('SQLITE_FULL');
    expect(sqliteFailure(err)).toBe('the disk holding DATA_DIR is full: free some space there, then run this again');
  });

  it('says nothing of its own for an error that is not one of those', () => {
    expect(sqliteFailure(new Error('no such table: members'))).toBeNull();
  });
});
