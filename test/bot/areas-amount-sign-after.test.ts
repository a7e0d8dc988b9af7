/** An amount with its currency sign is text, also with the sign after it, as French and Quebec write it ("250$"): not an area code. */
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const MOD = '+15145550199';
const REPORTER = '+15145550105';
// A member in 514: an alert no one would get is answered otherwise (moderator-alert-to-empty-area).
const MEMBER = '+15145550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

it('ALERT 514 250$ … goes to 514 only (not British Columbia) and keeps "250$" in its text', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(MEMBER, 'JOIN');
  const reply = w.sms(MOD, 'ALERT 514 250$ manquant, client agressif, Honda grise').reply;
  const row = w.db.sqlite.prepare('SELECT npas FROM alerts').get() as { npas: string };
  expect({ reply, npas: row.npas }).toEqual({ reply: expect.stringMatching(/going to 514\./), npas: '514' });
});

it('REPORT 514 250$ … is a report for 514 that keeps the amount', async () => {
  const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
  w.sms(REPORTER, 'REPORT 514 250$ manquant, il a repris mon téléphone');
  const notice = w.queued(sms(MOD)).map((q) => q.text).join('\n');
  expect(notice).toContain('250$ manquant');
});
