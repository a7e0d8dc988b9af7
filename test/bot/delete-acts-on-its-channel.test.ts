/**
 * DELETE by SMS from a number her Signal account shows erases what was sent
 * by SMS only: an SMS can be spoofed, and a recycled number's new holder
 * gets her old texts. Her report and her check-in's reference sent over
 * Signal keep that number's index, so a moderator's BLOCK of them still
 * silences the number on both channels; her own DELETE over Signal erases them.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { ROSE, timers } from '../helpers/checkin-escalation';

const MOD = '+14155550199';
const MIN = 60_000;
const ROSE_UUID = '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const LINE = { fallback: 'moderators' as const, moderatorContacts: [sms(MOD)] };
let n = 0;
const fromRoseSignal = (w: BotWorld, text: string) =>
  w.bot.handle({ sender: { channel: 'signal', address: ROSE_UUID, phone: ROSE }, text, providerId: `${ROSE_UUID}:${1_700_000_000_000 + ++n}` }, 'outbox');
const refIn = (text: string | undefined | null) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];

async function world(): Promise<BotWorld> {
  const w = await botWorld({ checkins: { ...LINE, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] }, moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(ROSE, 'JOIN 415');
  fromRoseSignal(w, 'JOIN 415');
  return w;
}

/** The reference of the check-in Rose started over Signal and missed, as the moderators' notice names it. */
function missedCheckinRef(w: BotWorld): string | undefined {
  fromRoseSignal(w, 'CHECKIN 10 room 12');
  w.clock.now += 10 * MIN;
  expect(timers(w, LINE).escalated).toBe(1);
  return refIn(w.queued(sms(MOD)).find((m) => m.text.includes('room 12'))?.text);
}

describe('DELETE from one channel of someone on both with the same number', () => {
  it('DELETE by SMS leaves her Signal report tied to the number: BLOCK of it still silences the number by SMS', async () => {
    const w = await world();
    fromRoseSignal(w, 'REPORT 415 a red car');
    const r = refIn(w.sms(MOD, 'PENDING').reply);
    w.sms(ROSE, 'DELETE');
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlockedDiscarded(`#${r}`, 1));
    expect(w.sms(ROSE, 'REPORT 415 another one')).toMatchObject({ reply: null, dropped: 'blocked' });
  });

  it('DELETE by SMS leaves her Signal check-in reference tied to the number: BLOCK of it still silences the number by SMS', async () => {
    const w = await world();
    const r = missedCheckinRef(w);
    expect(r).toMatch(/^[A-Z0-9]{4,6}$/);
    w.sms(ROSE, 'DELETE');
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modBlocked(`#${r}`));
    expect(w.sms(ROSE, 'REPORT 415 another one')).toMatchObject({ reply: null, dropped: 'blocked' });
  });

  it('DELETE over Signal erases both links of her Signal report and her check-in reference: BLOCK finds no one', async () => {
    const w = await world();
    fromRoseSignal(w, 'REPORT 415 a red car');
    const report = refIn(w.sms(MOD, 'PENDING').reply);
    const checkin = missedCheckinRef(w);
    fromRoseSignal(w, 'DELETE');
    expect(w.sms(MOD, `BLOCK ${report}`).reply).toBe(t.modSenderErased(`#${report}`));
    expect(w.sms(MOD, `BLOCK ${checkin}`).reply).not.toBe(t.modBlocked(`#${checkin}`));
    expect(w.sms(ROSE, 'REPORT 415 a real one').reply).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('DELETE by SMS erases the link of the report she sent by SMS', async () => {
    const w = await world();
    const r = refIn(w.sms(ROSE, 'REPORT 415 a red car').reply);
    w.sms(ROSE, 'DELETE');
    expect(w.sms(MOD, `BLOCK ${r}`).reply).toBe(t.modSenderErased(`#${r}`));
  });
});
