/**
 * doctor looks in DATA_DIR for what a restore left: a DATA_DIR that is a
 * file, or one this user may not read, threw out of doctor with errno text
 * and no other check. It names the folder and goes on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { runAdminCliAs } from '../helpers/admin-cli';
import { handToOperator, OPERATOR } from '../helpers/operator-user';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 7).toString('base64');

/** Doctor's database lines on `dataDir`, and whether it still checked the time zone after them. */
async function databaseLines(dataDir: string): Promise<{ database: string[]; wentOn: boolean }> {
  const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: KEY });
  return { database: results.filter((r) => r.name === 'database').map((r) => `${r.ok ? 'OK' : 'FAIL'} ${r.detail}`), wentOn: results.some((r) => r.name === 'time zone') };
}

describe('doctor on a DATA_DIR it cannot look into', () => {
  it('names a DATA_DIR that is a file, not a folder', async () => {
    const file = path.join(tempDir(), 'data');
    fs.writeFileSync(file, '');
    expect(await databaseLines(file)).toEqual({ database: [`FAIL ${file} is not a folder: check DATA_DIR`], wentOn: true });
  });

  it('names a DATA_DIR this user may not read, and sends the operator to run doctor as the line does', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o000);
    try {
      // root reads any folder: there doctor finds it empty, as it is.
      const expected = process.getuid?.() === 0 ? `no database at ${path.join(dir, 'heads-up.db')}: start the server once, or restore a backup` : `cannot read ${dir}: run doctor as the user that runs the line`;
      expect(await databaseLines(dir)).toEqual({ database: [`FAIL ${expected}`], wentOn: true });
    } finally {
      fs.chmodSync(dir, 0o700);
    }
  });

  it('names a DATA_DIR inside a folder this user may not enter (run as nobody where the tests run as root), and goes on', async () => {
    const outer = tempDir();
    const dir = path.join(outer, 'data');
    fs.mkdirSync(dir);
    handToOperator(outer);
    fs.chmodSync(outer, 0o000);
    try {
      const r = await runAdminCliAs(OPERATOR, ['doctor'], { DATA_DIR: dir, HEADSUP_MASTER_KEY: KEY });
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n').filter((l) => l.includes(' database: '))).toEqual([`FAIL database: cannot read ${dir}: run doctor as the user that runs the line`]);
      expect(r.stdout).toContain('time zone: ');
      expect(r.code).toBe(1);
    } finally {
      fs.chmodSync(outer, 0o700);
    }
  }, 30_000);
});
