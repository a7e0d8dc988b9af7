/**
 * The admin commands open the line as the server does: on an empty file at
 * the database's place they migrated it into a new, empty line (and then the
 * server started on it too). They refuse, naming the file and the cause, and
 * leave it as it was: rotate-key and backup too (rotate-key migrated the
 * file into a line sealed under the new key, which the server then ran).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

const NEW_KEY = Buffer.alloc(32, 9).toString('base64');

describe('an admin command on a database file that is no Heads Up line', () => {
  it('refuses, naming the file and the cause, and leaves it empty', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '', { mode: 0o600 });
    const r = await runAdminCli(['PENDING'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
      code: 1,
      stderr: `heads-up: ${file} is an empty file (0 bytes), not a Heads Up line: if the line was there, put its database back or run npm run admin -- restore (heads-up restore in the image) with the latest backup; if the file was made by mistake, delete it and start again to make a new line`,
      stdout: '',
    });
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
    expect(fs.statSync(file).size).toBe(0);
  }, 60_000);

  it("rotate-key refuses another application's SQLite file and leaves it as it was (the server still refuses it after)", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const other = new Database(file);
    other.exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO recipes (name) VALUES ('soup')");
    other.close();
    fs.chmodSync(file, 0o600);
    const r = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    const after = new Database(file, { readonly: true });
    const tables = (after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    after.close();
    const start = await startHarness({ dataDir }).then(
      async (h) => (await h.close(), 'started'),
      (err: Error) => err.message,
    );
    expect({ code: r.code, stderr: r.stderr, tables, start }).toEqual({
      code: 1,
      stderr: expect.stringContaining('is not a Heads Up line'),
      tables: ['recipes'],
      start: expect.stringContaining('is not a Heads Up line'),
    });
  }, 60_000);

  it('rotate-key refuses an empty file with the same words and leaves it empty', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '', { mode: 0o600 });
    const r = await runAdminCli(['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
    expect({ code: r.code, stderr: r.stderr, size: fs.statSync(file).size }).toEqual({
      code: 1,
      stderr: expect.stringContaining('is an empty file (0 bytes), not a Heads Up line'),
      size: 0,
    });
  }, 60_000);

  it('backup refuses an empty file with the same words, not that a restore or rotate-key holds it', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '', { mode: 0o600 });
    const r = await runAdminCli(['backup', path.join(tempDir(), 'b.db')], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect({ code: r.code, stderr: r.stderr }).toEqual({
      code: 1,
      stderr: expect.stringContaining('is an empty file (0 bytes), not a Heads Up line'),
    });
  }, 60_000);
});
