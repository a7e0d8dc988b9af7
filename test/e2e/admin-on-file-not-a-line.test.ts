/**
 * The admin commands open the line as the server does: on an empty file at
 * the database's place they migrated it into a new, empty line (and then the
 * server started on it too). They refuse, naming the file and the cause, and
 * leave it as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runAdminCli } from '../helpers/admin-cli';
import { tempDir, TEST_MASTER_KEY } from '../helpers/harness';

describe('an admin command on a database file that is no Heads Up line', () => {
  it('refuses, naming the file and the cause, and leaves it empty', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    fs.writeFileSync(file, '', { mode: 0o600 });
    const r = await runAdminCli(['PENDING'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
      code: 1,
      stderr: `heads-up: ${file} is an empty file (0 bytes), not a Heads Up line: if the line was there, put its database back or run heads-up restore with the latest backup; if the file was made by mistake, delete it and start again to make a new line`,
      stdout: '',
    });
    expect(fs.readdirSync(dataDir)).toEqual(['heads-up.db']);
    expect(fs.statSync(file).size).toBe(0);
  }, 60_000);
});
