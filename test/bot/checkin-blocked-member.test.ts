/**
 * CHECKIN_FALLBACK=moderators and a member BLOCK silenced on one of her
 * memberships only (a report sent over Signal with her number hidden): her
 * check-in goes to no moderator (one decision, at CHECKIN and at its end),
 * so her CHECKIN must not promise them. She is blocked as one person, so
 * it is dropped silently, as her messages from the blocked membership are.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers, type Fallback } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const ROSE_UUID = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const LILY = '+14155550111';
const MIN = 60_000;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const MODERATORS: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };
const refIn = (text: string | undefined) => /#([A-Z2-9]{4,6})/.exec(text ?? '')?.[1];
let n = 0;
const fromRoseSignal = (w: BotWorld, text: string, showing: boolean) =>
  w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, ...(showing ? { phone: ROSE } : {}) }, text, providerId: `${ROSE_UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const toModerator = (w: BotWorld) => w.queued(sms(MOD)).map((m) => m.text);

/** Rose on Signal (number showing) and SMS, linked; her report over Signal, number hidden, BLOCKed. */
async function blockedOnSignal(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
  fromRoseSignal(w, 'JOIN 415', true);
  w.sms(ROSE, 'JOIN 415');
  fromRoseSignal(w, 'REPORT 415 spam spam spam', false);
  const ref = refIn(toModerator(w).find((x) => x.includes('spam')));
  expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
  return w;
}

describe('CHECKIN of a member blocked on her other membership, with no buddy', () => {
  it('is dropped silently: nothing promises the moderators, and none is told at its end', async () => {
    const w = await blockedOnSignal();
    const before = toModerator(w).length;
    expect(w.sms(ROSE, 'CHECKIN 30 room 40').reply).toBeNull();
    w.clock.now += 30 * MIN;
    expect(timers(w, MODERATORS).escalated).toBe(0);
    expect(toModerator(w)).toHaveLength(before);
  });

  it('another member, not blocked, is still promised the moderators, and they are told', async () => {
    const w = await blockedOnSignal();
    const started = w.sms(LILY, 'CHECKIN 30 room 41').reply;
    expect(started).toContain('moderators');
    w.clock.now += 30 * MIN;
    expect(timers(w, MODERATORS).escalated).toBe(1);
    expect(toModerator(w).at(-1)).toContain('room 41');
  });
});
