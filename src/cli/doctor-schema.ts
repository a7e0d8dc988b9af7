/**
 * What a line's database lacks of the schema this version's migrations make:
 * its tables, columns, indexes and triggers, by name. A migration edited
 * after it had run on main (0040, 0045, 0052 gained columns so on 6
 * December) left databases recording it applied without them: the code
 * using them fails as the line runs (a check-in timer at each tick) while
 * its start and /readyz say nothing. Reads only.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { findProjectDir } from '../store/find-up';
import { migrationFiles } from '../store/migrate';

/** Every table's columns ("checkins.expected_at"), index and trigger ("index checkins_due"), by name. */
function namesOf(db: Database.Database): Set<string> {
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'").all() as Array<{
    type: string;
    name: string;
  }>;
  const names = new Set<string>();
  for (const { type, name } of objects) {
    if (type !== 'table') {
      names.add(`${type} ${name}`);
      continue;
    }
    names.add(name);
    for (const c of db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>) names.add(`${name}.${c.name}`);
  }
  return names;
}

/** The names this version's migrations make, on an empty database in memory. */
function expectedNames(): Set<string> {
  const dir = findProjectDir('migrations');
  const db = new Database(':memory:');
  try {
    // As migrate runs a rebuild of a table others reference (0013).
    db.pragma('foreign_keys = OFF');
    db.pragma('legacy_alter_table = ON');
    for (const file of migrationFiles(dir)) db.exec(fs.readFileSync(path.join(dir, file), 'utf8'));
    return namesOf(db);
  } finally {
    db.close();
  }
}

/** What `db`, its migrations all applied, lacks of this version's schema; none when all is there. A name left over (a reverted migration's column) is no fault. */
export function missingFromSchema(db: Database.Database): string[] {
  const have = namesOf(db);
  return [...expectedNames()].filter((name) => !have.has(name));
}
