/**
 * doctor and `.env`: a file that holds the master key (or another secret)
 * and that others can read is named, as the development key file is; one
 * that holds no secret, or is 0600, is not. Run in-process from a folder of
 * its own (the server and the admin commands read `.env` from where they run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

describe('doctor and .env', () => {
  const cwd = process.cwd();
  let dataDir: string;
  let dir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    await seedMembers(dataDir, '415', numbersIn('415', 2));
  });
  beforeEach(() => {
    dir = tempDir();
    process.chdir(dir);
  });
  afterEach(() => process.chdir(cwd));

  const failures = async () =>
    (await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir })).filter((r) => !r.ok).map((r) => `${r.name}: ${r.detail}`);

  it('names a .env that holds the master key and that others can read', async () => {
    fs.writeFileSync('.env', `DATA_DIR=${dataDir}\nHEADSUP_MASTER_KEY=${TEST_MASTER_KEY}\nMETRICS_TOKEN=\n`, { mode: 0o644 });
    fs.chmodSync('.env', 0o644);
    expect(await failures()).toEqual([`.env file mode: ${path.join(fs.realpathSync(dir), '.env')} holds HEADSUP_MASTER_KEY and is readable by others (mode 644): chmod 600 it`]);
    fs.chmodSync('.env', 0o600);
    expect(await failures()).toEqual([]);
  });

  it('leaves alone a .env others can read that holds no secret', async () => {
    // The key in the environment, the rest in a readable file.
    fs.writeFileSync('.env', `DATA_DIR=${dataDir}\nLOG_LEVEL=info\n`);
    fs.chmodSync('.env', 0o644);
    const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});
