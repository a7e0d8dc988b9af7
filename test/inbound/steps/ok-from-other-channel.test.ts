/**
 * A member's OK and LATER work past a block and from her other channel (her
 * number showing): a lost OK has her buddies told she may be in danger.
 * Together too: blocked, with a check-in started by SMS, she answers over
 * Signal; or in the middle of a guided report by SMS, she says OK there to
 * the check-in she started over Signal.
 */
import { catalog } from '../../../src/bot/catalog';
import type { CheckinRules } from '../../../src/bot/line-rules';
import { runCheckinTimers } from '../../../src/jobs/checkin-timers';
import type { Sender } from '../../../src/phone/identity';
import { botWorld, type BotWorld } from '../../helpers/bot-world';

const MOD = '+14155550199';
const ROSE = '+14155550100';
const ROSE_UUID = '2c3d4e5f-6a7b-4c8d-9e0f-000000000100';
const BUDDY = '+14155550177';
const MIN = 60_000;
const RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] };
const roseSignal: Sender = { channel: 'signal', address: ROSE_UUID, phone: ROSE };
const t = catalog('en');

let ids = 0;
const signal = (w: BotWorld, text: string) => w.bot.handle({ sender: roseSignal, text, providerId: `sig-${++ids}` }).reply;
const escalated = (w: BotWorld) => runCheckinTimers({ db: w.db, vault: w.vault, fallback: 'none', moderatorContacts: [] }, w.clock.now).escalated;

async function world(): Promise<BotWorld> {
  return botWorld({ checkins: RULES, moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
}

/** Rose, with a buddy and a 30-minute check-in started by SMS, then blocked by a moderator for a report of hers. */
async function blockedWithCheckin(): Promise<BotWorld> {
  const w = await world();
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `BUDDY ${BUDDY} Rose`);
  w.sms(BUDDY, 'ACCEPT');
  expect(w.sms(ROSE, 'CHECKIN 30 blue Honda').reply).toContain('check-in until');
  const ref = /#([A-Z0-9]{4,6})/.exec(w.sms(ROSE, 'REPORT 415 grey van, rude').reply ?? '')?.[1];
  expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 1));
  return w;
}

describe('a blocked member with a check-in started by SMS', () => {
  it('ends it with OK over Signal, her number showing, though she never used Signal before', async () => {
    const w = await blockedWithCheckin();
    const start = w.clock.now;
    w.clock.now = start + 20 * MIN;
    expect(signal(w, 'OK')).toBe(t.checkinOk());
    w.clock.now = start + 31 * MIN;
    expect(escalated(w)).toBe(0);
  });

  it('moves it on with LATER over Signal, her number showing', async () => {
    const w = await blockedWithCheckin();
    const start = w.clock.now;
    w.clock.now = start + 20 * MIN;
    expect(signal(w, 'LATER 60')).toMatch(/^Heads Up: check-in extended to /);
    w.clock.now = start + 31 * MIN;
    expect(escalated(w)).toBe(0);
  });
});

describe('a member in the middle of a guided report by SMS', () => {
  it('ends with OK there the check-in she started over Signal, though she never texted by SMS before', async () => {
    const w = await world();
    signal(w, 'JOIN 415');
    signal(w, `BUDDY ${BUDDY} Rose`);
    w.sms(BUDDY, 'ACCEPT');
    const start = w.clock.now;
    expect(signal(w, 'CHECKIN 30 blue Honda')).toContain('check-in until');
    expect(w.sms(ROSE, 'REPORT').reply).toBe(t.reportAsk('what'));
    w.clock.now = start + 20 * MIN;
    expect(w.sms(ROSE, 'OK').reply).toBe(t.checkinOk());
    w.clock.now = start + 31 * MIN;
    expect(escalated(w)).toBe(0);
  });
});
