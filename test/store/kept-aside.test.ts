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
  it('with no database, names the newest kept database (the line as the latest interrupted restore left it) and how many there are', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    // Kept by two restores a day apart: the second one holds everything since the first.
    for (const f of ['heads-up.db.before-restore.kept-2026-12-01T031500', 'heads-up.db.before-restore.kept-2026-12-02T080000']) fs.writeFileSync(path.join(dir, f), '');
    const problem = lineKeptAsideProblem(file);
    expect(problem).toContain(`but ${file}.before-restore.kept-2026-12-02T080000, the line`);
    expect(problem).toContain('the newest of 2 kept databases');
  });

  it('orders keeps within one second by their count: kept-<time>-10 is newer than kept-<time>-2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    for (const n of ['-10', '', '-2']) fs.writeFileSync(path.join(dir, `heads-up.db.before-restore.kept-2026-12-01T031500${n}`), '');
    expect(keptAside(file)).toEqual(['', '-2', '-10'].map((n) => `${file}.before-restore.kept-2026-12-01T031500${n}`));
    expect(lineKeptAsideProblem(file)).toContain(`but ${file}.before-restore.kept-2026-12-01T031500-10, the line`);
  });

});
