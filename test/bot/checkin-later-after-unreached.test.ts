/**
 * LATER after she was told, 3 minutes on, that her buddy could not be
 * reached (the escalation still retried in an outage): it says what is
 * true, not again that her buddies are being messaged; with
 * CHECKIN_FALLBACK=moderators, that the moderators were told.
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MOD: Sender = { channel: 'signal', address: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544' };
const MIN = 60_000;
const t = catalog('en');
const OUTAGE = { [LILY]: new SendError('server', '500') };

async function stuck(line?: Fallback, minutes = 5, signalDown = false) {
  const w = await missedCheckin('sms', [LILY], line);
  for (let i = 0; i < minutes; i++) {
    await sendPass(w, 'signal', signalDown ? { [MOD.address]: new SendError('server', '500') } : {});
    await sendPass(w, 'sms', OUTAGE);
    timers(w, line);
    w.clock.now += MIN;
  }
  return w;
}

describe('LATER after the 3-minute "could not reach" notice, the escalation still retried', () => {
  it('with no fallback, says again that her buddy could not be reached and that we keep trying', async () => {
    const w = await stuck();
    expect(w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text)).toContain(t.checkinBuddiesUnreached(1, true));
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinBuddiesUnreached(1, true));
  });

  it('with CHECKIN_FALLBACK=moderators, says the moderators were told', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const w = await stuck(line);
    expect(w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text)).toContain(t.checkinBuddiesUnreachedModeratorsTold(1, true));
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinMemberTold('moderators'));
  });

  it('with the moderators unreached too, says that neither could be reached and that we keep trying', async () => {
    const line: Fallback = { fallback: 'moderators', moderatorContacts: [MOD] };
    const w = await stuck(line, 9, true);
    expect(w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text)).toContain(t.checkinNoOneReached(1, true));
    expect(w.sms(ROSE, 'LATER 30').reply).toBe(t.checkinNoOneReached(1, true));
  });
});
