import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { openExclusive } from '../../src/store/exclusive-open';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { builtScript } from '../helpers/built-src';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, TEST_MASTER_KEY, type Harness } from '../helpers/harness';
import { findNeedlesInFile, numberForms } from '../helpers/needles';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('backup FILE', () => {
  let fake: FakeTwilio;
  let h: Harness;
  const seeded = numbersIn('917', 3000);

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    const dataDir = tempDir();
    await seedMembers(dataDir, '917', seeded);
    h = await startHarness({ dataDir, twilioApiBaseUrl: fake.url });
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  const env = () => ({ DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });

  it('copies the database while the server keeps answering, into a 0600 file, and prints its size and counts', async () => {
    await h.sms('+19175550142', 'REPORT 917 grey van, took phone');
    const file = path.join(tempDir(), 'nightly.db');
    const backup = runAdminCli(['backup', file], env());
    let finished = false;
    void backup.then(() => (finished = true));
    // Members keep joining while the copy is taken: every webhook is answered.
    const replies: number[] = [];
    for (let i = 0; i < 400 && !finished; i++) replies.push((await h.sms(`+1917301${String(i).padStart(4, '0')}`, 'JOIN 917')).status);
    const r = await backup;
    expect(r.code).toBe(0);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((s) => s === 200)).toBe(true);

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const m = /^backup: (.+) \((\d+) bytes, mode 0600\): (\d+) members?, (\d+) reports?, (\d+) alerts?$/.exec(r.stdout);
    expect(m).not.toBeNull();
    const [, printedFile, bytes, members, reports, alerts] = m as RegExpExecArray;
    expect(printedFile).toBe(file);
    expect(Number(bytes)).toBe(fs.statSync(file).size);
    // A consistent snapshot: all seeded members and the report, plus whichever joins committed before it.
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = (t: string) => (copy.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      const subscribed = (copy.prepare("SELECT count(*) AS n FROM members WHERE status = 'active' AND id IN (SELECT member_id FROM subscriptions)").get() as { n: number }).n;
      expect(Number(members)).toBe(subscribed);
      expect(subscribed).toBeGreaterThanOrEqual(seeded.length);
      expect(subscribed).toBeLessThanOrEqual(seeded.length + replies.length);
      expect(Number(reports)).toBe(1);
      expect(Number(alerts)).toBe(0);
    } finally {
      copy.close();
    }
    // One self-contained file, sealed like the database it copies.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(findNeedlesInFile(file, [...numberForms(seeded[0] as string), ...numberForms('+19175550142'), 'grey van'])).toEqual([]);
  });

  it('never overwrites an existing file', async () => {
    const file = path.join(tempDir(), 'exists.db');
    fs.writeFileSync(file, 'keep me');
    const r = await runAdminCli(['backup', file], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`heads-up: ${file} already exists: choose a new file name (backups are never overwritten)`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('says a folder given as FILE is a folder, and names a file in it', async () => {
    const dir = tempDir();
    const r = await runAdminCli(['backup', `${dir}/`], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^heads-up: ${dir} is a folder: give a file name inside it \\(for example ${dir}/heads-up-\\d{4}-\\d\\d-\\d\\d\\.db\\)$`));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves no file at FILE when the database is damaged, and says to keep the earlier backups', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 300));
    const db = path.join(dataDir, 'heads-up.db');
    // A failing disk: every page but the first overwritten in its middle. The backup API copies pages as they are.
    const fd = fs.openSync(db, 'r+');
    for (let page = 1; page < fs.statSync(db).size / 4096; page++) fs.writeSync(fd, Buffer.alloc(200, 0xff), 0, 200, page * 4096 + 100);
    fs.closeSync(fd);
    const dir = tempDir();
    const file = path.join(dir, 'nightly.db');
    const r = await runAdminCli(['backup', file], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`heads-up: ${db} is damaged, so no backup was written: keep your earlier backups, and run npm run admin -- doctor (heads-up doctor in the image)`);
    // A file named like last night's backup would be kept, and the good ones rotated away.
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('leaves no file at FILE when the disk fills up, and says what to do', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nightly.db');
    // A disk with 128 KiB left: the shell's file size limit makes every write past it fail (EFBIG), as a full disk would.
    const proc = spawn('sh', ['-c', 'ulimit -f 128; exec "$0" "$@"', process.execPath, builtScript('src/cli/admin.ts'), 'backup', file], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(new RegExp(`^heads-up: could not write ${file.replace(/[.]/g, '\\.')} \\(.+\\): no backup was written; free some space on that disk, or back up to another one$`));
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses while restore or rotate-key holds the database (the copy would be empty), and leaves no file', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 3));
    // What restore and rotate-key hold while they run.
    const held = openExclusive(path.join(dataDir, 'heads-up.db'));
    const dir = tempDir();
    try {
      const r = await runAdminCli(['backup', path.join(dir, 'nightly.db')], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('heads-up: the database is in use by restore or rotate-key: back up once it has finished');
    } finally {
      held.close();
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses while a key rotation is unfinished (restore would refuse the copy), says what to do, and leaves no file', async () => {
    const dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 6));
    // rotate-key stopped half-way (killed, or the disk filled): some rows under each key.
    await cryptoReady();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    try {
      const { from, to } = rotationVersions(db);
      let batches = 0;
      const stopped = () => {
        if (++batches === 3) throw new Error('stopped');
      };
      const rotation = new KeyRotation(db, new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')), from), new Vault(new Uint8Array(Buffer.alloc(32, 11)), to), {
        batch: 2,
        onProgress: stopped,
      });
      expect(() => rotation.run()).toThrow('stopped');
    } finally {
      db.close();
    }
    const dir = tempDir();
    const r = await runAdminCli(['backup', path.join(dir, 'nightly.db')], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.stderr).toBe('heads-up: a key rotation was interrupted, so no backup was written (restore would refuse it): run rotate-key again with HEADSUP_NEW_MASTER_KEY to finish it, then back up');
    expect(r.code).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('fails with one line when DATA_DIR holds no database', async () => {
    const empty = tempDir();
    const r = await runAdminCli(['backup', path.join(empty, 'b.db')], { DATA_DIR: empty, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`heads-up: no database at ${path.join(empty, 'heads-up.db')}: check DATA_DIR`);
  });
});
