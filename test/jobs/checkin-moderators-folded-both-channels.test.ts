/**
 * The fold of her missed check-ins told to the moderators (three in full a
 * day, then one line each without her words) for someone on SMS and Signal
 * with the same number: counted under each membership and under the number
 * she showed over Signal, each once per notice. Her DELETE on one channel
 * and a check-in on the other does not start a fresh count, and a member on
 * both still gets three in full, not fewer.
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
const world = () =>
  botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
/** The moderators' notices of her missed check-ins, and which of them carried her words. */
const missed = (w: BotWorld) => w.queued(sms(MOD)).map((m) => m.text).filter((x) => x.includes('missed'));
const withWords = (w: BotWorld) => missed(w).filter((x) => /words\d/.test(x)).map((x) => /words\d/.exec(x)![0]);

/** A check-in of 10 minutes she lets lapse, sent by `send`: its escalation goes to the moderators. */
function lapse(w: BotWorld, send: (text: string) => unknown, words: string): void {
  send(`CHECKIN 10 ${words}`);
  w.clock.now += 10 * MIN;
  expect(timers(w, LINE).escalated).toBe(1);
}

describe('the fold for someone on both channels', () => {
  it('her first three missed check-ins of the day, from either channel, reach the moderators in full; the fourth is folded', async () => {
    const w = await world();
    fromRoseSignal(w, 'JOIN 415');
    w.sms(ROSE, 'JOIN 415');
    for (let i = 1; i <= 4; i++) lapse(w, i % 2 ? (x) => fromRoseSignal(w, x) : (x) => w.sms(ROSE, x), `words${i}`);
    expect(missed(w)).toHaveLength(4);
    expect(withWords(w)).toEqual(['words1', 'words2', 'words3']);
  });

  it('three over Signal, then her DELETE there and a check-in by SMS: the fourth is still folded', async () => {
    const w = await world();
    fromRoseSignal(w, 'JOIN 415');
    for (let i = 1; i <= 3; i++) lapse(w, (x) => fromRoseSignal(w, x), `words${i}`);
    expect(withWords(w)).toEqual(['words1', 'words2', 'words3']);
    // Her DELETE withdraws what the moderators were told of her (it quoted her words).
    fromRoseSignal(w, 'DELETE');
    w.sms(ROSE, 'JOIN 415');
    lapse(w, (x) => w.sms(ROSE, x), 'words4');
    expect(missed(w)).toHaveLength(1);
    expect(withWords(w)).toEqual([]);
  });

  it('three by SMS, then her DELETE there and a check-in over Signal showing the number: the fourth is still folded', async () => {
    const w = await world();
    w.sms(ROSE, 'JOIN 415');
    for (let i = 1; i <= 3; i++) lapse(w, (x) => w.sms(ROSE, x), `words${i}`);
    expect(withWords(w)).toEqual(['words1', 'words2', 'words3']);
    w.sms(ROSE, 'DELETE');
    fromRoseSignal(w, 'JOIN 415');
    lapse(w, (x) => fromRoseSignal(w, x), 'words4');
    expect(missed(w)).toHaveLength(1);
    expect(withWords(w)).toEqual([]);
  });
});
