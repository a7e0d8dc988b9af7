/**
 * CHECKIN_FALLBACK=moderators: when a member whose missed check-in the
 * moderators were told of checks in, their notice names its reference, so
 * that with two told they know which one ended.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';
import { ROSE, sendPass, timers, type Fallback } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const LILY = '+14155550111';
const MIN = 60_000;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };
const refIn = (text: string | undefined) => /#([A-Z2-9]{4,6})/.exec(text ?? '')?.[1];

describe("the moderators' notice of an OK after a missed check-in", () => {
  it('names the reference of the check-in that ended, of two told', async () => {
    const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
    w.sms(ROSE, 'CHECKIN 10 room 12');
    w.sms(LILY, 'CHECKIN 10 room 99');
    w.clock.now += 10 * MIN;
    expect(timers(w, MODERATORS).escalated).toBe(2);
    await sendPass(w, 'sms');
    const lilyRef = refIn(w.queued(sms(MOD)).find((m) => m.text.includes('room 99'))?.text);

    w.sms(LILY, 'OK');

    expect(w.queued(sms(MOD)).at(-1)?.text).toBe(t.checkinOkModerators(`#${lilyRef}`));
  });
});
