/** The kept files the start and doctor name: each kept database, and a kept log only where its database is not there. */
import fs from 'node:fs';
import path from 'node:path';
import { keptAside, lineKeptAsideProblem } from '../../src/store/kept-aside';
import { tempDir } from '../helpers/temp-dir';

describe('the files a restore kept aside', () => {
  it('names each kept database, and a kept -wal or -shm only where its database is not there (an earlier run\'s log kept alone)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    for (const f of ['heads-up.db', 'heads-up.db.before-restore.kept-2026-12-01T031500', 'heads-up.db.before-restore.kept-2026-12-01T031500-wal', 'heads-up.db.before-restore.kept-2026-12-02T080000-wal']) {
      fs.writeFileSync(path.join(dir, f), '');
    }
    expect(keptAside(file)).toEqual([`${file}.before-restore.kept-2026-12-01T031500`, `${file}.before-restore.kept-2026-12-02T080000-wal`]);
  });

  it('with no database, names to the start and doctor the kept database to rename, never a log kept alone', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    for (const f of ['heads-up.db.before-restore.kept-2026-12-01T031500-wal', 'heads-up.db.before-restore.kept-2026-12-02T080000']) fs.writeFileSync(path.join(dir, f), '');
    expect(lineKeptAsideProblem(file)).toContain(`but ${file}.before-restore.kept-2026-12-02T080000, the line`);
  });

  it('with none, gives the start and doctor nothing to say', () => {
    expect(lineKeptAsideProblem(path.join(tempDir(), 'heads-up.db'))).toBeNull();
  });
});
