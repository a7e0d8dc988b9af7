/** The kept files the start and doctor name: each kept database, and a kept log only where its database is not there. */
import fs from 'node:fs';
import path from 'node:path';
import { keptAside, lineCopyProblem, replacedLines } from '../../src/store/kept-aside';
import { tempDir } from '../helpers/temp-dir';

/** Writes `names` in `dir`, each one a second older than the next (modification times decide which copy is newest). */
function writeInOrder(dir: string, names: string[]): void {
  const start = Date.now() / 1000 - names.length;
  names.forEach((f, i) => {
    fs.writeFileSync(path.join(dir, f), '');
    fs.utimesSync(path.join(dir, f), start + i, start + i);
  });
}

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
    writeInOrder(dir, ['heads-up.db.before-restore.kept-2026-12-02T080000', 'heads-up.db.before-restore.kept-2026-12-01T031500-wal']);
    expect(lineCopyProblem(file)).toContain(`but ${file}.before-restore.kept-2026-12-02T080000, the line as an interrupted restore left it`);
  });

  it('with none, gives the start and doctor nothing to say', () => {
    expect(lineCopyProblem(path.join(tempDir(), 'heads-up.db'))).toBeNull();
  });

  it('never offers the line a restore replaced (from before the restore) as the line', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    writeInOrder(dir, ['heads-up.db.replaced-2026-12-02T080000']);
    expect(replacedLines(file)).toEqual([`${file}.replaced-2026-12-02T080000`]);
    expect(keptAside(file)).toEqual([]);
    expect(lineCopyProblem(file)).toBeNull();
  });

  it('with a rescue copy written after a kept database, names the rescue copy to restore and lists the kept one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    const rescue = path.join(dir, 'heads-up.rescued-2026-12-07T15-50-27-123Z.db');
    writeInOrder(dir, ['heads-up.db.before-restore.kept-2026-12-01T031500', 'heads-up.db.replaced-2026-12-02T080000', path.basename(rescue)]);
    const problem = lineCopyProblem(file);
    expect(problem).toContain(`but ${rescue}, the copy the server wrote`);
    expect(problem).toContain(`run npm run admin -- restore ${rescue} (heads-up restore ${rescue} in the image)`);
    expect(problem).toContain(`the older copy ${file}.before-restore.kept-2026-12-01T031500 can go once the line is right`);
    expect(problem).not.toContain('replaced');
  });

  it('with a kept database written after a rescue copy, names the kept one to rename and lists the rescue copy', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    const rescue = path.join(dir, 'heads-up.rescued-2026-12-01T03-15-00-000Z.db');
    writeInOrder(dir, [path.basename(rescue), 'heads-up.db.before-restore.kept-2026-12-02T080000']);
    const problem = lineCopyProblem(file);
    expect(problem).toContain(`but ${file}.before-restore.kept-2026-12-02T080000, the line as an interrupted restore left it`);
    expect(problem).toContain(`the older copy ${rescue} can go`);
  });

  it('with no database, names the newest of two kept databases and lists the other', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    // Kept by two restores a day apart: the second one holds everything since the first.
    writeInOrder(dir, ['heads-up.db.before-restore.kept-2026-12-01T031500', 'heads-up.db.before-restore.kept-2026-12-02T080000']);
    const problem = lineCopyProblem(file);
    expect(problem).toContain(`but ${file}.before-restore.kept-2026-12-02T080000, the line`);
    expect(problem).toContain(`the older copy ${file}.before-restore.kept-2026-12-01T031500 can go`);
  });

  it('orders keeps within one second by their count: kept-<time>-10 is newer than kept-<time>-2', () => {
    const dir = tempDir();
    const file = path.join(dir, 'heads-up.db');
    const names = ['-10', '', '-2'].map((n) => `heads-up.db.before-restore.kept-2026-12-01T031500${n}`);
    for (const f of names) fs.writeFileSync(path.join(dir, f), '');
    // Written within one second: the name's count decides.
    for (const f of names) fs.utimesSync(path.join(dir, f), 1_700_000_000, 1_700_000_000);
    expect(keptAside(file)).toEqual(['', '-2', '-10'].map((n) => `${file}.before-restore.kept-2026-12-01T031500${n}`));
    expect(lineCopyProblem(file)).toContain(`but ${file}.before-restore.kept-2026-12-01T031500-10, the line`);
  });
});
