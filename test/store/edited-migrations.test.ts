/**
 * Migrations edited after they had run on main: a database that ran the
 * first edit records the migration applied and lacked what later edits
 * added (a line of f2e1078 had no checkins.expected_at: its check-in timers
 * failed at every tick, no missed check-in escalated). migrate makes what
 * is missing, once its migration has run, and changes nothing else.
 */
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { toMend } from '../../src/store/edited-migrations';
import { migrate } from '../../src/store/migrate';
import { migratedDb } from '../helpers/migrated-db';
import { filesFrom, lineOfBefore, schemaOf } from './line-of-before';

const T0 = Date.UTC(2026, 11, 6, 9, 30, 0, 123);

/** As a7057e5's 0038 left checkin_messages: kind had no 'shown'. */
const CHECKIN_MESSAGES_0038_FIRST = `CREATE TABLE old_messages (
  outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('reminder', 'escalation', 'notice')),
  buddy_id   INTEGER
);
DROP TABLE checkin_messages;
ALTER TABLE old_messages RENAME TO checkin_messages;
CREATE INDEX checkin_messages_checkin ON checkin_messages (checkin_id);`;

/** Each edit, and SQL that leaves a line of this version as the first edit had. */
const FIRST_EDITS: Array<[string, string]> = [
  ['f2e1078 (0052_checkins_restored without expected_at, restored_question)', 'ALTER TABLE checkins DROP COLUMN expected_at; ALTER TABLE checkins DROP COLUMN restored_question;'],
  ['c9afdf2 (0040 without checkin_refs.folded)', 'ALTER TABLE checkin_refs DROP COLUMN folded;'],
  ['67d4f43 (0045 without members.invalid_since)', 'ALTER TABLE members DROP COLUMN invalid_since;'],
  ['aee7e87 (0051_read_quotes without its trigger)', 'DROP TRIGGER read_quotes_settled;'],
  ["a7057e5 (0038_checkin_refs: checkin_messages without kind 'shown')", CHECKIN_MESSAGES_0038_FIRST],
];

/** The triggers, and checkin_messages as made, beside the columns (schemaOf). */
const made = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      columns: schemaOf(file),
      sql: db.prepare("SELECT type, name, sql FROM sqlite_master WHERE type = 'trigger' OR name = 'checkin_messages' ORDER BY name").all(),
    };
  } finally {
    db.close();
  }
};

function current() {
  const { db, file } = migratedDb();
  db.close();
  return made(file);
}

/** A line this version migrated, then `sql` run on it. */
function lineWith(sql: string): string {
  const file = lineOfBefore('9999', []);
  const db = new Database(file);
  db.pragma('foreign_keys = OFF');
  db.exec(sql);
  db.close();
  return file;
}

describe.each(FIRST_EDITS)('a line that ran the edit of %s', (_edit, sql) => {
  it("gets what the later edits added, and this version's schema", () => {
    const file = lineWith(sql);
    const db = new Db(file);
    try {
      migrate(db);
      expect(migrate(db)).toEqual([]);
    } finally {
      db.close();
    }
    expect(made(file)).toEqual(current());
  });
});

it('a line that ran 165d68c\'s 0030 gets its buddy links kept to their day', () => {
  const file = lineWith(
    `INSERT INTO members (id, address_bidx, address_ct, channel, key_version, created_at) VALUES (1, x'01', x'02', 'sms', 1, ${T0});
     INSERT INTO buddies (id, member_id, buddy_bidx, channel, address_ct, name_ct, key_version, status, created_at) VALUES (1, 1, x'03', 'sms', x'04', x'05', 1, 'accepted', ${T0});`,
  );
  const db = new Db(file);
  try {
    migrate(db);
    expect(db.sqlite.prepare('SELECT created_at FROM buddies').all()).toEqual([{ created_at: Date.UTC(2026, 11, 6) }]);
  } finally {
    db.close();
  }
});

it('makes nothing for a migration not yet run (it makes it when it runs)', () => {
  const db = new Db(lineOfBefore('0052', []));
  try {
    expect(() => migrate(db)).not.toThrow();
  } finally {
    db.close();
  }
});

// What doctor says the server will make (toMend): each migration whose later edit the line lacks, once, and only one it ran.
describe('toMend', () => {
  const mends = (file: string, ran: string[]) => {
    const db = new Database(file, { readonly: true });
    try {
      return toMend(db, new Set(ran));
    } finally {
      db.close();
    }
  };

  it("names the one migration whose later edits a line of f2e1078 lacks, once for its two columns", () => {
    const file = lineWith('ALTER TABLE checkins DROP COLUMN expected_at; ALTER TABLE checkins DROP COLUMN restored_question;');
    expect(mends(file, filesFrom('0000'))).toEqual(['0052_checkins_restored.sql']);
  });

  it('names none the line has not run yet', () => {
    const file = lineWith('ALTER TABLE checkins DROP COLUMN expected_at; ALTER TABLE checkins DROP COLUMN restored_question;');
    expect(mends(file, filesFrom('0000').filter((f) => f !== '0052_checkins_restored.sql'))).toEqual([]);
  });

  it("names none on a line of this version's schema", () => {
    expect(mends(lineWith('SELECT 1;'), filesFrom('0000'))).toEqual([]);
  });
});
