/**
 * A line on a development key file whose file is gone (deleted, or not
 * copied with the database): only the key it held opens the line. doctor and
 * the admin commands say so, as the server's start does, rather than "set
 * HEADSUP_MASTER_KEY", which sends a volunteer to generate a new key that
 * opens nothing.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness } from '../helpers/harness';
import { lineWithoutKey } from '../helpers/line-without-key';
import { tempDir } from '../helpers/temp-dir';

describe('a line beside no key file (its development key file lost, or made under HEADSUP_MASTER_KEY and run without it)', () => {
  it('doctor says to set HEADSUP_MASTER_KEY to the key the line was made with or put that file back, and that a new key cannot open it', async () => {
    const dataDir = await lineWithoutKey();
    const key = (await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir })).find((c) => c.name === 'key');
    expect(key?.ok).toBe(false);
    expect(key?.detail).toContain(`there is no ${path.join(dataDir, 'master.key')}`);
    expect(key?.detail).toContain('if the line ran on a development key file, put that file back');
    expect(key?.detail).toContain('Set HEADSUP_MASTER_KEY to that key');
    expect(key?.detail).toContain('a new key cannot open');
  });

  it('an admin command says the same', async () => {
    const dataDir = await lineWithoutKey();
    const r = await runAdminCli(['STATS'], { DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`there is no ${path.join(dataDir, 'master.key')}`);
    expect(r.stderr).toContain('a new key cannot open');
  }, 60_000);

  it('doctor beside a line made under HEADSUP_MASTER_KEY, run without it, does not send her looking for a key file that never was', async () => {
    const dataDir = tempDir();
    const h = await startHarness({ dataDir });
    await h.sms('+14155550100', 'JOIN');
    await h.close();
    const key = (await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir })).find((c) => c.name === 'key');
    expect(key?.ok).toBe(false);
    expect(key?.detail).toContain('Set HEADSUP_MASTER_KEY to that key');
    expect(key?.detail).not.toContain('the key that file held');
  });

  // README: outside production the key is generated into DATA_DIR/master.key at first start; "set HEADSUP_MASTER_KEY" alone contradicted it.
  it('doctor on a fresh DATA_DIR (no database yet) says the server makes the development key file at its first start, and that production needs HEADSUP_MASTER_KEY', async () => {
    for (const nodeEnv of ['development', 'test']) {
      const dataDir = tempDir();
      const key = (await runDoctor({ NODE_ENV: nodeEnv, DATA_DIR: dataDir })).find((c) => c.name === 'key');
      expect(key?.ok).toBe(false);
      expect(key?.detail).toBe(
        `HEADSUP_MASTER_KEY is not set and there is no development key file yet: the server makes one, ${path.join(dataDir, 'master.key')}, at its first start (npm start once); in production, set HEADSUP_MASTER_KEY instead (openssl rand -base64 32)`,
      );
    }
  });
});
