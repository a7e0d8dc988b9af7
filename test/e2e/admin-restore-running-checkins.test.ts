/**
 * restore says how many check-ins came back running, what the server's start
 * does with them, and to start it now: each ends no sooner than 30 minutes
 * from that start, and she is asked whether she is safe; who is told of one
 * not ended is who any missed check-in tells, maybe no one
 * (jobs/checkin-restored.ts).
 */
import path from 'node:path';
import { backupDatabase } from '../../src/store/backup';
import { runAdminCli } from '../helpers/admin-cli';
import { botWorld } from '../helpers/bot-world';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 5).toString('base64');
const LINE = { checkins: { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const] } };

it('restore counts the check-ins that came back running and says to start the server now', async () => {
  const w = await botWorld(LINE);
  for (const [her, buddy] of [
    ['+14155550100', '+12125550143'],
    ['+14155550111', '+12125550144'],
  ] as const) {
    w.sms(her, 'JOIN 415');
    w.sms(her, `BUDDY ${buddy} Rose`);
    w.sms(buddy, 'ACCEPT');
    w.sms(her, 'CHECKIN 30 room 12');
  }
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(w.file, backup);
  w.db.close();
  const dataDir = tempDir();
  const r = await runAdminCli(['restore', backup], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY });
  expect(r.stderr).toBe('');
  expect(r.stdout.split('\n')).toEqual([
    `restore: ${path.join(dataDir, 'heads-up.db')} now holds the backup ${backup}: 2 members, 0 reports, 0 alerts; start the server`,
    'restore: 2 check-ins were running when the backup was made, and run again (she may have ended hers since): start the server now; at its start each ends no sooner than 30 minutes from then (a later end stays) and she is texted to reply OK if she is safe; one not ended then is told as any missed check-in is: to her buddies, else to the moderators under CHECKIN_FALLBACK=moderators, else to no one',
  ]);
}, 60_000);
