/**
 * restore and rotate-key run as root (sudo) over a line another user runs:
 * the files they made were root's, mode 0600, and the line's server could
 * not open them. They now give what they make DATA_DIR's owner. Run as that
 * owner (CI, a normal user), the files stay theirs. And a start on a file
 * the server's user may not open names the file and the rule.
 */
import fs from 'node:fs';
import path from 'node:path';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { backupDatabase } from '../../src/store/backup';
import { ownerFor } from '../../src/store/file-owner';
import { runAdminCli } from '../helpers/admin-cli';
import { startToFail } from '../helpers/child-server';
import { TEST_MASTER_KEY } from '../helpers/harness';
import { handToOperator, OPERATOR } from '../helpers/operator-user';
import { numbersIn, seedMembers } from '../helpers/seed';
import { tempDir } from '../helpers/temp-dir';

const NEW_KEY = Buffer.alloc(32, 12).toString('base64');

/** A line of a few members in a DATA_DIR that belongs to OPERATOR (nobody, where the tests run as root). */
async function operatorsLine(): Promise<string> {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 3));
  handToOperator(dataDir);
  return dataDir;
}

const owner = (file: string) => {
  const s = fs.statSync(file);
  return { uid: s.uid, gid: s.gid, mode: s.mode & 0o777 };
};

describe('who a file made in DATA_DIR is given to', () => {
  it("is DATA_DIR's owner only when root makes it in another user's DATA_DIR", () => {
    expect(ownerFor(0, { uid: 65534, gid: 65534 })).toEqual({ uid: 65534, gid: 65534 });
    expect(ownerFor(0, { uid: 1000, gid: 1001 })).toEqual({ uid: 1000, gid: 1001 });
    // Root's own DATA_DIR, a normal user (who cannot give files away), and a system without uids: left as made.
    expect(ownerFor(0, { uid: 0, gid: 0 })).toBeNull();
    expect(ownerFor(1000, { uid: 2000, gid: 2000 })).toBeNull();
    expect(ownerFor(undefined, { uid: 2000, gid: 2000 })).toBeNull();
  });
});

describe('restore and rotate-key over the line of the user that runs it', () => {
  it("restore leaves the restored database, and the line it replaced, to DATA_DIR's owner, mode 0600", async () => {
    const dataDir = await operatorsLine();
    const backup = path.join(tempDir(), 'line.db');
    await backupDatabase(path.join(dataDir, 'heads-up.db'), backup);
    const r = await runAdminCli(['restore', backup], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = owner(dataDir);
    // The line it replaced is kept beside it (sealed, as the database is): the server's user's too, mode 0600.
    expect(fs.readdirSync(dataDir).sort().map((f) => ({ f, ...owner(path.join(dataDir, f)) }))).toEqual([
      { f: 'heads-up.db', uid: dir.uid, gid: dir.gid, mode: 0o600 },
      { f: expect.stringMatching(/^heads-up\.db\.replaced-\d{4}-\d\d-\d\dT\d{6}$/), uid: dir.uid, gid: dir.gid, mode: 0o600 },
    ]);
  });

  it("rotate-key leaves the development key file it replaces to DATA_DIR's owner, mode 0600", async () => {
    const dataDir = await operatorsLine();
    const keyFile = path.join(dataDir, 'master.key');
    fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    handToOperator(dataDir);
    const lines = await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_NEW_MASTER_KEY: NEW_KEY }, () => undefined);
    expect(lines[1]).toBe(`rotate-key: ${keyFile} now holds the new key.`);
    const dir = owner(dataDir);
    expect(owner(keyFile)).toEqual({ uid: dir.uid, gid: dir.gid, mode: 0o600 });
    expect(owner(path.join(dataDir, 'heads-up.db'))).toEqual({ uid: dir.uid, gid: dir.gid, mode: 0o600 });
  }, 60_000);
});

describe('a start on a file of the line its user may not open', () => {
  /** The server started as OPERATOR on `dataDir`, after `file` in it was closed to that user. */
  async function startClosedTo(dataDir: string, file: string, env: Record<string, string>) {
    handToOperator(dataDir);
    fs.chmodSync(file, 0o000);
    const who = OPERATOR?.uid ?? process.getuid?.();
    const s = fs.statSync(file);
    const r = await startToFail({ DATA_DIR: dataDir, PORT: '0', ...env }, OPERATOR);
    return { ...r, expected: `this user (uid ${who}) may not open ${file} (owner uid ${s.uid}, mode 000): the files in DATA_DIR must belong to the user that runs the line, mode 600 (a restore or rotate-key run as another user leaves them so): chown them to it` };
  }

  it('names the database, the user and the rule, and logs the cause with no path or stack', async () => {
    const dataDir = await operatorsLine();
    const file = path.join(dataDir, 'heads-up.db');
    const { code, stderr, stdout, expected } = await startClosedTo(dataDir, file, { HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(code).toBe(1);
    expect(stderr).toBe(`heads-up: start-up failed: SQLITE_CANTOPEN (${expected})\n`);
    const logged = stdout.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([expect.objectContaining({ level: 60, msg: 'start-up failed', cause: 'file-not-openable', code: 'SQLITE_CANTOPEN' })]);
    expect(stdout).not.toContain(dataDir);
    expect(stdout).not.toContain('stack');
  }, 30_000);

  it('names a development key file its user may not read', async () => {
    const dataDir = await operatorsLine();
    const keyFile = path.join(dataDir, 'master.key');
    fs.writeFileSync(keyFile, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
    const { code, stderr, expected } = await startClosedTo(dataDir, keyFile, {});
    expect(code).toBe(1);
    expect(stderr).toBe(`heads-up: start-up failed: EACCES (${expected})\n`);
  }, 30_000);
});
