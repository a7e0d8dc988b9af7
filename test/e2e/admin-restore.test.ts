import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { FakeTwilio } from '../fakes/fake-twilio';
import { runAdminCli } from '../helpers/admin-cli';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, TEST_MASTER_KEY, type Harness } from '../helpers/harness';
import { leaveOnlyWal } from '../helpers/orphan-wal';
import { numbersIn, seedMembers } from '../helpers/seed';

const OTHER_KEY = Buffer.alloc(32, 21).toString('base64');

/** What restore says of the backup's one pending report. */
const PENDING_LINE = 'restore: 1 report waits for a moderator, each as it read in the backup (an EDIT made since is undone): SHOW each again before you APPROVE it';

describe('restore FILE', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let dataDir: string;
  let backup: string;
  const env = () => ({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
  const count = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await fake.start();
    h = await startHarness({ twilioApiBaseUrl: fake.url });
    dataDir = h.dataDir;
    await h.sms('+17185550101', 'JOIN 718');
    await h.sms('+17185550102', 'REPORT 718 blue sedan');
    backup = path.join(tempDir(), 'line.db');
    expect((await runAdminCli(['backup', backup], env())).code).toBe(0);
    // Joined after the backup: gone once it is restored.
    await h.sms('+17185550103', 'JOIN 718');
  });

  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('refuses while the server has DATA_DIR open, and changes nothing', async () => {
    const r = await runAdminCli(['restore', backup], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('heads-up: the database is in use by another Heads Up process (a running server: stop it; a restore or rotate-key: let it finish; a backup or doctor still at work: try again in a moment), then run this again');
    expect((await h.sms('+17185550103', 'AREAS')).message).toContain('718');
  });

  it('refuses a backup made under another key, a newer schema and a file that is not a backup, leaving the database as it was', async () => {
    await h.close();
    const before = count(path.join(dataDir, 'heads-up.db'));
    const other = await startHarness({ twilio: false, env: { HEADSUP_MASTER_KEY: OTHER_KEY } });
    await other.sms('+17185550104', 'JOIN 718').catch(() => undefined);
    await other.close();
    const foreign = path.join(tempDir(), 'foreign.db');
    expect((await runAdminCli(['backup', foreign], { DATA_DIR: other.dataDir, HEADSUP_MASTER_KEY: OTHER_KEY })).code).toBe(0);
    const wrongKey = await runAdminCli(['restore', foreign], env());
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toBe(`heads-up: ${foreign} was made under another master key: set HEADSUP_MASTER_KEY to the key of that backup; if rotate-key ran since that backup was made, that key is retired: restore a backup made since the rotation, and delete backups made before it (README, Rotate the key)`);

    const newer = path.join(tempDir(), 'newer.db');
    fs.copyFileSync(backup, newer);
    const db = new Database(newer);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', 0)").run();
    db.close();
    const future = await runAdminCli(['restore', newer], env());
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/^heads-up: .*newer\.db was made by a newer version of Heads Up \(schema 9999, this one knows \d+\): upgrade first$/);

    const junk = path.join(tempDir(), 'junk.db');
    fs.writeFileSync(junk, 'not a database at all, just text '.repeat(200));
    const notBackup = await runAdminCli(['restore', junk], env());
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toBe(`heads-up: ${junk} is damaged or not a Heads Up backup`);

    expect(count(path.join(dataDir, 'heads-up.db'))).toBe(before);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('restoring') || f.includes('before-restore'))).toEqual([]);
  });

  it('leaves the database as it was when the backup cannot be brought up to this schema', async () => {
    const live = path.join(dataDir, 'heads-up.db');
    const before = fs.readFileSync(live);
    // A backup whose record of migrations lost the first one: applying it again (it creates the tables) fails.
    const broken = path.join(tempDir(), 'broken.db');
    fs.copyFileSync(backup, broken);
    const db = new Database(broken);
    db.prepare('DELETE FROM schema_migrations WHERE version = 1').run();
    db.close();
    const r = await runAdminCli(['restore', broken], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^heads-up: .*broken\.db cannot be brought up to this version's schema \(.+\): restore another backup$/);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(fs.readdirSync(dataDir).filter((f) => f.includes('restoring') || f.includes('before-restore'))).toEqual([]);
  });

  it('restores the backup with the server stopped; the line starts cleanly with the backup’s data', async () => {
    const r = await runAdminCli(['restore', backup], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [done, replaced, ...more] = r.stdout.split('\n');
    expect(done).toBe(`restore: ${path.join(dataDir, 'heads-up.db')} now holds the backup ${backup}: 1 member, 1 report, 0 alerts; start the server`);
    // The line it replaced had a member more (joined after the backup): said, and kept, not deleted.
    // Under its own name: a .before-restore.kept- file is what an interrupted restore left, which the start offers as the line.
    const kept = fs.readdirSync(dataDir).filter((f) => f.includes('restoring') || f.includes('before-restore') || f.includes('.replaced-'));
    expect(kept).toEqual([expect.stringMatching(/^heads-up\.db\.replaced-\d{4}-\d\d-\d\dT\d{6}$/)]);
    const keptFile = path.join(dataDir, kept[0]!);
    expect(replaced).toBe(`restore: it replaced a line with 2 members, 1 report, 0 alerts, kept as ${keptFile} (sealed under the key, as the database is): delete it once you are sure the restored line is the one you want`);
    // Its pending report is shown again before an APPROVE (an EDIT since the backup is undone): said by count.
    expect(more).toEqual([PENDING_LINE]);
    expect(count(keptFile)).toBe(2);
    expect(fs.statSync(keptFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'heads-up.db')).mode & 0o777).toBe(0o600);
    // Doctor names it for the operator to delete, as a warning (every restore that worked leaves one); the start is not stopped by it.
    expect((await runAdminCli(['doctor'], env())).stdout.split('\n')).toContain(
      `WARN restore: ${keptFile} is the line a restore replaced (from before it; never put it back as heads-up.db): delete it once you are sure the restored line is the one you want (it keeps what retention erased)`,
    );

    h = await startHarness({ twilioApiBaseUrl: fake.url, dataDir });
    expect((await h.sms('+17185550101', 'AREAS')).message).toContain('718');
    // The member who joined after the backup is not in it.
    expect((await h.sms('+17185550103', 'AREAS')).message).not.toContain('718');
    const pending = await runAdminCli(['PENDING'], env());
    expect(pending.stdout).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('refuses to restore the database onto itself (by any path), which emptied the line', async () => {
    const dir = tempDir();
    await seedMembers(dir, '718', numbersIn('718', 3));
    const live = path.join(dir, 'heads-up.db');
    const link = path.join(tempDir(), 'latest.db');
    fs.symlinkSync(live, link);
    for (const given of [live, link]) {
      const r = await runAdminCli(['restore', given], { DATA_DIR: dir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`heads-up: ${given} is the line's database itself: restore a backup file (npm run admin -- backup FILE (heads-up backup FILE in the image) makes one)`);
      expect(count(live)).toBe(3);
    }
  });

  it('where only the WAL of the database that was there is left, restores the backup without it, keeps it renamed and says so', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    const wal = leaveOnlyWal(file);
    const r = await runAdminCli(['restore', backup], { DATA_DIR: dir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const kept = fs.readdirSync(dir).filter((f) => f.includes('stray'));
    expect(kept.map((f) => f.replace(/\d/g, '0'))).toEqual(['heads-up.db-wal.stray-0000-00-00T000000']);
    expect(r.stdout).toBe(
      `restore: ${file} now holds the backup ${backup}: 1 member, 1 report, 0 alerts; start the server\n` +
        `${PENDING_LINE}\n` +
        `restore: the write-ahead log left without its database was not applied, and is kept as ${path.join(dir, kept[0] as string)}: delete it once the line is right`,
    );
    expect(fs.readFileSync(path.join(dir, kept[0] as string)).equals(wal)).toBe(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'last_writes'").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(count(file)).toBe(1);
  });

  it('restores into an empty DATA_DIR (a new server)', async () => {
    const fresh = tempDir();
    const r = await runAdminCli(['restore', backup], { DATA_DIR: path.join(fresh, 'data'), HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.code).toBe(0);
    expect(count(path.join(fresh, 'data', 'heads-up.db'))).toBe(1);
    expect(fs.statSync(path.join(fresh, 'data')).mode & 0o777).toBe(0o700);
  });
});
