/**
 * a reference outlives its check-in (her OK unties it), but the
 * check-in clock's follower learns the latest time only from check-ins
 * (latestCheckinTime): after her OK, a server restarted with its clock
 * stepped back (a VM restored, NTP at boot) sees no step, and the reference
 * given by the old clock is kept past its week.
 */
import { catalog } from '../../src/bot/catalog';
import { checkinClock } from '../../src/jobs/checkin-timers';
import { runRetention } from '../../src/jobs/retention';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, type Fallback } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };
const refIn = (text: string | undefined) => /#([A-Z2-9]{4,6})/.exec(text ?? '')?.[1];

describe('a reference after her OK and a restart with the clock stepped back', () => {
  it('is erased a week after it was given', async () => {
    const w = await missedCheckin('sms', [], LINE);
    const ref = refIn(w.queued(sms(MOD))[0]?.text);
    expect(ref).toBeDefined();
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
