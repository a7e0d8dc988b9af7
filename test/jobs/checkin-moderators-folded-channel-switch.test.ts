/**
 * The fold across her joining the other channel: a Signal member showing her
 * number whose three missed check-ins the moderators got in full, who then
 * joins over SMS too, does not start a fresh count: her fourth of the day is
 * one line without her words (see checkin-moderators-folded-both-channels).
 */
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const MIN = 60_000;
const ROSE_UUID = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };
let n = 0;
const fromRoseSignal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `${ROSE_UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');

describe('the fold across her joining the other channel', () => {
  it("her fourth missed check-in of the day comes without her words after she joins over SMS", async () => {
    const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
    fromRoseSignal(w, 'JOIN 415');
    for (let i = 1; i <= 3; i++) {
      fromRoseSignal(w, `CHECKIN 10 words${i}`);
      w.clock.now += 10 * MIN;
      expect(timers(w, LINE).escalated).toBe(1);
    }
    const before = w.queued(sms(MOD)).map((m) => m.text);
    expect(before.filter((x) => /words[123]/.test(x))).toHaveLength(3);
    w.sms(ROSE, 'JOIN 415');
    fromRoseSignal(w, 'CHECKIN 10 words4');
    w.clock.now += 10 * MIN;
    expect(timers(w, LINE).escalated).toBe(1);
    const fourth = w.queued(sms(MOD)).map((m) => m.text).filter((x) => !before.includes(x) && x.includes('missed'));
    expect(fourth).toHaveLength(1);
    expect(fourth[0]).not.toContain('words4');
  });
});
