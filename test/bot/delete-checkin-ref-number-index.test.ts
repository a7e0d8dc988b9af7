/**
 * her SMS DELETE erases the link between her number and what she
 * sent over Signal showing it (forgetReporter does so for a report's
 * phone_reporter_bidx), but a missed check-in's reference (and its check-in)
 * keeps that number's reporter index (migration 0040).
 */
import { memberKey } from '../../src/phone/identity';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const MIN = 60_000;
const ROSE_UUID = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
let n = 0;
const fromRoseSignal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `${ROSE_UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');

describe('DELETE over SMS and a Signal check-in reference', () => {
  it('her SMS DELETE leaves no index of her number in a check-in reference, as it leaves none in a report', async () => {
    const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: [sms(MOD)], moderators: new Set([MOD]) });
    w.sms(ROSE, 'JOIN 415');
    fromRoseSignal(w, 'JOIN 415');
    fromRoseSignal(w, 'REPORT 415 a red car');
    fromRoseSignal(w, 'CHECKIN 10 room 12');
    w.clock.now += 10 * MIN;
    expect(timers(w, { fallback: 'moderators', moderatorContacts: [sms(MOD)] }).escalated).toBe(1);
    const numberIndex = w.vault.index('reporter', memberKey(sms(ROSE)));
    const refRows = () => w.db.stmt('SELECT phone_reporter_bidx AS k FROM checkin_refs').all() as Array<{ k: Buffer | null }>;
    const reportRows = () => w.db.stmt('SELECT phone_reporter_bidx AS k FROM reports').all() as Array<{ k: Buffer | null }>;
    // Before: both carry the number's index.
    expect(reportRows().some((r) => r.k?.equals(numberIndex))).toBe(true);
    expect(refRows().some((r) => r.k?.equals(numberIndex))).toBe(true);
    w.sms(ROSE, 'DELETE');
    // The report's link to the erased number is gone...
    expect(reportRows().some((r) => r.k?.equals(numberIndex))).toBe(false);
    // ...the check-in reference's is not.
    expect(refRows().some((r) => r.k?.equals(numberIndex))).toBe(false);
  });
});
