/**
 * restore says, by counts and references only, what in the backup acts again
 * at the server's first start though the line may have done or undone it
 * since: reports waiting for a moderator (an EDIT since is undone, so each is
 * shown again before APPROVE).
 */
import path from 'node:path';
import { backupDatabase } from '../../src/store/backup';
import { runAdminCli } from '../helpers/admin-cli';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 5).toString('base64');
const MOD = '+14155550192';

it('restore counts the reports waiting for a moderator and says to SHOW each again, quoting none', async () => {
  const w = await botWorld({ moderators: new Set([MOD]) });
  w.sms('+14155550120', 'JOIN 415');
  for (const text of ['grey van, punched a worker', 'red car, Jess 415 555 0142 saw him']) w.sms('+14155550130', `REPORT 415 ${text}`);
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(w.file, backup);
  w.db.close();
  const r = await runAdminCli(['restore', backup], { DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: KEY });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines.filter((l) => l.includes('SHOW'))).toEqual([
    'restore: 2 reports wait for a moderator, each as it read in the backup (an EDIT made since is undone): SHOW each again before you APPROVE it',
  ]);
  expect(r.stdout).not.toMatch(/grey van|red car|0142/);
});
