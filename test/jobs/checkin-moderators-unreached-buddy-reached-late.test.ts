/**
 * CHECKIN_FALLBACK=moderators: her buddy's escalation held back by an
 * outage past 3 minutes is passed to the moderators; should her buddy's
 * message then go through while the moderators' still does not, her buddy
 * knows: she is not told that neither her buddy nor the moderators could
 * be reached (nothing more is said, as when a late escalation arrives).
 */
import { catalog } from '../../src/bot/catalog';
import { SendError } from '../../src/channels/types';
import type { Sender } from '../../src/phone/identity';
import { missedCheckin, ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const LILY = '+14155550177';
const MOD_SIGNAL: Sender = { channel: 'signal', address: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544' };
const MIN = 60_000;
const t = catalog('en');
const OUTAGE_5XX = new SendError('server', '500');
const LINE: Fallback = { fallback: 'moderators', moderatorContacts: [MOD_SIGNAL] };

it('tells her nothing of the moderators once her buddy was reached after all, the moderators still unreached', async () => {
  const w = await missedCheckin('sms', [LILY], LINE);
  // Minutes 0-3: Twilio answers Lily's escalation 5xx; the moderators are told at 3 minutes (her buddy unreached, still trying).
  for (let i = 0; i < 4; i++) {
    await sendPass(w, 'signal', { [MOD_SIGNAL.address]: OUTAGE_5XX });
    await sendPass(w, 'sms', { [LILY]: OUTAGE_5XX });
    timers(w, LINE);
    w.clock.now += MIN;
  }
  const told = t.checkinBuddiesUnreachedModeratorsTold(1, true);
  const rose = () => w.queued({ channel: 'sms', address: ROSE, phone: ROSE }).map((m) => m.text);
  expect(rose().at(-1)).toBe(told);
  // Minute 4 on: Twilio is back, Lily's escalation goes through; Signal is still down for the moderators.
  for (let i = 0; i < 8; i++) {
    await sendPass(w, 'signal', { [MOD_SIGNAL.address]: OUTAGE_5XX });
    const sms = await sendPass(w, 'sms', {});
    if (i === 0) expect(sms.calls.map((c) => c.to)).toContain(LILY);
    timers(w, LINE);
    w.clock.now += 5 * MIN;
  }
  expect(rose().at(-1)).toBe(told);
});
