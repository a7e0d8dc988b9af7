/**
 * A file at the database's place that is no Heads Up line (an empty file
 * touched by mistake, another application's SQLite database) was migrated
 * into a new, empty line that alerts no one. The start refuses instead,
 * naming the file and the cause, and leaves the file as it was.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { builtScript } from '../helpers/built-src';
import { startHarness, tempDir, TEST_MASTER_KEY } from '../helpers/harness';

/** Starts a server on `dataDir`: the message it refused with, or 'started' (closed at once). */
const startOn = (dataDir: string) =>
  startHarness({ dataDir }).then(
    async (h) => (await h.close(), 'started'),
    (err: Error) => err.message,
  );

/** Another application's SQLite file, with a row of its own. */
function foreignDatabase(file: string): Buffer {
  const other = new Database(file);
  other.exec("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO recipes (name) VALUES ('soup')");
  other.close();
  return fs.readFileSync(file);
}

describe('a start on a database file that is no Heads Up line', () => {
  it('refuses an empty file, naming it and the cause, and leaves it empty', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '');
    expect(await startOn(dataDir)).toBe(
      `DATA_DIR: ${file} is an empty file (0 bytes), not a Heads Up line: if the line was there, put its database back or run npm run admin -- restore (heads-up restore in the image) with the latest backup; if the file was made by mistake, delete it and start again to make a new line (nothing was changed)`,
    );
    expect(fs.statSync(file).size).toBe(0);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
  });

  it("refuses another application's SQLite file, naming it and the cause, and leaves it as it was", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const before = foreignDatabase(file);
    expect(await startOn(dataDir)).toBe(
      `DATA_DIR: ${file} is not a Heads Up line (an SQLite database with 1 table, none of them Heads Up's): move it away, then put the line's database there or run npm run admin -- restore (heads-up restore in the image) with the latest backup (nothing was changed)`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
  });

  it('still starts a line whose tables are only in its write-ahead log (killed before its first checkpoint)', async () => {
    const running = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(running);
    const dataDir = tempDir();
    for (const suffix of ['', '-wal']) fs.copyFileSync(`${running.sqlite.name}${suffix}`, path.join(dataDir, `heads-up.db${suffix}`));
    running.close();
    expect(await startOn(dataDir)).toBe('started');
  });

  it('still starts a new line in a data folder with no database', async () => {
    expect(await startOn(tempDir())).toBe('started');
  });

  it('the server prints the file to the operator and logs one fatal line with a short code and no path', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '');
    const proc = spawn(process.execPath, [builtScript('src/main.ts')], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Bounded: a server that started would never exit.
    const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    clearTimeout(killer);
    expect(code).toBe(1);
    expect(stderr).toBe(`heads-up: configuration error: DATA_DIR: ${file} is an empty file (0 bytes), not a Heads Up line: if the line was there, put its database back or run npm run admin -- restore (heads-up restore in the image) with the latest backup; if the file was made by mistake, delete it and start again to make a new line (nothing was changed)\n`);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([{ level: 60, time: expect.any(String), pid: proc.pid, msg: 'start-up failed', cause: 'configuration', variable: 'DATA_DIR' }]);
    expect(stdout).not.toContain(dataDir);
    expect(fs.statSync(file).size).toBe(0);
  }, 30_000);
});
