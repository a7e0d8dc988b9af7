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
import Database from 'better-sqlite3';
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

/**
 * A crashed line's database with its write-ahead log but no -shm, in a
 * DATA_DIR this user may not write: SQLite reads that log only through a
 * -shm it makes beside it. doctor said "unable to open database file";
 * backup and PENDING said only that.
 */
describe('a crashed line beside its write-ahead log, in a DATA_DIR this user may not write', () => {
  async function crashedLine() {
    const line = await stoppedLine();
    const db = new Database(line.file);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE last_writes (n INTEGER); INSERT INTO last_writes VALUES (1)');
    const wal = fs.readFileSync(`${line.file}-wal`);
    db.close();
    fs.writeFileSync(`${line.file}-wal`, wal, { mode: 0o600 });
    handToOperator(line.dataDir);
    fs.chmodSync(line.dataDir, 0o500);
    return line;
  }
  const cannotRead = (dataDir: string, file: string) =>
    `cannot read ${file} without writing beside it (SQLite reads its write-ahead log through a -shm file it makes there): this user (uid ${who}) may not write in ${dataDir} (DATA_DIR), where SQLite keeps the database's write-ahead log: DATA_DIR must belong to the user that runs the line, mode 700: chown it to that user; or copy every file of DATA_DIR to a folder this user may write, and run this again with DATA_DIR set to that copy`;

  it('doctor and backup say why they cannot read it, not that it is damaged', async () => {
    const { dataDir, file, folder } = await crashedLine();
    const doctor = await run(['doctor'], dataDir);
    const backup = await run(['backup', path.join(folder, 'line.db')], dataDir);
    const pending = await run(['PENDING'], dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(doctor.stdout).not.toContain('damaged');
    expect(doctor.stdout).toContain(`FAIL database: ${cannotRead(dataDir, file)}`);
    expect(doctor.code).toBe(1);
    expect(backup.stderr).toBe(`heads-up: ${cannotRead(dataDir, file)}`);
    expect(backup.code).toBe(1);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect(pending.stderr).toBe(`heads-up: ${cannotRead(dataDir, file)}`);
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db', 'heads-up.db-wal']);
  }, 40_000);
});
