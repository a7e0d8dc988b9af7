/**
 * A background job failing at every tick (a full disk fails the check-in
 * timers each second) says so once, then once a minute with a count, and
 * once when it works again.
 */
import path from 'node:path';
import { CheckinTimers } from '../../src/jobs/checkin-timers';
import { REPEAT_FAILURE_LOG_MS, runGuarded, runGuardedAsync } from '../../src/jobs/guarded';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { collectingLogger } from '../helpers/collecting-logger';
import { fillDisk } from '../helpers/full-disk';
import { tempDir } from '../helpers/temp-dir';

const T0 = Date.UTC(2026, 5, 1, 12);
const MIN = 60_000;

const fail = () => {
  throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
};

describe('a background job failing again and again', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is logged once, then once a minute with the failures since, then once when it works again', () => {
    const { lines, log } = collectingLogger();
    for (let i = 0; i < 59; i++) {
      expect(runGuarded(log, 'checkin-timers', fail)).toBe(false);
      jest.advanceTimersByTime(1_000);
    }
    expect(lines.map((l) => [l.level, l.msg, l.job])).toEqual([[50, 'background job failed; it runs again at the next tick', 'checkin-timers']]);
    expect(lines[0]).toMatchObject({ err: expect.objectContaining({ code: 'SQLITE_FULL' }) });

    jest.advanceTimersByTime(REPEAT_FAILURE_LOG_MS - 59_000);
    expect(runGuarded(log, 'checkin-timers', fail)).toBe(false);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ level: 50, msg: 'background job still failing; it runs again at the next tick', job: 'checkin-timers', failedSinceLastLine: 59 });

    expect(runGuarded(log, 'checkin-timers', () => {})).toBe(true);
    expect(runGuarded(log, 'checkin-timers', () => {})).toBe(true);
    expect(lines.slice(2)).toEqual([expect.objectContaining({ level: 30, msg: 'background job works again', job: 'checkin-timers' })]);

    // Failing again within the minute (a database busy every other run) is counted, not a line each time.
    for (let i = 0; i < 10; i++) {
      expect(runGuarded(log, 'checkin-timers', fail)).toBe(false);
      expect(runGuarded(log, 'checkin-timers', () => {})).toBe(true);
      jest.advanceTimersByTime(1_000);
    }
    expect(lines).toHaveLength(3);
    // A minute after its last failure line, failing again is news: logged at once, with the failures since.
    jest.advanceTimersByTime(REPEAT_FAILURE_LOG_MS);
    expect(runGuarded(log, 'checkin-timers', fail)).toBe(false);
    expect(lines.slice(3)).toEqual([expect.objectContaining({ level: 50, msg: 'background job failed again; it runs again at the next tick', failedSinceLastLine: 11 })]);
    expect(runGuarded(log, 'checkin-timers', () => {})).toBe(true);
    expect(lines.slice(4)).toEqual([expect.objectContaining({ level: 30, msg: 'background job works again', job: 'checkin-timers' })]);
  });

  it('working for a minute after its last failure line, a new failure is news again: logged at once', () => {
    const { lines, log } = collectingLogger();
    runGuarded(log, 'checkin-timers', fail);
    runGuarded(log, 'checkin-timers', () => {});
    jest.advanceTimersByTime(REPEAT_FAILURE_LOG_MS);
    runGuarded(log, 'checkin-timers', () => {});
    runGuarded(log, 'checkin-timers', fail);
    expect(lines.map((l) => l.msg)).toEqual([
      'background job failed; it runs again at the next tick',
      'background job works again',
      'background job failed; it runs again at the next tick',
    ]);
  });

  it('failing on and off within the minute, then working: the failures not logged are told once, a minute after the last failure line', () => {
    const { lines, log } = collectingLogger();
    runGuarded(log, 'checkin-timers', fail);
    runGuarded(log, 'checkin-timers', () => {});
    runGuarded(log, 'checkin-timers', fail);
    runGuarded(log, 'checkin-timers', fail);
    runGuarded(log, 'checkin-timers', () => {});
    expect(lines).toHaveLength(2);
    jest.advanceTimersByTime(REPEAT_FAILURE_LOG_MS);
    runGuarded(log, 'checkin-timers', () => {});
    runGuarded(log, 'checkin-timers', () => {});
    expect(lines.slice(2)).toEqual([expect.objectContaining({ level: 30, msg: 'background job works again after failing on and off', failedSinceLastLine: 2 })]);
  });

  it('counts each job apart, and each server (logger) apart', async () => {
    const first = collectingLogger();
    const second = collectingLogger();
    runGuarded(first.log, 'checkin-timers', fail);
    runGuarded(first.log, 'report drafts', fail);
    expect(await runGuardedAsync(first.log, 'retention', async () => fail())).toBe(false);
    runGuarded(second.log, 'checkin-timers', fail);
    runGuarded(first.log, 'checkin-timers', fail);
    expect(first.lines.map((l) => l.job)).toEqual(['checkin-timers', 'report drafts', 'retention']);
    expect(second.lines.map((l) => l.job)).toEqual(['checkin-timers']);
  });

  it('says nothing when it works and never failed', async () => {
    const { lines, log } = collectingLogger();
    expect(runGuarded(log, 'checkin-timers', () => {})).toBe(true);
    expect(await runGuardedAsync(log, 'retention', async () => {})).toBe(true);
    expect(lines).toEqual([]);
  });
});

describe('the check-in timers on a full disk', () => {
  it('log their failure once, not at each tick, and never say they work again while every run fails', async () => {
    await cryptoReady();
    const vault = new Vault(new Uint8Array(32).fill(7));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100' }, 'en', T0).id;
    // Her reminder is due: each run tries to queue it, and the full disk refuses.
    db.transaction(() => startCheckin(db, vault, rose, T0 + 60 * MIN, T0 + 50 * MIN, 'grey van', T0));
    fillDisk(db, () => enqueueMessage(db, vault, rose, 'filler', T0));
    const { lines, log } = collectingLogger();
    const clock = { now: T0 + 51 * MIN };
    const timers = new CheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [], log, wake: () => undefined, now: () => clock.now, onRun: () => undefined });
    for (let i = 0; i < 10; i++) {
      clock.now += 1_000;
      await timers.tick();
    }
    expect(lines.filter((l) => l.msg.startsWith('background job')).map((l) => l.msg)).toEqual(['background job failed; it runs again at the next tick']);
    db.close();
  });
});
