/**
 * A 0-byte database file beside a write-ahead log that holds the line (a
 * line before its first checkpoint keeps everything in its WAL; a hand copy
 * that failed on the main file). SQLite deletes a WAL beside a 0-page file
 * as it opens it, even read-only: the checks must refuse without opening it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { notALine } from '../../src/store/line-file';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness, tempDir, TEST_MASTER_KEY } from '../helpers/harness';
import { numbersIn, seedMembers } from '../helpers/seed';

const startOn = (dataDir: string) =>
  startHarness({ dataDir }).then(
    async (h) => (await h.close(), 'started'),
    (err: Error) => err.message,
  );

function zeroByteLineWithWal(): { dataDir: string; wal: string; walBytes: Buffer } {
  const running = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(running);
  const dataDir = tempDir();
  const wal = path.join(dataDir, 'heads-up.db-wal');
  fs.copyFileSync(`${running.sqlite.name}-wal`, wal);
  running.close();
  fs.writeFileSync(path.join(dataDir, 'heads-up.db'), '');
  return { dataDir, wal, walBytes: fs.readFileSync(wal) };
}

describe('a 0-byte database beside the WAL that holds the line is refused, the WAL kept', () => {
  it('the is-a-line check only reads: the WAL is still there afterwards', () => {
    const { dataDir, wal, walBytes } = zeroByteLineWithWal();
    expect(walBytes.length).toBeGreaterThan(100_000);
    try {
      notALine(path.join(dataDir, 'heads-up.db'));
    } catch {
      // a refusal is fine; losing the log is not
    }
    expect(fs.existsSync(wal)).toBe(true);
  });

  it('a start refuses naming the WAL, not "empty, delete it", and leaves the WAL in place', async () => {
    const { dataDir, wal, walBytes } = zeroByteLineWithWal();
    const msg = await startOn(dataDir);
    expect(msg).not.toBe('started');
    expect(msg).not.toContain('if the file was made by mistake, delete it');
    expect(msg).toContain('heads-up.db-wal');
    expect(fs.existsSync(wal) && fs.readFileSync(wal).equals(walBytes)).toBe(true);
  });

  it('doctor (which only reads) leaves the WAL in place', async () => {
    const { dataDir, wal, walBytes } = zeroByteLineWithWal();
    await runAdminCli(['doctor'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect(fs.existsSync(wal) && fs.readFileSync(wal).equals(walBytes)).toBe(true);
  }, 60_000);

  it('backup refuses naming the WAL and leaves it in place', async () => {
    const { dataDir, wal, walBytes } = zeroByteLineWithWal();
    const r = await runAdminCli(['backup', path.join(tempDir(), 'b.db')], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: expect.stringContaining('heads-up.db-wal, which may hold the line') });
    expect(fs.existsSync(wal) && fs.readFileSync(wal).equals(walBytes)).toBe(true);
  }, 60_000);

  it('restore (which that refusal names) keeps the WAL as a stray log beside the restored line, and says so', async () => {
    const { dataDir, wal, walBytes } = zeroByteLineWithWal();
    const other = tempDir();
    await seedMembers(other, '917', numbersIn('917', 2));
    const backup = path.join(tempDir(), 'line.db');
    expect((await runAdminCli(['backup', backup], { DATA_DIR: other, HEADSUP_MASTER_KEY: TEST_MASTER_KEY })).code).toBe(0);
    const r = await runAdminCli(['restore', backup], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    const stray = fs.readdirSync(dataDir).filter((f) => f.startsWith('heads-up.db-wal.stray-'));
    const kept = path.join(dataDir, stray[0] ?? 'none');
    expect({ code: r.code, stray: stray.length, says: r.stdout.includes('write-ahead log left without its database was not applied') }).toEqual({ code: 0, stray: 1, says: true });
    expect(fs.existsSync(kept) && fs.readFileSync(kept).equals(walBytes) && !fs.existsSync(wal)).toBe(true);
  }, 60_000);
});
