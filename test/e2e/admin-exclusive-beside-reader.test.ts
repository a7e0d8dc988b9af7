/**
 * restore and rotate-key need the database to themselves: beside a backup or
 * doctor still reading it (no server running), the refusal must say so, so a
 * volunteer does not hunt for a server that is not there.
 */
import path from 'node:path';
import { openToRead } from '../../src/store/open-to-read';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const NEW_KEY = Buffer.alloc(32, 9).toString('base64');

describe('restore and rotate-key beside a backup or doctor still reading', () => {
  let dataDir: string;
  let backup: string;
  const env = () => ({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, HEADSUP_NEW_MASTER_KEY: NEW_KEY });

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '917', numbersIn('917', 2));
    backup = path.join(tempDir(), 'line.db');
    expect((await runAdminCli(['backup', backup], env())).code).toBe(0);
  });

  it.each(['restore', 'rotate-key'])('%s names a backup or doctor at work, and to try again in a moment', async (command) => {
    // What a backup or doctor holds while it reads.
    const reader = openToRead(path.join(dataDir, 'heads-up.db'));
    try {
      reader.pragma('quick_check');
      const r = await runAdminCli(command === 'restore' ? ['restore', backup] : [command], env());
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('in use by another Heads Up process');
      expect(r.stderr).toContain('a backup or doctor still at work: try again in a moment');
      expect(r.stderr).toContain('a running server: stop it');
    } finally {
      reader.close();
    }
  }, 60_000);
});
