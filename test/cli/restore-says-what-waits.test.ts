/**
 * restore says, by counts and references only, what in the backup acts again
 * at the server's first start though the line may have done or undone it
 * since: reports waiting for a moderator (an EDIT since is undone, so each is
 * shown again before APPROVE), and the alerts whose copies wait (sent since,
 * members get them twice; RETRACTed since, they go to the area again).
 */
import path from 'node:path';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { claimLane } from '../../src/store/outbox-claims';
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

it('restore names each alert whose copies wait in the backup, with how many, and says to RETRACT it again before the start if it was retracted since', async () => {
  const w = await botWorld({ moderators: new Set([MOD]) });
  for (const n of ['+14155550120', '+14155550121']) w.sms(n, 'JOIN 415');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, 'ALERT 415 grey van, knife').reply ?? '')?.[1] as string;
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  // Approved last, its fan-out not yet planned when the backup was made.
  const next = /#([A-Z0-9]{4,6})/.exec(w.sms(MOD, 'ALERT 415 blue truck').reply ?? '')?.[1] as string;
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(w.file, backup);
  w.db.close();
  const env = { DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: KEY };
  const r = await runAdminCli(['restore', backup], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.trim().split('\n').filter((l) => l.includes('alert'))).toEqual([
    expect.stringContaining('holds the backup'),
    `restore: 2 copies of alert #${ref} were waiting in the backup and go when the server starts (a member whose copy went out after the backup gets a second one): if #${ref} was retracted since the backup, RETRACT ${ref} again before you start the server`,
    `restore: the copies of alert #${next} were still to be queued in the backup and go when the server starts (a member whose copy went out after the backup gets a second one): if #${next} was retracted since the backup, RETRACT ${next} again before you start the server`,
  ]);
  expect(r.stdout).not.toMatch(/grey van|knife|blue truck/);
  // As it says: RETRACT with the server stopped leaves none of them to go at the start.
  expect((await runAdminCli(['RETRACT', ref], env)).code).toBe(0);
  const db = new Db(path.join(env.DATA_DIR, 'heads-up.db'));
  try {
    const now = Date.now() + 60_000;
    expect(claimLane(db, 'sms', now, 100, now + 60_000).filter((row) => row.alert_id !== null)).toEqual([]);
  } finally {
    db.close();
  }
});
