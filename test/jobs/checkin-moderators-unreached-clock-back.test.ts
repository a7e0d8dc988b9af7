/**
 * CHECKIN_FALLBACK=moderators: an escalation to the moderators none of
 * whose messages went through within 3 minutes of its queueing is told her
 * within minutes, even with the wall clock stepped back since it was
 * queued (an hour fast, then corrected): the 3 minutes are not measured
 * from a time the old clock wrote, an hour late.
 */
import { catalog } from '../../src/bot/catalog';
import { clockTime } from '../../src/bot/clock-time';
import { SendError } from '../../src/channels/types';
import { CheckinTimers } from '../../src/jobs/checkin-timers';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

/** The reference (#K7Q2) a moderators' check-in notice names. */
const refIn = (text: string | null | undefined) => /#[A-Z2-9]{4,6}/.exec(text ?? '')?.[0] ?? 'no reference';

const LILY = '+14155550177';
const MOD = '+14155550199';
const MIN = 60_000;
const HOUR = 60 * MIN;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };

describe('an escalation to the moderators that goes nowhere, the clock stepped back since it was queued', () => {
  it.each([
    ['with no buddy (the moderators told at once)', [] as string[], t.checkinModeratorsUnreached(true)],
    ['after her buddy could not be reached', [LILY], t.checkinNoOneReached(1, true)],
  ])('is told her within minutes, %s', async (_what, buddies, notice) => {
    const w = await missedCheckin('sms', buddies, LINE);
    const due = w.clock.now;
    const job = new CheckinTimers({ db: w.db, vault: w.vault, log: createLogger('silent'), ...LINE, wake: () => undefined, now: () => w.clock.now, clock: w.clocks.checkins });
    job.tick();
    // Her buddy's number is refused for good: the moderators are told now.
    if (buddies.length) await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    w.clock.now += 10_000;
    job.tick();
    expect(w.queued(sms(MOD)).map((m) => m.text)).toEqual([t.checkinEscalationModerators(refIn(w.queued(sms(MOD))[0]?.text), clockTime(due), 'blue Honda', buddies.length > 0)]);
    // NTP: the server's clock was an hour fast.
    w.clock.now -= HOUR;
    for (let i = 0; i < 10; i++) {
      job.tick();
      await sendPass(w, 'sms', { [MOD]: new SendError('server', '500') });
      job.tick();
      w.clock.now += MIN;
    }
    // 10 minutes after the step the moderators' escalation has gone nowhere: she was told.
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(notice);
  });

  it('is told her within minutes when the clock was stepped back while the server was down, after the moderators were queued', async () => {
    const w = await missedCheckin('sms', [LILY], LINE);
    // Ten minutes on, her buddy's number is refused for good: the moderators are told now.
    w.clock.now += 10 * MIN;
    await sendPass(w, 'sms', { [LILY]: new SendError('invalid', '21211') });
    timers(w, LINE);
    expect(w.queued(sms(MOD)).map((m) => m.text)).toHaveLength(1);
    // The server stops; NTP steps its clock 5 minutes back; it starts again with a follower of its own.
    w.clock.now -= 5 * MIN;
    const job = new CheckinTimers({ db: w.db, vault: w.vault, log: createLogger('silent'), ...LINE, wake: () => undefined, now: () => w.clock.now });
    for (let i = 0; i < 6; i++) {
      job.tick();
      await sendPass(w, 'sms', { [MOD]: new SendError('server', '500') });
      job.tick();
      w.clock.now += MIN;
    }
    // 6 minutes after they were queued, the moderators' escalation has gone nowhere: she was told.
    expect(w.queued(sms(ROSE)).map((m) => m.text)).toContain(t.checkinNoOneReached(1, true));
  });
});
