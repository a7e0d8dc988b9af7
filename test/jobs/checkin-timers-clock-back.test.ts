/**
 * A wall clock stepped back (NTP correcting a fast clock, a VM restored):
 * a check-in due in 30 minutes by the old clock must still fire 30 minutes
 * later, not 90 with the clock an hour back (her buddy would learn an hour
 * late). As the outbox does (lane-clock-back-*.test.ts): the running job
 * moves the deadlines (and reminders) written by the old clock back by the
 * step; a job started after a step while the server was down sees it
 * against the latest time the check-ins hold; a restart after a step the
 * running job already followed does not move them a second time.
 */
import path from 'node:path';
import { CheckinTimers, type TimerRun } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 11, 2, 4, 0, 0, 123);

let db: Db;
let vault: Vault;

beforeAll(async () => {
  await cryptoReady();
  vault = new Vault(new Uint8Array(32).fill(7));
});
beforeEach(() => {
  db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
});
afterEach(() => db.close());

/** Rose, with a buddy, starts a 30-minute check-in (reminder at 20) at `at` by the clock of then. */
function checkinAt(at: number): void {
  const rose = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', at).id;
  db.transaction(() => {
    setBuddyStatus(db, inviteBuddy(db, vault, rose, { channel: 'sms', address: '+14155550177' }, 'Rose', 'en', at), 'accepted');
    startCheckin(db, vault, rose, at + 30 * MIN, at + 20 * MIN, 'blue Honda', at);
  });
}

/** The job over this database, its clock a number the test sets. */
function job(clock: { now: number }): { timers: CheckinTimers; runs: TimerRun[] } {
  const runs: TimerRun[] = [];
  const timers = new CheckinTimers({ db, vault, log: createLogger('silent'), fallback: 'none', moderatorContacts: [], wake: () => undefined, now: () => clock.now, onRun: (r) => void runs.push(r) });
  return { timers, runs };
}
const fired = (runs: TimerRun[]) => ({ reminded: runs.reduce((n, r) => n + r.reminded, 0), escalated: runs.reduce((n, r) => n + r.escalated, 0) });

describe('check-in timers and a wall clock stepped back', () => {
  it('while running: the reminder and the deadline keep their distance from now', () => {
    const clock = { now: T0 };
    const j = job(clock);
    j.timers.tick();
    checkinAt(T0);
    clock.now = T0 + MIN;
    j.timers.tick();
    // NTP: the clock was an hour fast.
    clock.now = T0 + MIN - HOUR;
    j.timers.tick();
    clock.now = T0 + 20 * MIN - HOUR;
    j.timers.tick();
    expect(fired(j.runs)).toEqual({ reminded: 1, escalated: 0 });
    clock.now = T0 + 30 * MIN - HOUR;
    j.timers.tick();
    expect(fired(j.runs)).toEqual({ reminded: 1, escalated: 1 });
  });

  it('stepped back while the server was down: seen at start against the latest time the check-ins hold', () => {
    checkinAt(T0);
    // The server restarts at once (the step is measured from the latest time written: at least the step's part since then).
    const clock = { now: T0 - HOUR };
    const j = job(clock);
    j.timers.start();
    j.timers.stop();
    clock.now = T0 + 30 * MIN - HOUR;
    j.timers.tick();
    expect(fired(j.runs).escalated).toBe(1);
  });

  it('a restart after a step the running job followed does not move the deadline a second time', () => {
    const clock = { now: T0 };
    const first = job(clock);
    first.timers.tick();
    checkinAt(T0);
    clock.now = T0 + MIN;
    first.timers.tick();
    clock.now = T0 + MIN - HOUR;
    first.timers.tick();
    clock.now = T0 + 2 * MIN - HOUR;
    const second = job(clock);
    second.timers.start();
    second.timers.stop();
    clock.now = T0 + 30 * MIN - HOUR - 1;
    second.timers.tick();
    expect(fired(second.runs).escalated).toBe(0);
    clock.now = T0 + 30 * MIN - HOUR;
    second.timers.tick();
    expect(fired(second.runs).escalated).toBe(1);
  });
});
