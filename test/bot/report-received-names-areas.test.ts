/**
 * The reply to a filed report names the areas it went to, so that she sees
 * where it went ("REPORT MAN WITH A KNIFE…" from a member of LDN: LDN) and
 * can send it again when that is not where she meant.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import { LANGS } from '../../src/bot/catalog';
import { botWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld } from '../helpers/report-world';

const refOf = (reply: string) => /#[A-Z0-9]{4,6}/.exec(reply)![0];
const ROSA = '+447911100001';

describe('the reply to a filed report', () => {
  it('names the area a one-message report went to: her own when a word in capitals only looks like a code', async () => {
    const w = await botWorld({ regions: Regions.forLine(path.resolve(__dirname, '../../config/areas.uk.example.json'), 'GB') });
    w.sms(ROSA, 'JOIN LDN');
    const reply = w.sms(ROSA, 'REPORT MAN WITH A KNIFE AT KINGS CROSS, GREY VAN').reply ?? '';
    expect(reply).toBe(catalog('en').reportReceived(refOf(reply), ['LDN']));
  });

  it('names the areas given before the text', async () => {
    const w = await reportWorld();
    const reply = w.sms(REPORTER, 'REPORT 212 and 415 grey van, choked a worker').reply ?? '';
    expect(reply).toBe(catalog('en').reportReceived(refOf(reply), ['212', '415']));
  });

  it('names the areas of a guided report filed with DONE', async () => {
    const w = await reportWorld();
    for (const a of ['REPORT', '1', 'fri 11pm', '212 midtown']) w.sms(REPORTER, a);
    const done = w.sms(REPORTER, 'DONE').reply ?? '';
    expect(done).toBe(catalog('en').reportReceived(refOf(done), ['212']));
  });

  it.each(LANGS)('shows the areas in every language (%s)', (lang) => {
    expect(catalog(lang).reportReceived('#K7Q2', ['LDN', 'MAN'])).toMatch(/LDN.*MAN/);
    expect(catalog(lang).reportReceivedCut('#K7Q2', ['LDN'], 1600)).toContain('LDN');
  });
});
