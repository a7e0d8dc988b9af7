/**
 * DISCREET from someone on SMS and Signal with the same number acts on the
 * channel it comes from only, as STOP does: an SMS from her number may be
 * spoofed, or come from the new holder of a recycled number her Signal account
 * still shows. Its reply never tells whether the other membership exists or is
 * discreet, and a message can never turn the other membership's discreet
 * alerts off: an alert is discreet while either membership asked for it.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const STRANGER = '+14155550123';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });
const rosaSignal: Sender = { channel: 'signal', address: UUID, phone: ROSA };

async function line(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: rosaSignal, text, providerId: `sig:${++n}` }).reply;
  return { w, signal };
}

/** Whether the copies of an alert to 415 the planner queues now go as notices, per channel (the planner sends her one). */
function alertCopiesDiscreet(w: BotWorld): number[] {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  return [
    ...claimLane(w.db, 'signal', w.clock.now + 1, 50, w.clock.now + 60_000),
    ...claimLane(w.db, 'sms', w.clock.now + 1, 50, w.clock.now + 60_000),
  ]
    .filter((r) => r.alert_id !== null)
    .map((r) => r.discreet);
}

describe('DISCREET from one channel of someone on both with the same number', () => {
  it("the new holder of her number: his DISCREET by SMS gets a stranger's reply, and her Signal alerts stay discreet", async () => {
    const { w, signal } = await line();
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    // The carrier gave her old number to him; her Signal account still shows it.
    expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
    const his = w.sms(ROSA, 'DISCREET').reply;
    const other = await botWorld();
    other.sms(STRANGER, 'JOIN 415');
    expect(his).toBe(other.sms(STRANGER, 'DISCREET').reply);
    // Twice: his on, then his off, leaves hers on.
    w.sms(ROSA, 'DISCREET');
    expect(alertCopiesDiscreet(w)).toEqual([1]);
  });

  it('turned on from both, off by SMS: her alerts stay discreet until she turns it off over Signal too', async () => {
    const { w, signal } = await line();
    signal('JOIN 415');
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
    expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOff('sms'));
    expect(alertCopiesDiscreet(w)).toEqual([1]);
    expect(signal('DISCREET')).toBe(t.discreetOff('signal'));
    expect(alertCopiesDiscreet(w)).toEqual([0]);
  });

  it('a copy queued for her Signal membership, a notice since her SMS one turned discreet, goes in full once that turns it off', async () => {
    const { w, signal } = await line();
    signal('JOIN 415');
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOn('sms'));
    w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123');
    for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
    expect(w.sms(ROSA, 'DISCREET').reply).toBe(t.discreetOff('sms'));
    const rows = claimLane(w.db, 'signal', w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
    expect(rows.map((r) => r.discreet)).toEqual([0]);
  });
});
