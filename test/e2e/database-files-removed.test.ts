/**
 * The database's files removed while the server runs (an `rm` in DATA_DIR, a
 * cleanup script): the server would write on into files no one else can open
 * and lose them at its stop. /readyz says so, one error line tells the
 * operator what to do, and a rescue copy of what the server holds is written
 * to DATA_DIR.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { runAdminCli } from '../helpers/admin-cli';
import { startHarness, startTwilioLine, TEST_MASTER_KEY, type Harness } from '../helpers/harness';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const MEMBER = '+14155550101';

/** A server whose clock a test moves on (the files are looked at every few seconds of it), its watch on them run every 100 ms (1 s in production). */
async function line(dataDir?: string): Promise<{ h: Harness; later: (ms: number) => void; stop: () => Promise<void> }> {
  let skew = 0;
  const { h, stop } = await startTwilioLine({ now: () => Date.now() + skew, lineWatchMs: 100, ...(dataDir ? { dataDir } : {}) });
  return { h, later: (ms) => void (skew += ms), stop };
}

async function readyz(url: string): Promise<{ status: number; body: { reasons?: Record<string, string> } }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { reasons?: Record<string, string> } };
}

const parsedLogs = (h: Harness) => h.logs.map((l) => JSON.parse(l) as { level: number; msg: string; files?: string[]; rescue?: string });

/** How many members a database file holds. */
function members(file: string): number {
  const db = new Db(file);
  try {
    return (db.sqlite.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The members of the rescue copy the server wrote, and the copy's mode. */
function rescued(dataDir: string): { members: number; mode: number } {
  const [copy] = fs.readdirSync(dataDir).filter((f) => /^heads-up\.rescued-.*\.db$/.test(f));
  if (!copy) throw new Error('no rescue copy');
  return { members: members(path.join(dataDir, copy)), mode: fs.statSync(path.join(dataDir, copy)).mode & 0o777 };
}

/** A start on `dataDir` with no database but the rescue copy refuses naming it, makes no database, and doctor says the same. */
async function refusedBesideRescue(dataDir: string, rescue: string): Promise<void> {
  const file = path.join(dataDir, 'heads-up.db');
  const copy = path.join(dataDir, rescue);
  const start = await startHarness({ dataDir }).then(async (again) => (await again.close(), 'started'), (err: Error) => err.message);
  expect(start).toContain(`DATA_DIR: no database at ${file}, but ${copy}`);
  expect(start).toContain(`run npm run admin -- restore ${copy} (heads-up restore ${copy} in the image)`);
  expect(fs.existsSync(file)).toBe(false);
  const doctor = await runAdminCli(['doctor'], { DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
  expect(doctor.stdout).toContain(`run npm run admin -- restore ${copy} (heads-up restore ${copy} in the image)`);
}

describe.each([
  ['its write-ahead log and shm', ['heads-up.db-wal', 'heads-up.db-shm']],
  ['the database file itself', ['heads-up.db']],
])('%s removed while the server runs', (_what, removed) => {
  it('turns /readyz 503 (files_missing), logs one error saying what to do, and writes a rescue copy that restore takes', async () => {
    const { h, later, stop } = await line();
    let rescue = '';
    try {
      expect((await h.sms(MEMBER, 'JOIN 415')).message).toContain('415');
      expect((await readyz(h.url)).status).toBe(200);
      for (const f of removed) fs.rmSync(path.join(h.dataDir, f));
      later(6_000);
      expect(await readyz(h.url)).toEqual({ status: 503, body: expect.objectContaining({ reasons: { database: 'files_missing' } }) });
      await waitFor(() => parsedLogs(h).some((l) => l.rescue !== undefined), 10_000, 'the rescue copy logged');
      const errors = parsedLogs(h).filter((l) => l.level >= 50);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ files: removed });
      expect(errors[0]!.msg).toMatch(/removed while the server runs.*do not kill it/);
      expect(h.logs.join('\n')).not.toContain(h.dataDir);
      expect(h.logs.join('\n')).not.toContain('5550101');
      expect(rescued(h.dataDir)).toEqual({ members: 1, mode: 0o600 });
      rescue = parsedLogs(h).find((l) => l.rescue !== undefined)!.rescue!;
    } finally {
      await stop();
    }
    // Started again as it was left, it makes no new, empty line: the start and doctor name the rescue copy to restore.
    if (removed.includes('heads-up.db')) await refusedBesideRescue(h.dataDir, rescue);
    // What the error line says to do, once the server has stopped.
    const restore = await runAdminCli(['restore', path.join(h.dataDir, rescue)], { DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY });
    expect({ code: restore.code, stderr: restore.stderr }).toEqual({ code: 0, stderr: '' });
    expect(members(path.join(h.dataDir, 'heads-up.db'))).toBe(1);
  }, 60_000);
});

it('a stop while the rescue copy is being written waits for it: the copy is whole, not removed half-written', async () => {
  const { h, later, stop } = await line();
  let stopped = false;
  try {
    expect((await h.sms(MEMBER, 'JOIN 415')).message).toContain('415');
    // A line with some history (about 40 MB), so that the copy takes many turns of the event loop.
    h.server.db.sqlite.exec('CREATE TABLE history (x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40000) INSERT INTO history SELECT randomblob(1000) FROM c');
    fs.rmSync(path.join(h.dataDir, 'heads-up.db'));
    later(6_000);
    const copies = () => fs.readdirSync(h.dataDir).filter((f) => /^heads-up\.rescued-.*\.db$/.test(f));
    // The copy's file is made before it is written: stopped as soon as it is there (docker stop, a redeploy).
    await waitFor(() => copies().length === 1, 10_000, 'the rescue copy begun');
    await stop();
    stopped = true;
    expect(rescued(h.dataDir)).toEqual({ members: 1, mode: 0o600 });
    expect(parsedLogs(h).filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([expect.stringMatching(/^files of the database were removed .*A copy of what it holds was written/)]);
  } finally {
    if (!stopped) await stop();
  }
}, 60_000);

it('the whole DATA_DIR removed: the server makes it again (0700) and writes the copy there', async () => {
  const { h, later, stop } = await line();
  try {
    expect((await h.sms(MEMBER, 'JOIN 415')).message).toContain('415');
    fs.rmSync(h.dataDir, { recursive: true });
    later(6_000);
    await waitFor(() => parsedLogs(h).some((l) => l.rescue !== undefined), 10_000, 'the rescue copy logged');
    expect(rescued(h.dataDir)).toEqual({ members: 1, mode: 0o600 });
    expect(fs.statSync(h.dataDir).mode & 0o777).toBe(0o700);
    expect(parsedLogs(h).filter((l) => l.level >= 50)).toHaveLength(1);
    expect(h.logs.join('\n')).not.toContain(h.dataDir);
  } finally {
    await stop();
  }
  // Nothing else is left in the folder made again: a start there would make a new, empty line that alerts no one.
  const rescue = parsedLogs(h).find((l) => l.rescue !== undefined)!.rescue!;
  await refusedBesideRescue(h.dataDir, rescue);
}, 60_000);

it('DATA_DIR removed and not to be made again (a file where its parent folder was): the error line says to make it, and the copy is written once it is there', async () => {
  // DATA_DIR one level down a test folder of its own: that folder is what goes.
  const parent = path.join(tempDir(), 'line');
  const { h, later, stop } = await line(path.join(parent, 'data'));
  const moved = `${parent}.moved`;
  try {
    expect((await h.sms(MEMBER, 'JOIN 415')).message).toContain('415');
    // The folder above DATA_DIR replaced by a file: nothing can be made under it.
    fs.renameSync(parent, moved);
    fs.writeFileSync(parent, '');
    later(6_000);
    await waitFor(() => parsedLogs(h).some((l) => l.level >= 50), 10_000, 'the failed copy logged');
    const [failed] = parsedLogs(h).filter((l) => l.level >= 50);
    expect(failed!.msg).toMatch(/could not be written to DATA_DIR: .*make DATA_DIR again/);
    expect(failed!.msg).not.toMatch(/free room/);
    expect(h.logs.join('\n')).not.toContain(h.dataDir);
    // The operator puts the folder back, as told: the next try writes the copy there.
    fs.rmSync(parent);
    fs.mkdirSync(h.dataDir, { recursive: true, mode: 0o700 });
    later(6_000);
    await waitFor(() => parsedLogs(h).some((l) => l.rescue !== undefined), 10_000, 'the rescue copy logged');
    expect(rescued(h.dataDir)).toEqual({ members: 1, mode: 0o600 });
  } finally {
    await stop();
    fs.rmSync(moved, { recursive: true, force: true });
  }
}, 60_000);
