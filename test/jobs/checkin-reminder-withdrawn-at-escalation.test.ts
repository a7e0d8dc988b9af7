/**
 * A reminder still waiting in the outbox when the check-in escalates (the
 * provider down from before the reminder until after the deadline) is
 * withdrawn: before, once the provider was back she got "your buddies are
 * being messaged" and then "your check-in ends at 21:41. Text OK…, or
 * LATER 30", a LATER that no longer moved anything.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { ROSE, sendPass, timers } from '../helpers/checkin-escalation';
import { botWorld } from '../helpers/bot-world';
import { SendError } from '../../src/channels/types';

const MIN = 60_000;
const BUDDY = '+14155550177';
const rose: Sender = { channel: 'sms', address: ROSE, phone: ROSE };
const t = catalog('en');

describe('a reminder waiting when the check-in escalates', () => {
  it('is withdrawn: she gets the escalation notice and no reminder after it', async () => {
    const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] } });
    w.sms(ROSE, 'JOIN 415');
    w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
    w.sms(BUDDY, 'ACCEPT');
    await sendPass(w, 'sms');
    w.sms(ROSE, 'CHECKIN 30 grey van');
    w.clock.now += 21 * MIN;
    expect(timers(w).reminded).toBe(1);
    // Twilio down: the reminder is tried and refused, and waits to be tried again.
    await sendPass(w, 'sms', { [ROSE]: new SendError('server', '503') });
    w.clock.now += 10 * MIN;
    expect(timers(w).escalated).toBe(1);

    const waiting = w.queued(rose).filter((m) => m.state === 'pending').map((m) => m.text);
    expect(waiting).toEqual([t.checkinMemberTold('buddies')]);
    const sent = (await sendPass(w, 'sms')).calls.filter((c) => c.to === ROSE).map((c) => c.body);
    expect(sent).toEqual([t.checkinMemberTold('buddies')]);
  });
});
