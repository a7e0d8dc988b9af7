/**
 * A freshly migrated database in a new temporary directory, for the tests
 * that make one per test (bot-world, test-store, lane-world). Running every
 * migration takes about 45 ms, and some files make hundreds: the first
 * database of a test file is migrated and closed, and each one after that
 * is a copy of its file (about 6 ms). Every copy is a file of its own:
 * nothing written in one test is seen by another.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { tempDir } from './temp-dir';

/** The migrated file the copies are made of; made once per test file (jest gives each its own modules). */
let template: string | null = null;

function migratedTemplate(): string {
  if (template !== null) return template;
  const file = path.join(tempDir(), 'heads-up.db');
  const db = new Db(file);
  migrate(db);
  // Closing checkpoints the WAL into the file and removes it: the file alone is the whole database.
  db.close();
  if (fs.existsSync(`${file}-wal`)) throw new Error('the migrated template kept a WAL: a copy of its file would miss part of it');
  template = file;
  return file;
}

/** Opens a new migrated database, heads-up.db in a fresh temporary directory. */
export function migratedDb(): { db: Db; file: string } {
  const file = path.join(tempDir(), 'heads-up.db');
  fs.copyFileSync(migratedTemplate(), file);
  return { db: new Db(file), file };
}
