/**
 * With HEADSUP_MASTER_KEY set, the server never reads DATA_DIR/master.key:
 * one left there (the development key of the line's first days, or the key
 * itself copied there) is a key beside the data it opens, for whoever takes
 * the disk. doctor says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('doctor on a key file beside HEADSUP_MASTER_KEY', () => {
  it('fails the check while DATA_DIR holds a master.key the server does not use, saying what to do', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'master.key'), Buffer.alloc(32, 9).toString('base64'), { mode: 0o600 });
    const line = (await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY })).find((c) => c.name === 'key file');
    expect(line?.ok).toBe(false);
    expect(line?.detail).toMatch(/^.*master\.key is not used \(HEADSUP_MASTER_KEY is set\).*Move it off this machine.*or delete it$/);
  });

  it('says nothing of a key file when there is none', async () => {
    const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: KEY });
    expect(results.map((c) => c.name)).not.toContain('key file');
    expect(results.map((c) => c.name)).toContain('configuration');
  });
});
