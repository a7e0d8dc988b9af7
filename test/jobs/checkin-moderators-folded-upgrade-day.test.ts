/**
 * The fold on the day of an upgrade: the version before counted a sender's
 * full notices to the moderators under her memberships' limit keys (the
 * 'sender' index of each); this one counts them under fold keys of their
 * own. Counts the version before kept that day still count: her fourth
 * missed check-in of the day comes without her words, not in full.
 */
import type { Sender } from '../../src/phone/identity';
import { DAY_MS } from '../../src/store/coarse-time';
import { findMember, personIndexes } from '../../src/store/members';
import { SenderLimits } from '../../src/store/sender-limits';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const MIN = 60_000;
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };

/** Rose misses a 10-minute check-in with these details. */
function miss(w: BotWorld, details: string): void {
  w.sms(ROSE, `CHECKIN 10 ${details}`);
  w.clock.now += 10 * MIN;
  expect(timers(w, LINE).escalated).toBe(1);
}

/** Her counts as the version before kept them: under each membership's 'sender' index, none under the fold keys. */
function countedByTheVersionBefore(w: BotWorld, full: number): void {
  w.db.sqlite.prepare("DELETE FROM sender_limits WHERE kind = 'checkin_moderators'").run();
  const rose = findMember(w.db, w.vault, sms(ROSE))!.id;
  const limits = new SenderLimits(w.db);
  for (const key of personIndexes(w.db, w.vault, rose, 'sender')) {
    for (let i = 0; i < full; i++) limits.take(key, 'checkin_moderators', { max: 3, windowMs: DAY_MS }, w.clock.now);
  }
}

async function line(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
  w.sms(ROSE, 'JOIN');
  return w;
}

describe('the fold on the day of an upgrade', () => {
  it('her fourth missed check-in comes without her words when the version before counted the first three', async () => {
    const w = await line();
    for (let i = 1; i <= 3; i++) miss(w, `words${i}`);
    countedByTheVersionBefore(w, 3);
    miss(w, 'words4');
    const texts = w.queued(sms(MOD)).map((m) => m.text);
    expect(texts.filter((x) => /words[123]/.test(x))).toHaveLength(3);
    expect(texts.filter((x) => x.includes('words4'))).toEqual([]);
  });

  it('two counted by the version before and one by this one make her three: the fourth comes without her words', async () => {
    const w = await line();
    for (let i = 1; i <= 2; i++) miss(w, `words${i}`);
    countedByTheVersionBefore(w, 2);
    miss(w, 'words3');
    miss(w, 'words4');
    const texts = w.queued(sms(MOD)).map((m) => m.text);
    expect(texts.filter((x) => x.includes('words3'))).toHaveLength(1);
    expect(texts.filter((x) => x.includes('words4'))).toEqual([]);
  });

  it('the next day her counts start again: the version before left none for it', async () => {
    const w = await line();
    for (let i = 1; i <= 3; i++) miss(w, `words${i}`);
    countedByTheVersionBefore(w, 3);
    w.clock.now += DAY_MS;
    miss(w, 'words4');
    expect(w.queued(sms(MOD)).map((m) => m.text).filter((x) => x.includes('words4'))).toHaveLength(1);
  });
});
