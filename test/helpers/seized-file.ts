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

/** Every blob value of `table`, with its column's name. */
function blobs(file: Database.Database, table: string): Array<{ column: string; hex: string }> {
  const columns = (file.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  return columns.flatMap((column) =>
    (file.prepare(`SELECT hex(${column}) AS hex FROM ${table} WHERE typeof(${column}) = 'blob'`).all() as Array<{ hex: string }>).map((r) => ({ column: `${table}.${column}`, hex: r.hex })),
  );
}

/** The joins a seizer can make: each pair of equal blob values between the tables `ours` and `theirs` ("checkins.x = reports.y"). */
export function equalValues(file: Database.Database, ours: string[], theirs: string[]): string[] {
  const other = theirs.flatMap((t) => blobs(file, t));
  return ours.flatMap((t) => blobs(file, t)).flatMap((a) => other.filter((b) => b.hex === a.hex).map((b) => `${a.column} = ${b.column}`));
}
