/**
 * ALERT with no letter or digit in its text ("ALERT MAD .", "ALERT MAD 😡")
 * is refused as an ALERT with no text is, nothing sent: it went to the whole
 * area as a content-free alert. EDIT refuses such text so already. Real
 * SQLite and crypto, through the bot, on a UK example line.
 */
import type { Sender } from '../../src/phone/identity';
import { countAlerts } from '../../src/store/alerts';
import { catalog } from '../../src/bot/catalog';
import { lineExamples } from '../../src/bot/line-examples';
import { botWorld, exampleLine } from '../helpers/bot-world';

const MOD = '+442079460999';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('ALERT whose text has no letter or digit', () => {
  it.each([['ALERT LDN .'], ['ALERT LDN 😡'], ['ALERT LDN MAN ?!'], ['ALERT london 🚩 🚩']])('refuses "%s", sending nothing', async (text) => {
    const regions = exampleLine('uk');
    const w = await botWorld({ regions, moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms('+442079460151', 'JOIN LDN');
    expect(w.sms(MOD, text).reply).toBe(catalog('en').modNeedsText(lineExamples(regions)));
    expect(countAlerts(w.db)).toBe(0);
  });

  it('still sends one with a word or a number after a mark', async () => {
    const w = await botWorld({ regions: exampleLine('uk'), moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms('+442079460151', 'JOIN LDN');
    expect(w.sms(MOD, 'ALERT LDN 😡 07700 900123').reply).toMatch(/^Alert #[A-Z0-9]{4,6} going to LDN\./);
    expect(countAlerts(w.db)).toBe(1);
  });
});
