/**
 * A number parted by invisible characters that are no format characters (a
 * grapheme joiner, a text variation selector, a Hangul filler, a blank
 * braille cell) reads as a number to a moderator and to members: CHECK must
 * find it, and the reporter's own number written so is masked.
 */
import { catalog } from '../../src/bot/catalog';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const refIn = (s: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(s ?? '')?.[1] as string;
const SEPARATORS = [
  ['a combining grapheme joiner', '\u034F'],
  ['a text variation selector', '\uFE0E'],
  ['a Hangul filler', '\u3164'],
  ['a blank braille cell', '\u2800'],
  // After a digit with no keycap after it, the emoji presentation selector shows nothing either.
  ['an emoji presentation selector', '\uFE0F'],
];

it.each(SEPARATORS)('a number parted by %s is found by CHECK once approved', async (_what, sep) => {
  const w = await world();
  w.sms(MEMBER, 'JOIN 415');
  const ref = refIn(w.sms(REPORTER, `REPORT 415 choked me, his number 628${sep}555${sep}0177`).reply);
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
  expect(w.sms(MEMBER, 'CHECK 628 555 0177').reply).not.toBe(t.checkNone());
  expect(w.sms(MEMBER, 'CHECK 628 555 0177').reply).toMatch(/^Heads Up: that number is in 1 alert/);
});

it.each(SEPARATORS)("the reporter's own number parted by %s is masked", async (_what, sep) => {
  const w = await world();
  const own = REPORTER.slice(2).replace(/^(\d{3})(\d{3})(\d{4})$/, `$1${sep}$2${sep}$3`);
  const ref = refIn(w.sms(REPORTER, `REPORT 415 he has my number ${own}, grey van`).reply);
  expect(w.sms(MOD, `SHOW ${ref}`).reply).toContain('he has my number [-], grey van');
});
