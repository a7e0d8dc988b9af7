/**
 * An empty file or another application's SQLite file at the database's
 * place passes SQLite's integrity check: doctor called it damaged and sent
 * the operator to restore, without saying what it is. It names it now, as
 * the server's refusal to start on it does.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 7).toString('base64');

/** Doctor's failing database check on `dataDir`. */
async function databaseFailures(dataDir: string): Promise<string[]> {
  const results = await runDoctor({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY });
  return results.filter((r) => !r.ok && r.name === 'database').map((r) => r.detail);
}

describe('doctor on a database file that is no Heads Up line', () => {
  it('names an empty file as empty, not damaged', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '', { mode: 0o600 });
    expect(await databaseFailures(dataDir)).toEqual([
      `${file} is an empty file (0 bytes), not a Heads Up line: if the line was there, put its database back or run npm run admin -- restore (heads-up restore in the image) with the latest backup; if the file was made by mistake, delete it and start again to make a new line (the server refuses to start on it)`,
    ]);
  });

  it("names another application's SQLite file as not a line, not damaged", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const other = new Database(file);
    other.exec('CREATE TABLE recipes (id INTEGER PRIMARY KEY); CREATE TABLE cooks (id INTEGER PRIMARY KEY)');
    other.close();
    fs.chmodSync(file, 0o600);
    expect(await databaseFailures(dataDir)).toEqual([
      `${file} is not a Heads Up line (an SQLite database with 2 tables, none of them Heads Up's): move it away, then put the line's database there or run npm run admin -- restore (heads-up restore in the image) with the latest backup (the server refuses to start on it)`,
    ]);
  });
});
