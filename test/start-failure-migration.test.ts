/**
 * The start's one line for a migration SQLite refuses: it said only
 * "start-up failed: SQLITE_ERROR", naming neither the migration nor what
 * was wrong. SQLite's words name tables and columns, never values, and
 * the log keeps the file and code alone.
 */
import { Db } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { describeFailure } from '../src/start-failure';
import { lineOfBefore } from './store/line-of-before';

/** What migrate threw on a database that has 0043's column already, added by hand. */
function failedMigration(): unknown {
  const db = new Db(lineOfBefore('0043', []));
  try {
    db.sqlite.exec('ALTER TABLE checkins ADD COLUMN unreached_trying_notice INTEGER');
    migrate(db);
    return null;
  } catch (err) {
    return err;
  } finally {
    db.close();
  }
}

describe('a start stopped by a migration SQLite refuses', () => {
  it("names the migration and SQLite's words, and what to do", () => {
    expect(describeFailure(failedMigration(), '/srv/heads-up/data').line).toBe(
      'start-up failed: migration 0043_checkin_unreached_trying.sql did not apply (SQLITE_ERROR: duplicate column name: unreached_trying_notice); nothing of it was applied (the migrations before it were): report this line to the Heads Up project; to run the version before meanwhile, restore a backup made before the upgrade (that version may refuse this database now)',
    );
  });

  it('logs the migration and the code, not the message', () => {
    expect(describeFailure(failedMigration(), '/srv/heads-up/data').cause).toEqual({
      cause: 'migration-failed',
      code: 'SQLITE_ERROR',
      migration: '0043_checkin_unreached_trying.sql',
    });
  });
});
