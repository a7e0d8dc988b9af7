/**
 * "JOIN 415 and 628" joins both (README; the word between two areas is no
 * area). A moderator's "ALERT 415 and 510 …" went to 415 alone, its text
 * starting "and 510 …", sent at once with no one to check it; on a UK line
 * "ALERT LDN and MAN …" likewise; and "REPORT 415 and 510" was filed as a
 * one-message report reading "and 510" instead of starting the guided one.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { findProjectDir } from '../../src/store/find-up';
import type { Sender } from '../../src/phone/identity';
import { openAlert } from '../../src/store/alerts';
import { botWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
// A member in 415: an alert no one would get is answered otherwise (moderator-alert-to-empty-area).
const ROSA = '+14155550151';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('ALERT with "and" between its areas', () => {
  it('reaches both North American codes, and its text does not start with "and 510"', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(MOD, 'ALERT 415 and 510 police sweep on Broadway tonight').reply).toMatch(/going to 415, 510\./);
    expect(openAlert(w.db, w.vault, 1)?.body).toEqual({ text: 'police sweep on Broadway tonight' });
  });

  it('reaches both areas of a UK line: ALERT LDN and MAN …', async () => {
    const regions = Regions.forLine(path.join(findProjectDir('config'), 'areas.uk.example.json'), 'GB');
    const mod = '+442079460999';
    const w = await botWorld({ regions, moderators: new Set([mod]), moderatorContacts: [sms(mod)] });
    w.sms('+442079460151', 'JOIN LDN');
    expect(w.sms(mod, 'ALERT LDN and MAN police sweep tonight').reply).toMatch(/going to LDN, MAN\./);
    expect(openAlert(w.db, w.vault, 1)?.body).toEqual({ text: 'police sweep tonight' });
  });

  it('keeps "and" in the text when no area follows it, or a number does', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(MOD, 'ALERT 415 and more raids tonight').reply).toMatch(/going to 415\./);
    expect(openAlert(w.db, w.vault, 1)?.body).toEqual({ text: 'and more raids tonight' });
    expect(w.sms(MOD, 'ALERT 415 and (628) 555-0177 is dangerous').reply).toMatch(/going to 415\./);
    expect(openAlert(w.db, w.vault, 2)?.body).toEqual({ text: 'and (628) 555-0177 is dangerous' });
  });
});

describe('REPORT with "and" between its areas and no text', () => {
  it('"REPORT 415 and 510" starts the guided report for both', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms(ROSA, 'JOIN 415');
    expect(w.sms(ROSA, 'REPORT 415 and 510').reply).toMatch(/What happened\?/);
    for (const answer of ['1', 'fri 11pm', 'SKIP']) w.sms(ROSA, answer);
    expect(w.sms(ROSA, 'DONE').reply).toMatch(/#/);
    expect(w.sms(MOD, 'PENDING').reply).toMatch(/\(415, 510\)/);
  });
});
