/**
 * doctor, backup and the admin command on a line this user may read but not
 * write: its database mode 0400 (the server refuses to start on it), or
 * DATA_DIR closed to writing (as on a disk the kernel remounted read-only;
 * a test cannot mount one as a normal user, so the folder is closed with
 * chmod, to nobody where the tests run as root). doctor said every check
 * passed, or "damaged: restore the latest backup" of a healthy database;
 * backup said "unable to open database file"; both left an empty -wal and
 * -shm beside the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runAdminCliAs } from '../helpers/admin-cli';
import { TEST_MASTER_KEY } from '../helpers/harness';
import { handToOperator, OPERATOR } from '../helpers/operator-user';
import { seedMembers } from '../helpers/seed';
import { tempDir } from '../helpers/temp-dir';

const run = (args: string[], dataDir: string) => runAdminCliAs(OPERATOR, args, { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, MODERATORS: '+14155550199' });
const who = OPERATOR?.uid ?? process.getuid?.();

/** A stopped line of two members in a DATA_DIR of the operator's, and an empty folder of theirs for backups. */
async function stoppedLine(): Promise<{ dataDir: string; file: string; folder: string }> {
  const dataDir = tempDir();
  await seedMembers(dataDir, '415', ['+14155550100', '+14155550101']);
  handToOperator(dataDir);
  const folder = tempDir();
  handToOperator(folder);
  return { dataDir, file: path.join(dataDir, 'heads-up.db'), folder };
}

describe('a database this user may read but not write (mode 0400)', () => {
  const closedFile = (file: string) =>
    `this user (uid ${who}) may not open ${file} (owner uid ${fs.statSync(file).uid}, mode 400): the files in DATA_DIR must belong to the user that runs the line, mode 600 (a restore or rotate-key run as another user leaves them so): chown them to it`;

  it('doctor fails naming the file and what to do, as the start does, and leaves only the database', async () => {
    const { dataDir, file } = await stoppedLine();
    fs.chmodSync(file, 0o400);
    const r = await run(['doctor'], dataDir);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([`FAIL database: ${closedFile(file)}`]);
    expect(r.stdout).toContain(`OK   database: ${file} opens and passes its integrity check`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
  }, 30_000);

  it('backup still copies it, and leaves only the database beside it', async () => {
    const { dataDir, file, folder } = await stoppedLine();
    fs.chmodSync(file, 0o400);
    const dest = path.join(folder, 'line.db');
    const r = await run(['backup', dest], dataDir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^backup: ${dest} \\(\\d+ bytes, mode 0600\\): 2 members`));
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
    expect(fs.readdirSync(folder)).toEqual(['line.db']);
  }, 30_000);

  it('a moderator command names the file and what to do, not errno text', async () => {
    const { dataDir, file } = await stoppedLine();
    fs.chmodSync(file, 0o400);
    const r = await run(['PENDING'], dataDir);
    expect(r.stderr).toBe(`heads-up: ${closedFile(file)}`);
    expect(r.code).toBe(1);
  }, 30_000);
});

describe('a DATA_DIR this user may not write', () => {
  const closedDir = (dataDir: string) =>
    `this user (uid ${who}) may not write in ${dataDir} (DATA_DIR), where SQLite keeps the database's write-ahead log: DATA_DIR must belong to the user that runs the line, mode 700: chown it to that user`;

  it('doctor says so, not that the database is damaged, and reads it still', async () => {
    const { dataDir, file } = await stoppedLine();
    fs.chmodSync(dataDir, 0o500);
    const r = await run(['doctor'], dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(r.stdout).not.toContain('damaged');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([`FAIL database: ${closedDir(dataDir)}`]);
    expect(r.stdout).toContain(`OK   database: ${file} opens and passes its integrity check`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
  }, 30_000);

  it('backup still copies the line', async () => {
    const { dataDir, folder } = await stoppedLine();
    fs.chmodSync(dataDir, 0o500);
    const dest = path.join(folder, 'line.db');
    const r = await run(['backup', dest], dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\): 2 members/);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
  }, 30_000);

  it('a moderator command says so', async () => {
    const { dataDir } = await stoppedLine();
    fs.chmodSync(dataDir, 0o500);
    const r = await run(['PENDING'], dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(r.stderr).toBe(`heads-up: ${closedDir(dataDir)}`);
    expect(r.code).toBe(1);
  }, 30_000);
});
