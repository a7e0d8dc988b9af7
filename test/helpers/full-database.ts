/**
 * A full disk, as the server's database connection meets it, without a
 * mount (CI may not allow one): its free pages are used up by a filler table
 * and it may grow no further (max_page_count), so that a write needing a new
 * page fails with SQLITE_FULL, "database or disk is full", as on a full disk.
 * Writes that still fit in a page already there go through (a real full disk
 * refuses those too, at the WAL): tests send messages big enough to need
 * new pages. max_page_count belongs to the connection: the server's own.
 */
import type { Sqlite } from '../../src/store/db';

/** SQLite's own ceiling: as if there were no limit. */
const NO_LIMIT = 4_294_967_294;

/** Fills the database on `sqlite`'s connection; returns what frees space again. */
export function fillDatabase(sqlite: Sqlite): () => void {
  sqlite.exec('CREATE TABLE IF NOT EXISTS test_full_disk_filler (b BLOB)');
  sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
  const insert = sqlite.prepare('INSERT INTO test_full_disk_filler VALUES (zeroblob(?))');
  // Big rows take the free pages, smaller and smaller ones the last room in the filler's own pages.
  for (let size = 64 * 1024; size >= 1; ) {
    try {
      insert.run(size);
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_FULL') throw err;
      size = Math.floor(size / 2);
    }
  }
  return () => void sqlite.pragma(`max_page_count = ${NO_LIMIT}`);
}
