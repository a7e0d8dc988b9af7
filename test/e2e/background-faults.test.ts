/**
 * Background work cannot take the server down: a timer whose database call
 * throws is logged and tried again; work after a commit that throws leaves
 * the committed message answered; a start that fails says why and exits 1.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { openExclusive } from '../../src/store/exclusive-open';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { freePort, startChild, startToFail, type Child } from '../helpers/child-server';
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, startHarness, startTwilioLine, tempDir, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';

describe('a timer whose database call throws', () => {
  let child: Child | undefined;

  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    if (child) await child.exited;
  });

  it('is logged and tried again while the server stays up', async () => {
    const dataDir = tempDir();
    const db = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(db);
    db.close();
    // Break what the retention job and the planner's watch read: every run of theirs throws.
    const raw = new Database(path.join(dataDir, 'heads-up.db'));
    raw.pragma('foreign_keys = OFF');
    // (The alerts table itself stays: the start reads it, releasing the dead run's leases.)
    raw.exec('DROP TABLE screening; DROP INDEX alerts_unplanned; ALTER TABLE alerts DROP COLUMN planned_at;');
    raw.close();

    child = await startChild({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PUBLIC_URL, LOG_LEVEL: 'info', NODE_ENV: 'test' });
    const lines = (said: string, job: string) => child!.output.join('').split('\n').filter((l) => l.includes(said) && l.includes(`"job":"${job}"`)).length;
    await waitFor(() => lines('background job failed', 'fan-out planning') === 1 && lines('background job failed', 'retention') === 1, 15_000, 'failing background runs');
    expect(child.proc.exitCode).toBeNull();
    expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
    // Mended while the server runs: the planner's watch (every 5 s) tries again, works, and says so once.
    const mend = new Database(path.join(dataDir, 'heads-up.db'));
    mend.exec('ALTER TABLE alerts ADD COLUMN planned_at INTEGER; CREATE INDEX alerts_unplanned ON alerts (id) WHERE planned_at IS NULL;');
    mend.close();
    await waitFor(() => lines('background job works again', 'fan-out planning') === 1, 15_000, 'the planner working again');
    // Failing at every tick meanwhile, it was logged once, not at each of them.
    expect(lines('background job failed', 'fan-out planning')).toBe(1);
    expect(lines('background job works again', 'retention')).toBe(0);
  }, 40_000);
});

describe('work after a commit that throws', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: '+14155550199', SEND_RATE: '100' } }));
    await h.sms('+14155550101', 'JOIN');
  });
  afterAll(() => stop());

  it('does not turn the committed message into a 500, and the alert still goes out', async () => {
    const planner = h.server.planner;
    const plan = planner.plan.bind(planner);
    planner.plan = () => {
      throw new Error('planner exploded');
    };
    const r = await h.sms('+14155550199', 'ALERT 415 orange coupe, stalking');
    planner.plan = plan;
    expect(r.status).toBe(200);
    expect(r.message).toContain('415');
    expect(h.logs.some((l) => l.includes('work after a commit failed'))).toBe(true);
    // The alert was committed: planning picks it up (as the watch would).
    planner.resume();
    await waitFor(() => fake.to('+14155550101').some((m) => m.body.includes('orange coupe')), 10_000, 'the alert');
  });
});

// Each start is a process of its own with its own folder and port: they run at once (and beside the
// tests above, which mostly wait), each spending a second or so loading TypeScript.
describe('a start that fails', () => {
  /** src/main.ts started with this environment: its exit code and what it printed. */
  const start = (env: Record<string, string>) => startToFail(env);

  /** The JSON lines the server logged. */
  const logLines = (stdout: string) =>
    stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it.concurrent('on a port already taken, also leaves one log line a log collector reads: fatal, a short code for the cause, no stack', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { code, stderr, stdout } = await start({ DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PORT: String(port), LOG_LEVEL: 'info' });
      expect(code).toBe(1);
      expect(stderr).toBe(`heads-up: start-up failed: EADDRINUSE on 127.0.0.1:${port} (another process listens there: stop it or set PORT)\n`);
      const failed = logLines(stdout).filter((l) => l.msg === 'start-up failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ level: 60, cause: 'port-in-use', code: 'EADDRINUSE' });
      expect(failed[0]).not.toHaveProperty('err');
      expect(stdout).not.toMatch(/\bat \S+:\d+:\d+/);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it.concurrent('for a configuration error (no key in production), leaves one log line naming the variable, not its message', async () => {
    const { code, stderr, stdout } = await start({ DATA_DIR: tempDir(), NODE_ENV: 'production', PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^heads-up: configuration error: HEADSUP_MASTER_KEY: required when NODE_ENV=production/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(logLines(stdout)).toEqual([expect.objectContaining({ level: 60, msg: 'start-up failed', cause: 'configuration', variable: 'HEADSUP_MASTER_KEY' })]);
  }, 30_000);

  it.concurrent('for a development key file that is no key, names the file in its line and only the variable in its log line (no DATA_DIR path)', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'master.key'), 'not a key\n', { mode: 0o600 });
    const { code, stderr, stdout } = await start({ DATA_DIR: dataDir, PORT: '0' });
    expect(code).toBe(1);
    expect(stderr).toContain(path.join(dataDir, 'master.key'));
    expect(logLines(stdout)).toEqual([expect.objectContaining({ level: 60, msg: 'start-up failed', cause: 'configuration', variable: 'HEADSUP_MASTER_KEY' })]);
    expect(stdout).not.toContain(dataDir);
  }, 30_000);

  it.concurrent('while restore or rotate-key holds the database, says so in its line and its log line, with no stack', async () => {
    const dataDir = tempDir();
    const seeded = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(seeded);
    seeded.close();
    // What restore and rotate-key hold while they run.
    const held = openExclusive(path.join(dataDir, 'heads-up.db'));
    try {
      const { code, stderr, stdout } = await start({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PORT: '0' });
      expect(code).toBe(1);
      expect(stderr).toBe('heads-up: start-up failed: SQLITE_BUSY (the database is held by a restore or rotate-key: let it finish, then start the server again)\n');
      expect(logLines(stdout)).toEqual([expect.objectContaining({ level: 60, msg: 'start-up failed', cause: 'database-in-use', code: 'SQLITE_BUSY' })]);
      expect(stdout).not.toContain('stack');
    } finally {
      held.close();
    }
  }, 30_000);

  it.concurrent('prints one clear line and exits 1', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await start({ DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PORT: String(port) });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^heads-up: start-up failed: EADDRINUSE/m);
      expect(stderr).not.toMatch(/UnhandledPromiseRejection|unhandled/i);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it.concurrent.each([
    ['a host name that does not resolve (a typo)', 'loaclhost.invalid'],
    ['an address the machine does not have', '192.0.2.1'],
  ])('names HOST when the server cannot listen there: %s', async (_case, host) => {
    const { code, stderr } = await start({ DATA_DIR: tempDir(), HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PORT: '0', HOST: host });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(/^heads-up: start-up failed: \w+.*\(HOST is no address of this machine: set HOST/);
  }, 30_000);

  it.concurrent.each([
    ['no key given: the development key file goes there', {}],
    ['HEADSUP_MASTER_KEY set', { HEADSUP_MASTER_KEY: TEST_MASTER_KEY }],
  ])('names DATA_DIR when the server cannot make its folder (%s), not a bare error code', async (_case, env) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'not-a-folder'), '');
    const { code, stderr } = await start({ DATA_DIR: path.join(dir, 'not-a-folder', 'data'), PORT: '0', ...env });
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(/^heads-up: configuration error: DATA_DIR: .*cannot be made or written \(ENOTDIR\)/);
  }, 30_000);
});
