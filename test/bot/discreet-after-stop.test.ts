/**
 * DISCREET from a membership that sent STOP: it gets no alerts, so the reply
 * must not say "An alert now comes as a plain notice" (found by a hunt on
 * discreet alerts). The setting is kept for when she comes back, and the
 * reply says so and how to come back.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c99';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function line(): Promise<{ w: BotWorld; signal: (text: string) => string | null }> {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID }, text, providerId: `sig:${++n}` }).reply;
  return { w, signal };
}

/** Whether her Signal copy of a new alert to 415 goes as a notice (1) or in full (0). */
function nextAlertDiscreet(w: BotWorld): number[] {
  expect(w.sms(MOD, 'ALERT 415 grey van, knife').reply).toMatch(/Alert #[A-Z0-9]{4,6} going to/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  return claimLane(w.db, 'signal', w.clock.now + 1, 50, w.clock.now + 60_000)
    .filter((r) => r.alert_id !== null)
    .map((r) => r.discreet);
}

describe('DISCREET after STOP', () => {
  it('says the setting waits for her return and how to come back, and it holds when she does', async () => {
    const { w, signal } = await line();
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(signal('STOP')).toBe(t.stopped('signal', false, false));
    expect(signal('DISCREET')).toBe(t.discreetWhenBack(true, 'signal'));
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(nextAlertDiscreet(w)).toEqual([1]);
  });

  it('DISCREET OFF, and words that say neither, are answered the same way', async () => {
    const { w, signal } = await line();
    signal('JOIN 415');
    signal('DISCREET ON');
    signal('STOP');
    expect(signal('discreet please')).toBe(t.discreetWhenBack(true, 'signal'));
    expect(signal('DISCREET OFF')).toBe(t.discreetWhenBack(false, 'signal'));
    expect(signal('JOIN 415')).toBe(t.joined(['415']));
    expect(nextAlertDiscreet(w)).toEqual([0]);
  });

  it('by SMS too, naming SMS', async () => {
    const { w } = await line();
    w.sms(ROSA, 'JOIN 415');
    w.sms(ROSA, 'STOP');
    expect(w.sms(ROSA, 'DISCREET ON').reply).toBe(t.discreetWhenBack(true, 'sms'));
  });

  it('a member who did not stop is told as before', async () => {
    const { w } = await line();
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(ROSA, 'DISCREET ON').reply).toBe(t.discreetOn('sms'));
  });
});
