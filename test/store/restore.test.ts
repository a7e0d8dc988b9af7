/** Restore's swap: at no moment may DATA_DIR be without its database (a server started then would make an empty line). */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { latestMigration } from '../../src/cli/line';
import { backupDatabase } from '../../src/store/backup';
import { Db } from '../../src/store/db';
import { DatabaseInUseError } from '../../src/store/exclusive-open';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { keptAside, lineCopyProblem, replacedLines } from '../../src/store/kept-aside';
import { restoreDatabase } from '../../src/store/restore';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const vault = () => new Vault(new Uint8Array(Buffer.alloc(32, 7)));

function line(file: string, members: number): void {
  const db = new Db(file);
  try {
    migrate(db);
    db.transaction(() => {
      for (let i = 0; i < members; i++) {
        const phone = `+1415201${String(i).padStart(4, '0')}`;
        subscribe(db, ensureMember(db, vault(), { channel: 'sms', address: phone, phone }, 'en', Date.now()).id, ['415'], Date.now());
      }
    });
  } finally {
    db.close();
  }
}

const members = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** A backup of a line of `count` members. */
async function backupOfLine(count: number): Promise<string> {
  const from = path.join(tempDir(), 'heads-up.db');
  line(from, count);
  const backup = path.join(tempDir(), 'line.db');
  await backupDatabase(from, backup);
  return backup;
}

/** What a restore left beside the database (its staged copy, the database set aside). */
const leftovers = (target: string) => fs.readdirSync(path.dirname(target)).filter((f) => f.includes('restoring') || f.includes('before-restore') || f.includes('.replaced-'));

type Mutator = 'renameSync' | 'rmSync' | 'linkSync' | 'unlinkSync' | 'copyFileSync';

describe('restore', () => {
  beforeAll(cryptoReady);
  afterEach(() => jest.restoreAllMocks());

  it('keeps a database at its path through every step of the swap (a restore killed between two steps left none)', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);

    // Watches each change restore makes to the files (calling through): where a kill would leave DATA_DIR.
    const missing: string[] = [];
    for (const name of ['renameSync', 'rmSync', 'linkSync', 'unlinkSync', 'copyFileSync'] as Mutator[]) {
      const real = (fs[name] as (...a: unknown[]) => unknown).bind(fs);
      jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
        const result = real(...args);
        if (!fs.existsSync(target)) missing.push(`${name}(${args.slice(0, 2).map((a) => path.basename(String(a))).join(', ')})`);
        return result;
      }) as never);
    }
    const counts = await restoreDatabase(backup, target, vault(), latestMigration());
    jest.restoreAllMocks();

    expect(missing).toEqual([]);
    expect(counts.members).toBe(2);
    expect(members(target)).toBe(2);
    // Only the line it replaced, kept for the operator to delete.
    expect(leftovers(target)).toEqual([path.basename(counts.replaced!.file)]);
  });

  it('after a restore that stopped half-way, a new run restores the backup and keeps nothing aside but the line it replaced', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    // What a run killed after setting the old database aside (a second name of it), and after staging the copy, leaves.
    fs.linkSync(target, `${target}.before-restore`);
    fs.copyFileSync(backup, `${target}.restoring`);

    const result = await restoreDatabase(backup, target, vault(), latestMigration());
    expect(result.members).toBe(2);
    expect(members(target)).toBe(2);
    expect(leftovers(target)).toEqual([path.basename(result.replaced!.file)]);
    expect(members(result.replaced!.file)).toBe(5);
  });

  /** A failing disk: every page but the first overwritten in its middle. */
  function garble(file: string): void {
    const fd = fs.openSync(file, 'r+');
    for (let page = 1; page < fs.statSync(file).size / 4096; page++) fs.writeSync(fd, Buffer.alloc(200, 0xff), 0, 200, page * 4096 + 100);
    fs.closeSync(fd);
  }

  it('where an interrupted restore left the line only as heads-up.db.before-restore, restores the backup and keeps that file, with its WAL and shared-memory file, under a dated name', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    // An earlier version's restore, killed between its renames: the line, maybe newer than any backup, only there.
    fs.renameSync(target, `${target}.before-restore`);
    fs.writeFileSync(`${target}.before-restore-wal`, Buffer.alloc(0), { mode: 0o600 });
    fs.writeFileSync(`${target}.before-restore-shm`, Buffer.alloc(0), { mode: 0o600 });
    const before = fs.readFileSync(`${target}.before-restore`);

    const result = await restoreDatabase(backup, target, vault(), latestMigration());

    expect(members(target)).toBe(2);
    expect(result.keptAside).toHaveLength(1);
    const kept = result.keptAside[0] as string;
    expect(path.basename(kept)).toMatch(/^heads-up\.db\.before-restore\.kept-\d{4}-\d\d-\d\dT\d{6}$/);
    expect(fs.readFileSync(kept).equals(before)).toBe(true);
    expect(fs.existsSync(`${kept}-wal`)).toBe(true);
    expect(members(kept)).toBe(5);
    expect(leftovers(target).filter((f) => !f.includes('.kept-'))).toEqual([]);
    expect(fs.existsSync(`${kept}-shm`)).toBe(true);
  });

  it('where an interrupted restore left the line only as heads-up.db.before-restore, a restore whose restored database fails its check after the swap leaves that file where it was', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    fs.renameSync(target, `${target}.before-restore`);
    const before = fs.readFileSync(`${target}.before-restore`);
    // The restored database is damaged once in place (a failing disk): its check after the swap fails.
    const real = fs.renameSync.bind(fs);
    jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      real(from, to);
      if (String(from).endsWith('.restoring')) fs.writeFileSync(to, Buffer.alloc(4096, 0xff));
    });

    const failed = await restoreDatabase(backup, target, vault(), latestMigration()).then(
      () => 'restored',
      (err: Error) => err.message,
    );
    jest.restoreAllMocks();

    expect(failed).toBe('file is not a database');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['heads-up.db.before-restore']);
    expect(fs.readFileSync(`${target}.before-restore`).equals(before)).toBe(true);
  });

  it('where an interrupted restore left the line only as heads-up.db.before-restore, a restore that fails leaves that file where it was', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    fs.renameSync(target, `${target}.before-restore`);
    const before = fs.readFileSync(`${target}.before-restore`);
    // The swap fails (a full disk, a kill's neighbour): nothing of the line may be lost with it.
    const real = fs.renameSync.bind(fs);
    jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(from).endsWith('.restoring')) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      real(from, to);
    });

    await expect(restoreDatabase(backup, target, vault(), latestMigration())).rejects.toThrow('no space left');
    jest.restoreAllMocks();

    expect(fs.readFileSync(`${target}.before-restore`).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['heads-up.db.before-restore']);
  });

  it('beside a database, keeps a heads-up.db.before-restore that is another file (left by a restore killed after its swap: the line that restore replaced) under the replaced name', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    line(`${target}.before-restore`, 3);
    const before = fs.readFileSync(`${target}.before-restore`);

    const result = await restoreDatabase(backup, target, vault(), latestMigration());

    expect(result.keptAside).toEqual([expect.stringMatching(/heads-up\.db\.replaced-\d{4}-\d\d-\d\dT\d{6}$/)]);
    const kept = result.keptAside[0] as string;
    expect({ same: fs.readFileSync(kept).equals(before), members: members(kept), line: members(target) }).toEqual({
      same: true,
      members: 3,
      line: 2,
    });
    // The line it replaced, under its own name (never offered as the line by the start).
    expect(leftovers(target).filter((f) => !/-(wal|shm)$/.test(f)).sort()).toEqual([path.basename(kept), path.basename(result.replaced!.file)].sort());
    expect(members(result.replaced!.file)).toBe(5);
  });

  it('a restore killed at any step of keeping an earlier heads-up.db.before-restore and its -wal leaves that database and its log together under one name', async () => {
    const backup = await backupOfLine(2);
    const old = path.join(tempDir(), 'heads-up.db');
    line(old, 3);
    const wal = Buffer.alloc(4096, 1);
    // Each run is killed at its k-th change to the aside's files, until one runs to the end.
    for (let k = 1, killed = true; killed; k++) {
      const target = path.join(tempDir(), 'heads-up.db');
      line(target, 5);
      const aside = `${target}.before-restore`;
      fs.copyFileSync(old, aside);
      fs.writeFileSync(`${aside}-wal`, wal);
      let calls = 0;
      for (const name of ['renameSync', 'rmSync', 'linkSync', 'unlinkSync', 'copyFileSync'] as Mutator[]) {
        const real = (fs[name] as (...a: unknown[]) => unknown).bind(fs);
        jest.spyOn(fs, name).mockImplementation(((...args: unknown[]) => {
          if (String(args[0]).startsWith(aside) && ++calls === k) throw new Error('killed');
          return real(...args);
        }) as never);
      }
      killed = await restoreDatabase(backup, target, vault(), latestMigration()).then(
        () => false,
        () => true,
      );
      jest.restoreAllMocks();
      const paired = () =>
        fs
          .readdirSync(path.dirname(target))
          .map((f) => path.join(path.dirname(target), f))
          .filter((f) => (f.startsWith(aside) || f.startsWith(`${target}.replaced-`)) && !/-(wal|shm)$/.test(f) && fs.existsSync(`${f}-wal`))
          .filter((f) => members(f) === 3 && fs.readFileSync(`${f}-wal`).equals(wal)).length;
      expect({ k, paired: paired() }).toEqual({ k, paired: 1 });
      // The next run, as doctor advises, keeps them together too.
      await restoreDatabase(backup, target, vault(), latestMigration());
      expect({ k, next: paired() }).toEqual({ k, next: 1 });
    }
  });

  it('run again after a restore killed after its swap, keeps the line that restore replaced as replaced, never as the newest copy of the line', async () => {
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 9);
    const backup = await backupOfLine(4);
    // Killed after its swap, as it kept the line it replaced: that line is left as heads-up.db.before-restore.
    const real = fs.renameSync.bind(fs);
    jest.spyOn(fs, 'renameSync').mockImplementation((a, b) => {
      if (String(b).includes('.replaced-')) throw new Error('killed');
      return real(a, b);
    });
    await expect(restoreDatabase(backup, target, vault(), latestMigration())).rejects.toThrow('killed');
    jest.restoreAllMocks();
    expect({ line: members(target), aside: members(`${target}.before-restore`) }).toEqual({ line: 4, aside: 9 });

    await restoreDatabase(backup, target, vault(), latestMigration());

    expect({ kept: keptAside(target), replaced: replacedLines(target).map(members).sort() }).toEqual({ kept: [], replaced: [4, 9] });
    // The database lost later, while the line is stopped: the line from before the first restore is not offered.
    fs.rmSync(target);
    expect(lineCopyProblem(target)).toBeNull();
  });

  it('refuses as the backup its own staged copy, a database it set aside or one it kept (it would delete or move it while copying), and changes nothing', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    for (const own of [`${target}.restoring`, `${target}.before-restore`, `${target}.before-restore.kept-2026-12-06T080000`]) {
      fs.copyFileSync(backup, own);
      const before = fs.readdirSync(path.dirname(target)).sort();
      const outcome = await restoreDatabase(own, target, vault(), latestMigration()).then(
        () => 'restored',
        (err: Error) => err.message,
      );
      expect(outcome).toBe(`${own} is a file restore makes or keeps beside the line: copy it elsewhere first, and restore that copy`);
      expect({ files: fs.readdirSync(path.dirname(target)).sort(), line: members(target), own: members(own) }).toEqual({ files: before, line: 5, own: 2 });
      fs.rmSync(own);
    }
  });

  it('beside a database, a restore that fails before its swap leaves a heads-up.db.before-restore an earlier run left where it was', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    line(`${target}.before-restore`, 3);
    const before = fs.readFileSync(`${target}.before-restore`);
    // Staging the copy fails (a full disk).
    const real = fs.openSync.bind(fs);
    jest.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      if (String(file).endsWith('.restoring')) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      return (real as (...a: unknown[]) => number)(file, ...rest);
    }) as never);
    await expect(restoreDatabase(backup, target, vault(), latestMigration())).rejects.toThrow('no space left');
    jest.restoreAllMocks();

    expect({ kept: fs.existsSync(`${target}.before-restore`) && fs.readFileSync(`${target}.before-restore`).equals(before), line: members(target) }).toEqual({ kept: true, line: 5 });
  });

  it('a restore that fails at its swap never puts beside the line a WAL an earlier run left as heads-up.db.before-restore-wal (another database\'s), and keeps that WAL', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 5);
    // An earlier restore of a damaged line, killed after its swap, left that line's WAL as heads-up.db.before-restore-wal.
    const other = path.join(tempDir(), 'heads-up.db');
    line(other, 3);
    const w = new Database(other);
    w.pragma('wal_autocheckpoint = 0');
    w.exec('DELETE FROM subscriptions; DELETE FROM members');
    const wal = fs.readFileSync(`${other}-wal`);
    fs.writeFileSync(`${target}.before-restore-wal`, wal, { mode: 0o600 });
    w.close();
    // The swap fails (a full disk).
    const real = fs.renameSync.bind(fs);
    jest.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(from).endsWith('.restoring')) throw Object.assign(new Error('no space left'), { code: 'ENOSPC' });
      real(from, to);
    });
    await expect(restoreDatabase(backup, target, vault(), latestMigration())).rejects.toThrow('no space left');
    jest.restoreAllMocks();

    // Opened as the server opens it, the line must still be the line; the earlier run's WAL is still somewhere.
    const holding = fs.readdirSync(path.dirname(target)).filter((f) => fs.readFileSync(path.join(path.dirname(target), f)).equals(wal));
    expect({ strayWal: fs.existsSync(`${target}-wal`), members: members(target), holding }).toEqual({ strayWal: false, members: 5, holding: [expect.stringContaining('before-restore')] });
  });

  it('replaces a damaged database, or a file that is none (doctor sends the operator to restore; restore failed on SQLite errors)', async () => {
    const backup = await backupOfLine(300);
    const garbled = path.join(tempDir(), 'heads-up.db');
    line(garbled, 300);
    garble(garbled);
    const notDb = path.join(tempDir(), 'heads-up.db');
    fs.writeFileSync(notDb, 'this is not a database, only text '.repeat(100), { mode: 0o600 });
    for (const target of [garbled, notDb]) {
      const result = await restoreDatabase(backup, target, vault(), latestMigration());
      expect(result.members).toBe(300);
      expect(members(target)).toBe(300);
      // Kept as it was (its counts could not be read): only the operator can say nothing in it is wanted.
      expect(result.replaced?.counts).toBeNull();
      expect(leftovers(target).filter((f) => !f.startsWith(path.basename(result.replaced!.file)))).toEqual([]);
    }
  });

  it('where only the WAL of the database that was there is left, restores the backup as it is and keeps that WAL aside, renamed', async () => {
    const backup = await backupOfLine(2);
    // The old line: its last writes (7 members) still only in its WAL when the server was killed.
    const target = path.join(tempDir(), 'heads-up.db');
    const old = new Db(target);
    migrate(old);
    old.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    old.sqlite.pragma('wal_autocheckpoint = 0');
    old.transaction(() => {
      for (let i = 0; i < 7; i++) ensureMember(old, vault(), { channel: 'sms', address: `+141520200${i}` }, 'en', Date.now());
    });
    const wal = fs.readFileSync(`${target}-wal`);
    old.sqlite.close();
    // The operator moved the database away; its WAL stayed (as after kill -9).
    fs.rmSync(target);
    fs.writeFileSync(`${target}-wal`, wal, { mode: 0o600 });
    fs.writeFileSync(`${target}-shm`, Buffer.alloc(32768), { mode: 0o600 });

    const result = await restoreDatabase(backup, target, vault(), latestMigration());

    expect(result.members).toBe(2);
    expect(members(target)).toBe(2);
    // Kept, never read as the restored database's: it may be all that is left of the old line's last writes.
    expect(result.setAside).toHaveLength(2);
    expect(result.setAside.map((f) => path.basename(f).replace(/\d/g, '0'))).toEqual(['heads-up.db-wal.stray-0000-00-00T000000', 'heads-up.db-shm.stray-0000-00-00T000000']);
    expect(fs.readFileSync(result.setAside[0] as string).equals(wal)).toBe(true);
  });

  it('keeps a WAL left without its database under a name of its own beside one an earlier restore kept within the same second, replacing neither', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    // Logs kept as strays by an earlier run, under this second's name and the next one's (the run may cross into it).
    const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/:/g, '');
    const now = Date.now();
    const earlier = [stamp(now), stamp(now + 1000)].map((t, i) => ({ file: `${target}-wal.stray-${t}`, bytes: Buffer.alloc(4096, i + 1) }));
    for (const e of earlier) fs.writeFileSync(e.file, e.bytes);
    const wal = Buffer.alloc(4096, 9);
    fs.writeFileSync(`${target}-wal`, wal);

    const result = await restoreDatabase(backup, target, vault(), latestMigration());

    expect(members(target)).toBe(2);
    for (const e of earlier) expect(fs.readFileSync(e.file).equals(e.bytes)).toBe(true);
    expect(result.setAside).toHaveLength(1);
    expect(fs.readFileSync(result.setAside[0] as string).equals(wal)).toBe(true);
  });

  it('still refuses while a server has the damaged database open, and changes nothing', async () => {
    const backup = await backupOfLine(2);
    const target = path.join(tempDir(), 'heads-up.db');
    line(target, 300);
    const server = new Db(target);
    try {
      server.ping();
      garble(target);
      const before = fs.readFileSync(target);
      await expect(restoreDatabase(backup, target, vault(), latestMigration())).rejects.toThrow(DatabaseInUseError);
      expect(fs.readFileSync(target).equals(before)).toBe(true);
    } finally {
      server.close();
    }
  });
});
