/**
 * A Signal member whose number shows starts a check-in, having filed
 * reports over Signal and by SMS from that number. Read without the key, the
 * check-in (running, or missed and told to the moderators by a reference)
 * must not tie her member row to those reports: no value the check-in or
 * its reference holds equals one a report or a member row holds. BLOCK of
 * the reference still reaches the number by SMS, and her reports from both.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';
import { timers, type Fallback } from '../helpers/checkin-escalation';
import { equalValues, readSeized } from '../helpers/seized-file';

const MOD = '+14155550199';
const ROSE = '+14155550100';
const ROSE_UUID = '3c1d9e2a-7b4f-4e8a-9d2c-5f6a7b8c9d0e';
const MIN = 60_000;
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE: Fallback = { fallback: 'moderators', moderatorContacts: [sms(MOD)] };

/** Pairs of equal values between a check-in's tables and the reports' and members'. */
function joins(dir: string): string[] {
  return readSeized(dir, (file) => equalValues(file, ['checkins', 'checkin_refs'], ['reports', 'members']));
}

async function rose() {
  const moderators = new Set([MOD]);
  const w = await botWorld({ checkins: { fallback: 'moderators', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderatorContacts: LINE.moderatorContacts, moderators });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `${ROSE_UUID}:${++n}` }, 'outbox');
  signal('JOIN 415');
  signal('REPORT 415 grey van, took my phone');
  w.sms(ROSE, 'REPORT 415 blue sedan, would not pay');
  signal('CHECKIN 30 blue Honda');
  return { w, signal, dir: w.file.replace(/\/heads-up\.db$/, '') };
}

describe("a Signal check-in read without the key", () => {
  it('while it runs, ties her member row to none of her reports', async () => {
    const { w, dir } = await rose();
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM checkins').get()).toEqual({ n: 1 });
    expect(joins(dir)).toEqual([]);
  });

  it('missed and told to the moderators, its reference ties her to none either; BLOCK of it still silences her number by SMS', async () => {
    const { w, dir } = await rose();
    w.clock.now += 30 * MIN;
    expect(timers(w, LINE).escalated).toBe(1);
    const ref = (w.db.sqlite.prepare('SELECT ref FROM checkin_refs').get() as { ref: string }).ref;
    expect(joins(dir)).toEqual([]);
    // Her two pending reports go, the Signal one and the SMS one from the number she showed, as BLOCK of a report's would.
    expect(w.sms(MOD, `BLOCK ${ref}`).reply).toBe(t.modBlockedDiscarded(`#${ref}`, 2));
    expect(w.sms(ROSE, 'REPORT 415 a grey van')).toMatchObject({ reply: null, dropped: 'blocked' });
  });
});
