/**
 * What migrations gained by an edit after they had run on main: a database
 * that ran the first edit records the migration applied and lacks the rest
 * (a line of f2e1078 had no checkins.expected_at: its check-in timers failed
 * at every tick and no missed check-in escalated). Each is made again once
 * its migration is applied, only where missing; none changes what is there.
 * An edit that changed only values (0048's index purpose, 0051_outbox_sends'
 * count) cannot be told from the schema and is not here.
 */
import type Database from 'better-sqlite3';

export interface Edit {
  /** The migration (its file now) the edit belongs to: nothing is made before it ran. */
  migration: string;
  /** Whether the database lacks what the edit added. */
  lacks: (db: Database.Database) => boolean;
  sql: string;
}

const lacksColumn = (table: string, column: string) => (db: Database.Database) =>
  db.prepare('SELECT 1 FROM pragma_table_info(?) WHERE name = ?').get(table, column) === undefined;

const lacksTrigger = (name: string) => (db: Database.Database) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name) === undefined;

/** git log --first-parent of migrations/: each edit's commit, and what it added. */
export const EDITS: readonly Edit[] = [
  // 27899a5: buddy links kept to their day (165d68c's 0030 kept the millisecond).
  {
    migration: '0030_seized_disk.sql',
    lacks: (db) => db.prepare('SELECT 1 FROM buddies WHERE created_at % 86400000 != 0 LIMIT 1').get() !== undefined,
    sql: 'UPDATE buddies SET created_at = created_at - created_at % 86400000 WHERE created_at % 86400000 != 0;',
  },
  // 2220ef7: checkin_messages takes kind 'shown' (a7057e5's CHECK refused it).
  {
    migration: '0038_checkin_refs.sql',
    lacks: (db) => !(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'checkin_messages'").get() as { sql: string }).sql.includes("'shown'"),
    sql: `CREATE TABLE checkin_messages_new (
  outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('reminder', 'escalation', 'notice', 'shown')),
  buddy_id   INTEGER
);
INSERT INTO checkin_messages_new (outbox_id, checkin_id, kind, buddy_id) SELECT outbox_id, checkin_id, kind, buddy_id FROM checkin_messages;
DROP TABLE checkin_messages;
ALTER TABLE checkin_messages_new RENAME TO checkin_messages;
CREATE INDEX checkin_messages_checkin ON checkin_messages (checkin_id);`,
  },
  // e225d68 (c9afdf2's 0040 had no folded).
  { migration: '0040_checkin_phone_reporter.sql', lacks: lacksColumn('checkin_refs', 'folded'), sql: 'ALTER TABLE checkin_refs ADD COLUMN folded INTEGER NOT NULL DEFAULT 0;' },
  // 903b4d4 (67d4f43's 0045 had no invalid_since).
  { migration: '0045_invalid_streak.sql', lacks: lacksColumn('members', 'invalid_since'), sql: 'ALTER TABLE members ADD COLUMN invalid_since INTEGER;' },
  // 0f68835 (aee7e87's 0051 kept a READ's quotes until the row went).
  {
    migration: '0051_read_quotes.sql',
    lacks: lacksTrigger('read_quotes_settled'),
    sql: `CREATE TRIGGER read_quotes_settled AFTER UPDATE OF state ON outbox
  WHEN NEW.state IN ('delivered', 'failed') OR (NEW.state = 'sent' AND NEW.channel = 'signal')
BEGIN
  DELETE FROM read_quotes WHERE outbox_id = NEW.id;
END;`,
  },
  // 84b39d2 and f51bcc1 (f2e1078's 0052 had neither).
  { migration: '0052_checkins_restored.sql', lacks: lacksColumn('checkins', 'expected_at'), sql: 'ALTER TABLE checkins ADD COLUMN expected_at INTEGER;' },
  { migration: '0052_checkins_restored.sql', lacks: lacksColumn('checkins', 'restored_question'), sql: 'ALTER TABLE checkins ADD COLUMN restored_question INTEGER;' },
];

/** The migrations `ran` holds whose later edit `db` lacks, once each. */
export function toMend(db: Database.Database, ran: ReadonlySet<string>): string[] {
  return [...new Set(EDITS.filter((edit) => ran.has(edit.migration) && edit.lacks(db)).map((edit) => edit.migration))];
}
