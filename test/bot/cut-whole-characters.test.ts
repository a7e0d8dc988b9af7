/**
 * Every cut of free text falls between characters as a reader sees them
 * (grapheme clusters), never inside one: a flag is two code points and a
 * family emoji five joined by zero-width joiners, and a cut between code
 * points left half a flag (another flag's letter on a phone) or a lone woman
 * of a family ending the quote. clip (a reply's quote), clipTo (a guided
 * report's answers in its alert) and cutBetweenWords (a report's text past
 * its limit, a word longer than the limit) all cut so; and ALERT's reply,
 * through the bot, quotes whole flags.
 */
import { clipTo } from '../../src/alerts/clip-fields';
import { clip } from '../../src/bot/catalog-text';
import { cutBetweenWords } from '../../src/bot/cut-between-words';
import type { Sender } from '../../src/phone/identity';
import { botWorld } from '../helpers/bot-world';

const FLAG = '🇬🇧';
// Woman, zero-width joiner, woman, zero-width joiner, girl: one character, 8 UTF-16 units, 5 code points.
const FAMILY = '👩\u200D👩\u200D👧';
const MOD = '+14155550199';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

describe('clip', () => {
  it('leaves out a flag the cut falls in, whole', () => {
    expect(clip(`${'a'.repeat(34)}${FLAG.repeat(3)} grey van`, 40)).toBe(`${'a'.repeat(34)}...`);
    expect(clip(`${'a'.repeat(34)}${FLAG.repeat(3)} grey van`, 41)).toBe(`${'a'.repeat(34)}${FLAG}...`);
  });

  it('leaves out a family emoji the cut falls in, whole', () => {
    expect(clip(`ab${FAMILY} cd efgh`, 10)).toBe('ab...');
    expect(clip(`ab${FAMILY} cd efgh`, 13)).toBe(`ab${FAMILY}...`);
  });
});

describe('clipTo', () => {
  it('cuts a guided answer between whole flags, counting code points as before', () => {
    expect(clipTo(`Grey ${FLAG.repeat(3)} van`, 11)).toBe(`Grey ${FLAG}...`);
    expect(clipTo(`Grey ${FLAG.repeat(3)} van`, 12)).toBe(`Grey ${FLAG}${FLAG}...`);
    expect(clipTo(`Grey ${FLAG.repeat(3)} van`, 15)).toBe(`Grey ${FLAG.repeat(3)} van`);
  });

  it('cuts before a family emoji that does not fit whole', () => {
    expect(clipTo(`van ${FAMILY} knife`, 10)).toBe('van...');
  });
});

describe('cutBetweenWords', () => {
  it('cuts a word longer than the limit between whole flags', () => {
    expect(cutBetweenWords(FLAG.repeat(4), 5)).toEqual({ text: FLAG.repeat(2), cut: true });
  });

  it('cuts a word of family emoji between whole ones', () => {
    expect(cutBetweenWords(FAMILY.repeat(3), 12)).toEqual({ text: FAMILY.repeat(2), cut: true });
  });

  it('still leaves out a word the cut falls in, flags and all', () => {
    expect(cutBetweenWords(`grey van ${FLAG.repeat(3)}`, 12)).toEqual({ text: 'grey van', cut: true });
  });
});

describe("ALERT's reply quoting flags", () => {
  it('ends the quote with whole flags', async () => {
    const w = await botWorld({ moderators: new Set([MOD]), moderatorContacts: [sms(MOD)] });
    w.sms('+14155550101', 'JOIN 415');
    const reply = w.sms(MOD, `ALERT 415 ${'a'.repeat(34)}${FLAG.repeat(3)} grey van knife`).reply ?? '';
    expect(reply).toMatch(new RegExp(`Text: "${'a'.repeat(34)}\\.\\.\\."$`, 'u'));
  });
});
