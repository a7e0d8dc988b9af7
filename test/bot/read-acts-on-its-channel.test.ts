/**
 * READ reads and marks only the membership it comes from, as STOP, DELETE,
 * LANG and DISCREET act: an SMS from her number may be spoofed, or come from
 * the new holder of a recycled number her Signal account still shows. It must
 * not mark her Signal notice, still queued, delivered (so it never goes),
 * erase what her own READ would show, or tell by its reply that the Signal
 * membership exists.
 */
import { catalog } from '../../src/bot/catalog';
import { planNextRange, unplannedAlerts } from '../../src/store/alerts';
import { claimLane } from '../../src/store/outbox';
import { botWorld } from '../helpers/bot-world';
import type { Sender } from '../../src/phone/identity';

const MOD = '+14155550199';
const ROSA = '+14155550101';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it('READ by SMS from the number leaves her Signal membership’s queued notice and unread alert alone', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  let n = 0;
  const signal = (text: string) => w.bot.handle({ sender: { channel: 'signal', address: UUID, phone: ROSA }, text, providerId: `sig:${++n}` }).reply;
  expect(signal('JOIN 415')).toBe(t.joined(['415']));
  expect(signal('DISCREET')).toBe(t.discreetOn('signal'));
  // The number, recycled: its new holder joins by SMS.
  expect(w.sms(ROSA, 'JOIN 415').reply).toBe(t.joined(['415']));
  expect(w.sms(MOD, 'ALERT 415 grey van, knife, plate 7ABC123').reply).toMatch(/Alert #/);
  for (const id of unplannedAlerts(w.db)) while (!planNextRange(w.db, id, w.clock.now).done);
  // The new holder's READ by SMS (no notice ever came to this membership): the answer anyone would get.
  expect(w.sms(ROSA, 'READ').reply).toBe(t.readNone());
  // Rosa's notice over Signal must still go, and her READ still show the alert.
  const signalCopies = claimLane(w.db, 'signal', w.clock.now + 1, 50, w.clock.now + 60_000).filter((r) => r.alert_id !== null);
  expect(signalCopies).toHaveLength(1);
  expect(signal('READ')).toContain('grey van');
});
