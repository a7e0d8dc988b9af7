import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runAdminCli } from '../helpers/admin-cli';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { startHarness, tempDir, TEST_MASTER_KEY, type Harness } from '../helpers/harness';

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
    expect(r.stdout).toMatch(/^purge: erased what is older than 30 days: .*\b1 reports\b/);
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
