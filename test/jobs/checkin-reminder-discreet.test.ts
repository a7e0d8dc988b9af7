/**
 * The check-in reminder comes unasked, to her lock screen: a member who chose
 * DISCREET, on this channel or her other one (one person, one phone), gets it
 * naming neither the line nor the check-in, as her other unasked notices.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers } from '../helpers/checkin-escalation';
import { clockTime } from '../../src/bot/clock-time';

const MIN = 60_000;
const MOD = '+14155550199';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const t = catalog('en');
const LINE = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };

async function line(): Promise<BotWorld> {
  return botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
}

/** What her check-in of an hour, started by SMS now, queues for her by SMS when its reminder is due. */
function reminderFor(w: BotWorld): string[] {
  const start = w.clock.now;
  expect(w.sms(ROSE, 'CHECKIN 60 client Mike, Motel 6 room 12').reply).toMatch(/^Heads Up: check-in until/);
  const before = w.queued(sms(ROSE)).length;
  w.clock.now += 51 * MIN;
  expect(timers(w, LINE).reminded).toBe(1);
  const sent = w.queued(sms(ROSE)).map((m) => m.text).slice(before);
  expect(sent[0]).toMatch(new RegExp(clockTime(start + 60 * MIN)));
  return sent;
}

describe('the check-in reminder of a discreet member', () => {
  it('names neither the line nor the check-in when she asked by SMS', async () => {
    const w = await line();
    w.sms(ROSE, 'JOIN 415');
    expect(w.sms(ROSE, 'DISCREET').reply).toBe(t.discreetOn('sms'));
    const sent = reminderFor(w);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/Heads Up|check-?in/i);
    expect(sent[0]).toMatch(/^HU: reply OK by .*, or LATER 30\.$/);
  });

  it('is as discreet when she asked on her Signal membership only', async () => {
    const w = await line();
    expect(w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSE }, text: 'JOIN 415', providerId: 'sig:1' }).reply).toBe(t.joined(['415']));
    expect(w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSE }, text: 'DISCREET', providerId: 'sig:2' }).reply).toBe(t.discreetOn('signal'));
    w.sms(ROSE, 'JOIN 415');
    const sent = reminderFor(w);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/Heads Up|check-?in/i);
  });

  it('is the plain reminder for a member who never asked', async () => {
    const w = await line();
    w.sms(ROSE, 'JOIN 415');
    const sent = reminderFor(w);
    expect(sent[0]).toMatch(/^Heads Up: your check-in ends at/);
  });
});
