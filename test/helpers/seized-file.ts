/** The adversary of the privacy tests: the database file alone, read without the key (and without the server). */
import path from 'node:path';
import Database from 'better-sqlite3';

/** Runs `read` on a read-only connection to the line's database in `dataDir`, closed after. */
export function readSeized<T>(dataDir: string, read: (file: Database.Database) => T): T {
  const file = new Database(path.join(dataDir, 'heads-up.db'), { readonly: true, fileMustExist: true });
  try {
    return read(file);
  } finally {
    file.close();
  }
}
