/**
 * A dollar amount after the areas of an ALERT (or REPORT) is
 * read as one more area code when its digits are one: "$650" sends the
 * alert to 650 as well, and the amount leaves the text.
 */
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const REPORTER = '+14155550105';
// A member in 415: an alert no one would get is answered otherwise (moderator-alert-to-empty-area).
const MEMBER = '+14155550101';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('a dollar amount after the areas', () => {
  it('ALERT 415 $650 … goes to 415 only, and keeps the amount in its text', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(MEMBER, 'JOIN');
    const reply = w.sms(MOD, 'ALERT 415 $650 short, took my phone back, grey Honda').reply;
    const row = w.db.sqlite.prepare('SELECT npas, reach FROM alerts').get() as { npas: string; reach: string };
    expect({ reply, npas: row.npas }).toEqual({ reply: expect.stringMatching(/going to 415\./), npas: '415' });
  });

  it('REPORT 415 $250 short … is a report for 415 (not British Columbia) that keeps "$250"', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(REPORTER, 'REPORT 415 $250 short, took my phone back');
    const notice = w.queued(sms(MOD)).map((q) => q.text).join('\n');
    expect(notice).toContain('Heads Up alert (415): $250 short, took my phone back');
  });
});

describe('areas joined by "and" in ALERT, as JOIN and APPROVE take them', () => {
  it('ALERT 415 y 305 … goes to both areas, and the text does not start with "y 305"', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(MEMBER, 'JOIN');
    const reply = w.sms(MOD, 'ALERT 415 y 305 hombre agresivo, carro gris').reply;
    const row = w.db.sqlite.prepare('SELECT npas FROM alerts').get() as { npas: string };
    expect({ reply, npas: row.npas }).toEqual({ reply: expect.stringMatching(/305, 415/), npas: '305,415' });
  });
});
