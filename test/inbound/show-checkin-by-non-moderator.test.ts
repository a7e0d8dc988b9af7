/**
 * A SHOW's answer over Signal quoting a missed check-in is linked to it, so
 * that it goes with her details; the answer to someone who does not
 * moderate quotes nothing (a hint), and must not be taken back with them.
 */
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';
import { ROSE, timers, type Fallback } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const LILY_UUID = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
const MIN = 60_000;
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const lily: Sender = { channel: 'signal', address: LILY_UUID };
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };
const refIn = (text: string | undefined) => /#([A-Z2-9]{4,6})/.exec(text ?? '')?.[1];

describe("SHOW of a missed check-in's reference by someone who does not moderate", () => {
  it('is answered, and her answer stays queued when the check-in ends', async () => {
    const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
    w.sms(ROSE, 'CHECKIN 10 room 44');
    w.clock.now += 10 * MIN;
    timers(w, MODERATORS);
    const ref = refIn(w.queued(sms(MOD))[0]?.text);
    w.bot.handle({ sender: lily, text: `SHOW ${ref}`, providerId: `${LILY_UUID}:1700000000001` }, 'outbox');
    const answer = w.direct(LILY_UUID);
    expect(answer).toHaveLength(1);
    expect(answer[0]).not.toContain('room 44');

    w.sms(ROSE, 'OK');

    expect(w.direct(LILY_UUID)).toEqual(answer);
  });
});
