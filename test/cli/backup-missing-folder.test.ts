/**
 * The README's nightly cron backup writes into a folder that a fresh
 * machine does not have: backup refused it with "… does not exist" and no
 * word of what to do. It names the mkdir now, and writes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

it('backup into a folder that does not exist says to create it first, with the command', async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 1));
  const folder = path.join(tempDir(), 'backups', 'heads-up');
  const r = await runAdminCli(['backup', path.join(folder, 'line.db')], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`heads-up: ${folder} does not exist: create it first (mkdir -m 700 -p -- '${folder}'), then run backup again`);
  expect(fs.existsSync(folder)).toBe(false);
  // The printed command, run as printed, makes the folder closed to others.
  const mkdir = r.stderr.slice(r.stderr.indexOf('mkdir'), r.stderr.indexOf('), then'));
  execFileSync('sh', ['-c', mkdir]);
  expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
}, 60_000);
