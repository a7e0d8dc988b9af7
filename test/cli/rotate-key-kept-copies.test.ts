/**
 * A restore keeps the line it replaced in DATA_DIR (heads-up.db.replaced-<time>):
 * the whole line, sealed under the key of the day. Rotating because that key
 * leaked, the operator must be told these copies stay readable by it, and
 * how to delete them; doctor, under the new key, names one it does not open.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { rotateKeyCommand } from '../../src/cli/rotate-key-command';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';
import { lineWithReplacedCopy } from './replaced-line';

const NEW_KEY = Buffer.alloc(32, 12).toString('base64');

it('rotate-key names the line a restore replaced as sealed under the retired key, with the rm that deletes it; doctor warns of it after', async () => {
  const { dataDir, target, replaced } = await lineWithReplacedCopy();

  const lines = await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY }, () => undefined);
  expect(lines).toContain(`rotate-key: ${replaced} is an old copy of the line kept in DATA_DIR, sealed under the retired key: whoever holds that key reads it whole.`);
  const rm = lines.find((l) => l.includes('rm -f -- '));
  expect(rm).toContain(`'${replaced}'`);
  // The backup to take first, in both forms: the image has no npm run admin.
  expect(rm).toContain('take a new backup first: npm run admin -- backup FILE (heads-up backup FILE in the image)');

  // Under the new key, doctor warns of it (as it did before, and now of its key).
  const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: NEW_KEY, PUBLIC_URL: 'https://headsup.example.org' });
  const said = checks.map((c) => `${c.ok ? 'OK' : 'FAIL'} ${c.name}: ${c.detail}`).join('\n');
  expect(said).toContain(`${replaced} is an old copy of a line that the line's master key does not open: it is sealed under another key`);

  // The printed command, run as printed, deletes it and nothing else.
  execFileSync('sh', ['-c', (rm as string).slice(rm?.indexOf('rm -f -- '))]);
  expect(fs.existsSync(replaced)).toBe(false);
  expect(fs.existsSync(target)).toBe(true);
  const after = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: NEW_KEY, PUBLIC_URL: 'https://headsup.example.org' });
  expect(after.map((c) => c.detail).join('\n')).not.toContain('replaced-');
}, 60_000);

it('rotate-key says nothing of kept copies where there are none', async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 2));
  const lines = await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY }, () => undefined);
  expect(lines.join('\n')).not.toContain('old copy');
  expect(lines[0]).toContain('every value is now sealed under key version');
}, 60_000);

it('rotate-key names what an interrupted restore left under its plain names (.before-restore, .restoring) too', async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 2));
  const target = path.join(dataDir, 'heads-up.db');
  for (const tail of ['.before-restore', '.restoring']) fs.copyFileSync(target, `${target}${tail}`);
  const lines = await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY }, () => undefined);
  for (const tail of ['.before-restore', '.restoring']) {
    expect(lines).toContain(`rotate-key: ${target}${tail} is an old copy of the line kept in DATA_DIR, sealed under the retired key: whoever holds that key reads it whole.`);
  }
}, 60_000);

it('rotate-key does not name a .before-restore that is a second name of the database itself (a restore killed before its swap)', async () => {
  const dataDir = tempDir();
  await seedMembers(dataDir, '917', numbersIn('917', 2));
  const target = path.join(dataDir, 'heads-up.db');
  fs.linkSync(target, `${target}.before-restore`);
  fs.copyFileSync(target, `${target}.restoring`);
  const lines = await rotateKeyCommand({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY }, () => undefined);
  const said = lines.join('\n');
  expect(said).not.toContain(`${target}.before-restore`);
  expect(lines).toContain(`rotate-key: ${target}.restoring is an old copy of the line kept in DATA_DIR, sealed under the retired key: whoever holds that key reads it whole.`);
}, 60_000);
