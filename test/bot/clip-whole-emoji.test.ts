/**
 * A reply's quote is cut between characters as written, never inside an
 * emoji: ALERT's reply quoting "aaa…😡😡😡" ended in half an emoji (a lone
 * surrogate), which a phone shows as a broken character or a carrier may refuse.
 */
import { clip } from '../../src/bot/catalog-text';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MOD = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('clip', () => {
  it('cuts before an emoji that would not fit whole, counting it as the two units a segment does', () => {
    const text = `${'a'.repeat(34)}😡😡😡 grey van knife`;
    expect(clip(text, 40)).toBe(`${'a'.repeat(34)}😡...`);
    expect(clip('😡😡😡😡😡😡', 8)).toBe('😡😡...');
    expect(clip('a😡😡😡😡😡', 8)).toBe('a😡😡...');
  });

  it('leaves a text of max units or fewer whole', () => {
    expect(clip('😡😡😡😡', 8)).toBe('😡😡😡😡');
  });
});

describe("ALERT's reply quoting emoji", () => {
  it('ends the quote with whole emoji', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms('+14155550101', 'JOIN 415');
    const reply = w.sms(MOD, `ALERT 415 ${'a'.repeat(34)}😡😡😡 grey van knife`).reply ?? '';
    expect(reply).toMatch(new RegExp(`Text: "${'a'.repeat(34)}😡\\.\\.\\."$`, 'u'));
    expect(LONE_SURROGATE.test(reply)).toBe(false);
  });
});
