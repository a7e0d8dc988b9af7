/**
 * Once her check-in has run out and her buddies are told she did not check
 * in, a message not understood ("I'm safe") is answered that they were told
 * and that OK tells them she is safe: it got "Text HELP", then silence, and a
 * late OK still reaches them (README).
 */
import { catalog } from '../../src/bot/catalog';
import { missedCheckin, ROSE } from '../helpers/checkin-escalation';

const BUDDY = '+14155550177';
const ROSE_UUID = '3c4d5e6f-7a8b-4c9d-8e0f-000000000100';
const MIN = 60_000;
const t = catalog('en');

describe('a message not understood once her check-in has escalated', () => {
  it('tells her her buddies were told, and to text OK if she is safe', async () => {
    const w = await missedCheckin('sms', [BUDDY]);
    expect(w.sms(ROSE, "I'm safe").reply).toBe(t.checkinStillMissed('buddies'));
    // Bounded as the still-runs answer: once in 5 minutes.
    w.clock.now += MIN;
    expect(w.sms(ROSE, 'hello??').reply).toBe(t.hint());
    w.clock.now += 5 * MIN;
    expect(w.sms(ROSE, 'Safe now').reply).toBe(t.checkinStillMissed('buddies'));
    expect(w.sms(ROSE, 'OK').reply).not.toBe(t.checkinNone());
    w.clock.now += 5 * MIN;
    expect(w.sms(ROSE, "I'm safe").reply).toBeNull();
  });

  it('says it in plain words to a discreet member', async () => {
    const w = await missedCheckin('sms', [BUDDY]);
    w.sms(ROSE, 'DISCREET');
    w.clock.now += 5 * MIN;
    const reply = w.sms(ROSE, "I'm safe").reply;
    expect(reply).toBe(t.discreetStillMissed('buddies'));
    expect(reply).not.toMatch(/check-in|Heads Up/i);
  });

  it('is in her language', async () => {
    const w = await missedCheckin('sms', [BUDDY]);
    w.sms(ROSE, 'ESPANOL');
    w.clock.now += 5 * MIN;
    expect(w.sms(ROSE, 'estoy bien').reply).toBe(catalog('es').checkinStillMissed('buddies'));
  });

  it('tells her over Signal, authenticated, of one escalated by SMS', async () => {
    const w = await missedCheckin('sms', [BUDDY]);
    const signal = w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text: "I'm safe", providerId: 'sig-1' }).reply;
    expect(signal).toBe(t.checkinStillMissed('buddies'));
  });
});
