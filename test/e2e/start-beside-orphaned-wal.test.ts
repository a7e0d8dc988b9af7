/**
 * A server started where its database is gone but something of the line is
 * left (the write-ahead log of a database moved away after a crash, or the
 * database an interrupted restore set aside) would make a new, empty line:
 * members would get no alert, and the old line's last writes would be lost.
 * It refuses, naming what it found and what to do, and makes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, tempDir } from '../helpers/harness';
import { leaveOnlyWal } from '../helpers/orphan-wal';

/** Starts a server on `dataDir`: the message it refused with, or 'started' (closed at once). */
const startOn = (dataDir: string) =>
  startHarness({ dataDir }).then(
    async (h) => (await h.close(), 'started'),
    (err: Error) => err.message,
  );

describe('a start where the database is gone but the line left a trace', () => {
  it('beside a write-ahead log with no database, refuses, keeps the log, and makes no database', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const wal = leaveOnlyWal(file);
    expect(await startOn(dataDir)).toContain(`DATA_DIR: no database at ${file}, but its write-ahead log ${file}-wal`);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(`${file}-wal`).equals(wal)).toBe(true);
  });

  it('beside the database an interrupted restore set aside, refuses and makes no database', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const first = await startHarness({ dataDir });
    await first.close();
    fs.renameSync(file, `${file}.before-restore`);
    expect(await startOn(dataDir)).toContain(`DATA_DIR: no database at ${file}, but ${file}.before-restore, left by an interrupted restore`);
    expect(fs.existsSync(file)).toBe(false);
  });

  it("beside only a restore's staged copy (heads-up.db.restoring), refuses naming it and makes no database", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const first = await startHarness({ dataDir });
    await first.close();
    fs.renameSync(file, `${file}.restoring`);
    const msg = await startOn(dataDir);
    expect(msg).toContain(`DATA_DIR: no database at ${file}, but ${file}.restoring`);
    expect(msg).toContain('npm run admin -- restore (heads-up restore in the image)');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('beside only a database a restore kept aside (heads-up.db.before-restore.kept-<time>), refuses naming it and makes no database', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const first = await startHarness({ dataDir });
    await first.close();
    const kept = `${file}.before-restore.kept-2026-12-01T031500`;
    fs.renameSync(file, kept);
    fs.writeFileSync(`${file}.restoring`, Buffer.alloc(4096), { mode: 0o600 });
    const msg = await startOn(dataDir);
    expect(msg).toContain(`DATA_DIR: no database at ${file}, but ${kept}`);
    expect(fs.existsSync(file)).toBe(false);
  });
  it("beside the log a restore kept aside as heads-up.db-wal.stray-<time> (the line's last writes), refuses naming it and makes no database", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'heads-up.db');
    const wal = leaveOnlyWal(file);
    // What a restore did before it was killed at its swap (its staged copy since deleted, as doctor allows).
    const stray = `${file}-wal.stray-2026-12-06T084500`;
    fs.renameSync(`${file}-wal`, stray);
    expect(await startOn(dataDir)).toContain(`DATA_DIR: no database at ${file}, but ${stray}`);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(stray).equals(wal)).toBe(true);
  });
});
