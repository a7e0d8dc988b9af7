/**
 * Migrations renumbered, or reverted, after they had been on main: a
 * database recording one under its former name (by a version that matched
 * by number alone) is brought to this version's schema, neither missing a
 * migration whose number it holds under another name (bb2f3fc's 0043: no
 * missed check-in escalated) nor running again one it ran under its old
 * number (duplicate column, table exists), nor refused as made by a newer
 * version. A name this version does not know is refused, never skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { migrate, pendingMigrations } from '../../src/store/migrate';
import { appliedNames, type AppliedMigration } from '../../src/store/migration-names';
import { restoreDatabase } from '../../src/store/restore';
import { cryptoReady, Vault } from '../../src/store/vault';
import { migratedDb } from '../helpers/migrated-db';
import { tempDir } from '../helpers/temp-dir';
import { BLOCKS_OF_ONE_CHANNEL, filesFrom, LINE_SETTINGS_0057, lineOfBefore, schemaOf, sqlOf, type RanAs } from './line-of-before';

/** The commits whose databases recorded former names (git log --first-parent -- migrations/), as each left it. */
const OF_BEFORE: Array<[string, string, RanAs[]]> = [
  ['bb2f3fc..f4af720 (0043_blocks_of_one_channel, reverted)', '0043', [['0043_blocks_of_one_channel.sql', BLOCKS_OF_ONE_CHANNEL]]],
  [
    'bb2f3fc, then 61a302b, then a3ea9b7 on (0044_block_values never ran)',
    '0043',
    [
      ['0043_blocks_of_one_channel.sql', BLOCKS_OF_ONE_CHANNEL],
      ['0044_checkin_unreached_trying.sql', sqlOf('0043_checkin_unreached_trying.sql')],
      ...filesFrom('0045').map((f): RanAs => [f, sqlOf(f)]),
    ],
  ],
  ['61a302b..3f6bc16 (0044_checkin_unreached_trying)', '0043', [['0044_checkin_unreached_trying.sql', sqlOf('0043_checkin_unreached_trying.sql')]]],
  [
    '73c7fb0..3c8e0a9 (0051_outbox_sends, 0052_checkin_phone_sealed)',
    '0049',
    [
      ['0051_outbox_sends.sql', sqlOf('0049_outbox_sends.sql')],
      ['0052_checkin_phone_sealed.sql', sqlOf('0050_checkin_phone_sealed.sql')],
    ],
  ],
  ['737a435..44509a2 (0058_write_check)', '0054', [['0058_write_check.sql', sqlOf('0054_write_check.sql')]]],
  [
    'a9cb6ad..d6d7d16 (0056_decided_requests, 0057_line_settings)',
    '0055',
    [
      ['0056_decided_requests.sql', sqlOf('0055_decided_requests.sql')],
      ['0057_line_settings.sql', LINE_SETTINGS_0057],
    ],
  ],
  ['05cf877..16c95df, its start failed at 0034_report_views (0034_checkin_moderators_queued_at)', '0034', [['0034_checkin_moderators_queued_at.sql', sqlOf('0036_checkin_moderators_queued_at.sql')]]],
  ['ff57ebb..cd97cf9 (0038_screening_reindex)', '0038', [['0038_screening_reindex.sql', sqlOf('0039_screening_reindex.sql')]]],
];

/** The schema this version makes on a new line. */
function currentSchema(): Record<string, string[]> {
  const { db, file } = migratedDb();
  db.close();
  return schemaOf(file);
}

const recordedNames = (db: Db) => (db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as Array<{ name: string }>).map((r) => r.name);

describe.each(OF_BEFORE)('a database of %s', (_range, before, ran) => {
  it("gets this version's schema and records every migration under its name, once", () => {
    const file = lineOfBefore(before, ran);
    const db = new Db(file);
    try {
      migrate(db);
      expect(recordedNames(db)).toEqual(filesFrom('0000'));
      expect(pendingMigrations(db)).toEqual([]);
      expect(migrate(db)).toEqual([]);
    } finally {
      db.close();
    }
    // The reverted 0043's column stays, read by nothing.
    expect(schemaOf(file, ['channel_only'])).toEqual(currentSchema());
  });
});

it('a database of bb2f3fc gets the column the check-in timers write (their every run failed, and no missed check-in escalated)', () => {
  const db = new Db(lineOfBefore('0043', [['0043_blocks_of_one_channel.sql', BLOCKS_OF_ONE_CHANNEL]]));
  try {
    migrate(db);
    expect(() => db.sqlite.prepare('UPDATE checkins SET unreached_trying_notice = NULL').run()).not.toThrow();
  } finally {
    db.close();
  }
});

it('a database of 737a435 is not refused as made by a newer version', () => {
  const db = new Db(lineOfBefore('0054', [['0058_write_check.sql', sqlOf('0054_write_check.sql')]]));
  try {
    expect(pendingMigrations(db)).toEqual(filesFrom('0055'));
  } finally {
    db.close();
  }
});

it('a migration recorded under a name this version does not know is refused, naming it, and nothing is changed', () => {
  const file = lineOfBefore('0057', [['0057_something_else.sql', 'SELECT 1;']]);
  const before = fs.readFileSync(file);
  const db = new Db(file);
  try {
    expect(() => migrate(db)).toThrow(
      'DATA_DIR: the database records migration 0057_something_else.sql, which this version of Heads Up does not know: it was made by another version; run that version, or restore a backup made by this one',
    );
    expect(() => pendingMigrations(db)).toThrow(/0057_something_else\.sql/);
  } finally {
    db.close();
  }
  expect(fs.readFileSync(file).equals(before)).toBe(true);
});

describe('a backup of bb2f3fc restored', () => {
  beforeAll(cryptoReady);

  it('gets the column the check-in timers write', async () => {
    const backup = path.join(tempDir(), 'line.db');
    await backupDatabase(lineOfBefore('0043', [['0043_blocks_of_one_channel.sql', BLOCKS_OF_ONE_CHANNEL]]), backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, new Vault(new Uint8Array(32).fill(7)), latestMigration());
    expect(schemaOf(target, ['channel_only'])).toEqual(currentSchema());
  });

  it('of 737a435 is restored, not refused as made by a newer version', async () => {
    const backup = path.join(tempDir(), 'line.db');
    await backupDatabase(lineOfBefore('0054', [['0058_write_check.sql', sqlOf('0054_write_check.sql')]]), backup);
    const target = path.join(tempDir(), 'heads-up.db');
    await restoreDatabase(backup, target, new Vault(new Uint8Array(32).fill(7)), latestMigration());
    expect(schemaOf(target)).toEqual(currentSchema());
  });
});

it('a database a newer version migrated is refused as newer, though it also records a name this one does not know below its own', () => {
  const file = lineOfBefore('0057', [
    ['0057_something_else.sql', 'SELECT 1;'],
    ['0099_later.sql', 'SELECT 1;'],
  ]);
  const db = new Db(file);
  try {
    expect(() => migrate(db)).toThrow(/^DATA_DIR: the database was made by a newer version of Heads Up \(schema 99, this one knows \d+\)/);
  } finally {
    db.close();
  }
});

describe('appliedNames: a name is matched with its number', () => {
  const files = filesFrom('0000');
  /** The rows a database of this version records up to 0042, then `more`. */
  const recorded = (...more: Array<[number, string]>): AppliedMigration[] => [
    ...filesFrom('0000')
      .filter((f) => f < '0043')
      .map((name) => ({ version: Number(name.slice(0, 4)), name, applied_at: 1 })),
    ...more.map(([version, name]) => ({ version, name, applied_at: 2 })),
  ];

  it("takes a former name as the file it is now, under that file's number", () => {
    const names = appliedNames(recorded([57, '0057_line_settings.sql']), files);
    expect('rows' in names && names.rows.at(-1)).toEqual({ version: 57, name: '0057_line_settings_renumbered.sql', applied_at: 2 });
    expect('rows' in names && names.changed).toBe(true);
  });

  it("refuses a file's name recorded under another number", () => {
    expect(appliedNames(recorded([44, '0043_checkin_unreached_trying.sql']), files)).toEqual({
      problem:
        'the database records migration 0043_checkin_unreached_trying.sql, which this version of Heads Up does not know: it was made by another version; run that version, or restore a backup made by this one',
    });
  });

  it('refuses a former name recorded under another number', () => {
    expect(appliedNames(recorded([43, '0044_checkin_unreached_trying.sql']), files)).toEqual({
      problem: expect.stringContaining('records migration 0044_checkin_unreached_trying.sql, which this version of Heads Up does not know'),
    });
  });

  it('refuses a migration recorded twice, under its name and a former one', () => {
    expect(appliedNames(recorded([43, '0043_checkin_unreached_trying.sql'], [44, '0044_checkin_unreached_trying.sql']), files)).toEqual({
      problem:
        'the database records 0043_checkin_unreached_trying.sql twice (as 0043_checkin_unreached_trying.sql and as 0044_checkin_unreached_trying.sql): restore a backup made by this version',
    });
  });
});
