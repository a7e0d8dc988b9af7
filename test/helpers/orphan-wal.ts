/**
 * Leaves at `file` only the write-ahead log of the database that was there,
 * with writes not yet in that database: what a server killed mid-write
 * leaves once the operator moves the database itself away.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** Makes `file` a database with a write only in its WAL, then removes the database and its shared memory, keeping the WAL. */
export function leaveOnlyWal(file: string): Buffer {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS last_writes (n INTEGER)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  db.prepare('INSERT INTO last_writes (n) VALUES (1)').run();
  const wal = fs.readFileSync(`${file}-wal`);
  db.close();
  fs.rmSync(file);
  fs.rmSync(`${file}-shm`, { force: true });
  fs.writeFileSync(`${file}-wal`, wal, { mode: 0o600 });
  return wal;
}
