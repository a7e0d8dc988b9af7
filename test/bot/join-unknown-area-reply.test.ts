/**
 * On a line with its own areas, few enough to list, JOIN with a misspelt
 * area was told "that isn't one of our areas. Reply with one of LDN, MAN, …";
 * she replied with one, as told, and was not subscribed: no question was
 * open, and her "LDN" got the "didn't understand" hint. JOIN now opens the
 * join question for that reply; LEAVE, REPORT, APPROVE and ALERT, which open
 * none, say which command to send again instead of "Reply with".
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { findProjectDir } from '../../src/store/find-up';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const LONDON_MOBILE = '+447911100010'; // a UK mobile: no area of its own
const MOD = '+442079460999';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function ukWorld(): Promise<BotWorld> {
  const regions = Regions.forLine(path.join(findProjectDir('config'), 'areas.uk.example.json'), 'GB');
  return botWorld({ regions, moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
}

describe('the "Reply with one of …" answer to a misspelt JOIN', () => {
  it('takes the reply it asks for', async () => {
    const w = await ukWorld();
    expect(w.sms(LONDON_MOBILE, 'JOIN Londn').reply).toMatch(/^Heads Up: that isn't one of our areas\. Reply with one of LDN, MAN/);
    expect(w.sms(LONDON_MOBILE, 'LDN').reply).toBe(catalog('en').joined(['LDN']));
  });
});

describe('a misspelt area where no question follows', () => {
  it('tells a member to send LEAVE (SALIR in Spanish) again with one of the areas', async () => {
    const w = await ukWorld();
    w.sms(LONDON_MOBILE, 'JOIN LDN');
    expect(w.sms(LONDON_MOBILE, 'LEAVE Londn').reply).toMatch(/^Heads Up: that isn't one of our areas\. Send LEAVE again with one of LDN, MAN/);
    expect(w.sms(LONDON_MOBILE, 'SALIR Londn').reply).toMatch(/^Heads Up: esa no es una de nuestras areas\. Envia SALIR de nuevo con una de LDN, MAN/);
    // No question was opened: her next message is a command, not an answer.
    expect([catalog('en').hint(), catalog('es').hint()]).toContain(w.sms(LONDON_MOBILE, 'LDN').reply);
  });

  it('tells a reporter to send REPORT again, and a moderator ALERT', async () => {
    const w = await ukWorld();
    expect(w.sms(LONDON_MOBILE, 'REPORT 451').reply).toMatch(/Send REPORT again with one of LDN, MAN/);
    expect(w.sms(MOD, 'ALERT 451 police sweep tonight').reply).toMatch(/Send ALERT again with one of LDN, MAN/);
  });
});
