import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runAdminCli } from '../helpers/admin-cli';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { startHarness, tempDir, TEST_MASTER_KEY, type Harness } from '../helpers/harness';

const OTHER_KEY = Buffer.alloc(32, 9).toString('base64');
const reportsIn = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** A stopped line in a new DATA_DIR holding one report filed 40 days ago; returns its database file. */
async function lineWithAnOldReport(dataDir: string, from: string): Promise<string> {
  const h = await startHarness({ dataDir });
  await h.sms(from, 'REPORT 415 old one');
  await h.close();
  const file = path.join(dataDir, 'heads-up.db');
  const db = new Database(file);
  db.prepare('UPDATE reports SET created_at = ?').run(Date.now() - 40 * 86_400_000);
  db.close();
  return file;
}

describe('purge', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ twilio: true });
  });

  afterAll(async () => {
    await h.close();
  });

  it('erases now what is past RETENTION_DAYS while the server runs, and prints counts only', async () => {
    await h.sms('+14155550161', 'REPORT 415 old one');
    await h.sms('+14155550162', 'REPORT 415 new one');
    // Age the first report past a 30-day retention, as if filed 40 days ago.
    const db = new Database(path.join(h.dataDir, 'heads-up.db'));
    db.prepare('UPDATE reports SET created_at = ? WHERE id = (SELECT min(id) FROM reports)').run(Date.now() - 40 * 86_400_000);
    db.close();
    const r = await runAdminCli(['purge'], { DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, RETENTION_DAYS: '30' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^purge: erased what is older than 30 days: .*\breports 1\b/);
    expect(r.stdout).not.toMatch(/\+?1?415555016/);
    const pending = await runAdminCli(['PENDING'], { DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(pending.stdout.match(/#[A-Z0-9]{4,6}/g)).toHaveLength(1);
  });

  it('works on a database of the previous version (upgraded, not yet started): it is brought up to date first, as the server would', async () => {
    // The schema as the version before check-ins left it.
    const older = tempDir();
    for (const f of fs.readdirSync(path.resolve(__dirname, '../../migrations'))) {
      if (f < '0014') fs.copyFileSync(path.resolve(__dirname, '../../migrations', f), path.join(older, f));
    }
    const dataDir = tempDir();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(db, older);
    db.close();
    const r = await runAdminCli(['purge'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^purge: erased what is older than 90 days: /);
  });
});

/**
 * purge opened the database bare: under another line's key, or while a
 * rotate-key was unfinished (values sealed under two keys), it migrated and
 * erased, and exited 0. It now opens the line as every admin command does.
 */
describe('purge refuses a line it cannot open safely', () => {
  it('under another key: stops naming HEADSUP_MASTER_KEY and erases nothing; the right key still purges', async () => {
    const dataDir = tempDir();
    const file = await lineWithAnOldReport(dataDir, '+14155550161');
    const r = await runAdminCli(['purge'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: OTHER_KEY, RETENTION_DAYS: '30' });
    expect({ code: r.code, mentionsKey: /HEADSUP_MASTER_KEY/.test(r.stderr), reports: reportsIn(file) }).toEqual({ code: 1, mentionsKey: true, reports: 1 });
    const ok = await runAdminCli(['purge'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, RETENTION_DAYS: '30' });
    expect({ code: ok.code, reports: reportsIn(file) }).toEqual({ code: 0, reports: 0 });
  });

  it('while a rotate-key is unfinished: refused as every other admin command and the server are, erasing nothing', async () => {
    const dataDir = tempDir();
    const file = await lineWithAnOldReport(dataDir, '+14155550162');
    const db = new Database(file);
    // As rotate-key leaves it when killed half-way.
    db.prepare("INSERT INTO key_rotation (id, to_version, new_check, step, cursor, started_at) VALUES (1, 2, x'00', 'reports', 0, 0)").run();
    db.close();
    const pending = await runAdminCli(['PENDING'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(pending.stderr).toMatch(/rotation was interrupted/);
    const r = await runAdminCli(['purge'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, RETENTION_DAYS: '30' });
    expect({ code: r.code, stderr: r.stderr, reports: reportsIn(file) }).toEqual({ code: 1, stderr: expect.stringMatching(/rotation was interrupted/), reports: 1 });
  });
});
