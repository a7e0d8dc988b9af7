/**
 * backup and restore where the file system refuses the user running them (a
 * folder it may not write or enter, a file it may not read): one line naming
 * the operator's own path and what to do, exit 1, nothing left behind. They
 * printed errno text naming a .partial or .restoring file the operator never
 * asked for, "cannot be opened as a database" (a damaged backup?) for one
 * they may not read, and "does not exist" for one in a folder closed to them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase } from '../../src/store/backup';
import { runAdminCliAs } from '../helpers/admin-cli';
import { TEST_MASTER_KEY } from '../helpers/harness';
import { handToOperator, OPERATOR } from '../helpers/operator-user';
import { seedMembers } from '../helpers/seed';
import { tempDir } from '../helpers/temp-dir';

/** A line of one member in a new DATA_DIR, and a backup of it in another folder, both the operator's. */
async function lineAndBackup(): Promise<{ dataDir: string; backup: string }> {
  const dataDir = tempDir();
  await seedMembers(dataDir, '415', ['+14155550100']);
  const backup = path.join(tempDir(), 'line.db');
  await backupDatabase(path.join(dataDir, 'heads-up.db'), backup);
  handToOperator(dataDir);
  handToOperator(path.dirname(backup));
  return { dataDir, backup };
}

const run = (args: string[], dataDir: string) => runAdminCliAs(OPERATOR, args, { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });

describe('backup and restore refused by the file system', () => {
  it('backup to a folder this user may not write names the file asked for and what to do, and leaves nothing there', async () => {
    const { dataDir } = await lineAndBackup();
    const folder = tempDir();
    handToOperator(folder);
    fs.chmodSync(folder, 0o555);
    const dest = path.join(folder, 'nightly.db');
    const r = await run(['backup', dest], dataDir);
    expect(r.stderr).toBe(`heads-up: cannot write ${dest}: permission denied; back up to a folder this user may write, or run as the user that runs the line`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  it('backup from a DATA_DIR this user may not enter says so, not that there is no database', async () => {
    const { dataDir } = await lineAndBackup();
    fs.chmodSync(dataDir, 0o000);
    const dest = path.join(tempDir(), 'nightly.db');
    handToOperator(path.dirname(dest));
    const r = await run(['backup', dest], dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(r.stderr).toBe(`heads-up: cannot read ${path.join(dataDir, 'heads-up.db')}: permission denied; run the admin command as the user that runs the line`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(path.dirname(dest))).toEqual([]);
  });

  it('restore of a backup this user may not read says so, not that it is no database, and changes nothing', async () => {
    const { dataDir, backup } = await lineAndBackup();
    fs.chmodSync(backup, 0o000);
    const before = fs.readdirSync(dataDir);
    const r = await run(['restore', backup], dataDir);
    expect(r.stderr).toBe(`heads-up: cannot read ${backup}: permission denied; make it readable by the user that runs the line, and run restore as that user`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dataDir)).toEqual(before);
  });

  it('restore of a backup in a folder this user may not enter says so, not that it does not exist', async () => {
    const { dataDir, backup } = await lineAndBackup();
    fs.chmodSync(path.dirname(backup), 0o000);
    const r = await run(['restore', backup], dataDir);
    fs.chmodSync(path.dirname(backup), 0o700);
    expect(r.stderr).toBe(`heads-up: cannot read ${backup}: permission denied; make it readable by the user that runs the line, and run restore as that user`);
    expect(r.code).toBe(1);
  });

  it('restore into a DATA_DIR this user may not write names it and what to do, and changes nothing', async () => {
    const { dataDir, backup } = await lineAndBackup();
    const before = fs.readdirSync(dataDir);
    fs.chmodSync(dataDir, 0o555);
    const r = await run(['restore', backup], dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(r.stderr).toBe(`heads-up: cannot write in ${dataDir}: permission denied; run restore as the user that runs the line (nothing was changed)`);
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dataDir)).toEqual(before);
  });
});

/**
 * rotate-key run as another user over a line it may read but not write
 * printed SQLite's "attempt to write a readonly database". Where the tests
 * run as root, chmod stops no one: the command runs as nobody (OPERATOR)
 * over files handed to nobody, and chmod then closes them to it.
 */
describe('rotate-key refused by the file system', () => {
  const NEW_KEY = Buffer.alloc(32, 13).toString('base64');
  const rotate = (dataDir: string) =>
    runAdminCliAs(OPERATOR, ['rotate-key'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });
  const contents = (dir: string) => fs.readdirSync(dir).map((f) => ({ f, sha256: createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex') }));

  it('over a database this user may read but not write names it and what to do, and changes nothing', async () => {
    const { dataDir } = await lineAndBackup();
    const file = path.join(dataDir, 'heads-up.db');
    fs.chmodSync(file, 0o444);
    const before = contents(dataDir);
    const r = await rotate(dataDir);
    fs.chmodSync(file, 0o600);
    expect(r.stderr).toBe(`heads-up: cannot write ${file}: permission denied; run rotate-key as the user that runs the line (nothing was changed)`);
    expect(r.code).toBe(1);
    expect(contents(dataDir)).toEqual(before);
  });

  it('in a DATA_DIR this user may read but not write names it and what to do, and changes nothing', async () => {
    const { dataDir } = await lineAndBackup();
    fs.chmodSync(dataDir, 0o555);
    const before = contents(dataDir);
    const r = await rotate(dataDir);
    fs.chmodSync(dataDir, 0o700);
    expect(r.stderr).toBe(`heads-up: cannot write in ${dataDir}: permission denied; run rotate-key as the user that runs the line (nothing was changed)`);
    expect(r.code).toBe(1);
    expect(contents(dataDir)).toEqual(before);
  });
});
