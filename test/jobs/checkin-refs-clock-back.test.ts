/**
 * A missed check-in's reference (CHECKIN_FALLBACK=moderators) is kept a
 * week, by the hour it was given (the precision it is used at): a wall
 * clock stepped back since does not keep it longer, as the check-ins'
 * own times are brought back to now; so too across a restart after her OK
 * (the reference outlives the check-in: the clock's follower reads it too).
 */
import { catalog } from '../../src/bot/catalog';
import { checkinClock } from '../../src/jobs/checkin-timers';
import { runRetention } from '../../src/jobs/retention';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, timers, type Fallback } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };
const refIn = (text: string | undefined) => /#([A-Z2-9]{4,6})/.exec(text ?? '')?.[1];

describe("a check-in's reference and the wall clock", () => {
  it('is stored by the hour, not the millisecond', async () => {
    const w = await missedCheckin('sms', [], LINE);
    const times = w.db.sqlite.prepare('SELECT created_at AS t FROM checkin_refs').all() as Array<{ t: number }>;
    expect(times).toHaveLength(1);
    expect(times.map((r) => r.t % HOUR)).toEqual([0]);
  });

  it('is erased a week after it was given even when the clock was stepped back 3 days since', async () => {
    const w = await missedCheckin('sms', [], LINE);
    const ref = refIn(w.queued(sms(MOD))[0]?.text);
    // NTP: the server's clock was 3 days fast.
    w.clock.now -= 3 * DAY;
    w.clocks.checkins.follow(w.clock.now);
    timers(w, LINE);
    w.clock.now += 7 * DAY + 2 * HOUR;
    runRetention(w.db, 90, w.clock.now);
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
  });

  it('is erased a week after it was given when the server restarts after her OK with its clock stepped back', async () => {
    const w = await missedCheckin('sms', [], LINE);
    const ref = refIn(w.queued(sms(MOD))[0]?.text);
    expect(ref).toMatch(/^[A-Z2-9]{4,6}$/);
    w.sms(ROSE, 'OK');
    expect((w.db.stmt('SELECT count(*) AS n FROM checkins').get() as { n: number }).n).toBe(0);
    // The server restarts; its clock had been 3 days fast and is now right.
    w.clock.now -= 3 * DAY;
    checkinClock(w.db, createLogger('silent')).follow(w.clock.now);
    w.clock.now += 7 * DAY + 2 * HOUR;
    runRetention(w.db, 90, w.clock.now);
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modNoSuchRef(`#${ref}`));
  });
});
