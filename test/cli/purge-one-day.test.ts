/** purge names RETENTION_DAYS as a count: "older than 1 day", never "1 days" (found by a hunt on the operator's tools). */
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { botWorld } from '../helpers/bot-world';

const KEY = Buffer.alloc(32, 5).toString('base64');

it('says "older than 1 day" under RETENTION_DAYS=1, and "older than 2 days" under 2', async () => {
  const w = await botWorld();
  w.sms('+14155550120', 'JOIN 415');
  w.db.close();
  const env = { DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: KEY };
  const one = await runAdminCli(['purge'], { ...env, RETENTION_DAYS: '1' });
  expect(one.stderr).toBe('');
  expect(one.stdout).toMatch(/^purge: erased what is older than 1 day: /);
  expect((await runAdminCli(['purge'], { ...env, RETENTION_DAYS: '2' })).stdout).toMatch(/^purge: erased what is older than 2 days: /);
});
