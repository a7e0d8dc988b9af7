/**
 * Discreet on Signal only; her alert copy goes by SMS (Signal not sending),
 * as a notice: DISCREET over Signal sets only the Signal membership's flag,
 * and an alert is discreet while either membership of the person asked.
 * READ by SMS while that copy is in flight erases its unread row; the copy
 * is then not tried again after a restart at all (she has read it), never
 * the alert in full on her lock screen.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane, releaseLeases } from '../../src/store/outbox';
import { botWorld } from '../helpers/bot-world';
import type { Sender } from '../../src/phone/identity';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it('a discreet (on Signal) person’s SMS copy goes as a notice, and is not tried again after READ', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(t.joined(['415']));
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #/);
  // Signal not sending: her copy is planned by SMS.
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now, false).done);
  const first = claimLane(w.db, 'sms', w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
  expect(first.map((r) => r.discreet)).toEqual([1]);
  // In flight, she reads it by SMS (the notice came, say, by an earlier try): then a restart.
  expect(w.sms(ROSA, 'READ').reply).toContain('grey van');
  releaseLeases(w.db, w.clock.now);
  const again = claimLane(w.db, 'sms', w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
  expect(again).toEqual([]);
});
