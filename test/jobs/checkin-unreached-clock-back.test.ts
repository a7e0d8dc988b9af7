/**
 * An escalation that reached none of her buddies goes, with
 * CHECKIN_FALLBACK=moderators, to the moderators once the last refusal is
 * in, naming when she expected to be done. Should the wall clock step back
 * between her escalation and that refusal, the time named is read by the
 * new clock: with the clock an hour back, the old clock's end would read as
 * an hour ahead, a moderator told she is not late yet.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { SendError } from '../../src/channels/types';
import { CheckinTimers } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const LILY = '+14155550177';
const MOD = '+14155550199';
const MIN = 60_000;
const HOUR = 60 * MIN;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };

// A step of the wall clock back moves every check-in's end, however long
// ago it passed: each was written by the old clock. An escalated one is
// named by the clock of now to the moderators told later (her buddies
// unreached), not an hour off, whether its end passed just before the step
// or a while before (its escalation retried, not yet counted unreached:
// after UNREACHED_AFTER_MS the moderators are told, by the clock of then).
describe('an escalation that reached no buddy, told the moderators after the clock stepped back', () => {
  it.each([
    ['just before the step', 0],
    ['2 minutes before the step', 2 * MIN],
  ])('names the end by the clock of now, its end %s', async (_when, waited) => {
    const w = await missedCheckin('sms', [LILY], MODERATORS);
    const due = w.clock.now;
    const job = new CheckinTimers({ db: w.db, vault: w.vault, log: createLogger('silent'), ...MODERATORS, wake: () => undefined, now: () => w.clock.now, clock: w.clocks.checkins });
    job.tick();
    w.clock.now += waited;
    job.tick();
    // NTP: the server's clock was an hour fast.
    w.clock.now -= HOUR;
    job.tick();
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });

    timers(w, MODERATORS);

    expect(w.queued(sms(MOD)).map((m) => m.text)).toEqual([t.checkinEscalationModerators(refIn(w.queued(sms(MOD))[0]?.text), clockTime(due - HOUR), 'blue Honda', true)]);
  });
});
