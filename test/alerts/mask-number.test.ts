/**
 * The reporter's own number is masked out of a report in every form it is
 * written, glued to letters too ("@sara4155550105"), and only hers: where
 * numbers vary in length (Austria, Germany) a client's number written as
 * one run may hold hers, and is kept whole.
 */
import { carriesNumber } from '../../src/alerts/identifiers';
import { maskNumber } from '../../src/alerts/mask-number';

describe("maskNumber and a client's number that holds the reporter's", () => {
  it("keeps a Vienna client's number that holds a Vienna reporter's shorter one", () => {
    // Reporter: +43 1 234567 (national 1234567). Client: 01 2345678 (+43 1 2345678), written as one run.
    const text = 'client called from 012345678, grey van';
    expect(maskNumber(text, '+431234567', 'AT')).toContain('012345678');
  });

  it("masks hers in each unbroken form: national, with the country code, the trunk 0, the 00, glued to letters", () => {
    for (const form of ['4155550105', '14155550105', '04155550105', '0014155550105']) {
      expect(maskNumber(`ad: sara${form}x`, '+14155550105', 'US')).toBe('ad: sara[-]x');
    }
  });

  it('masks hers written in emoji keycap digits whole, the last keycap mark with it', () => {
    const keycaps = Array.from('4155550105', (d) => `${d}\uFE0F\u20E3`).join('');
    expect(maskNumber(`call me on ${keycaps} now`, '+14155550105', 'US')).toBe('call me on [-] now');
    expect(maskNumber(`call me on ${keycaps.replace(/\uFE0F/g, '')}`, '+14155550105', 'US')).toBe('call me on [-]');
  });

  it.each([
    ['Person: tall, came to room 12 \u2022 415 555 0105 is mine.', 'Person: tall, came to room 12 \u2022 [-] is mine.'],
    ['rm 1\uFE0F\u20E32\uFE0F\u20E3 415 555 0105', 'rm 1\uFE0F\u20E32\uFE0F\u20E3 [-]'],
    ['\u{1F51F} 415 555 0105', '\u{1F51F} [-]'],
  ])('masks hers after another number, a bullet, keycaps or the keycap ten between them: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  it.each([
    ['4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E3\u20225\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3\u20220\uFE0F\u20E31\uFE0F\u20E30\uFE0F\u20E35\uFE0F\u20E3'],
    ['0\uFE0F\u20E30\uFE0F\u20E31\uFE0F\u20E3 4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E3 5\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3 0\uFE0F\u20E31\uFE0F\u20E30\uFE0F\u20E35\uFE0F\u20E3'],
  ])('masks hers in keycap digits with bullets between its groups, or after a 00 in keycaps: %s', (own) => {
    expect(maskNumber(`mine is ${own} ok`, '+14155550105', 'US')).toBe('mine is [-] ok');
  });

  it('masks a 00 before hers with it, and nothing else before it: a room number ending in 0 stays', () => {
    expect(maskNumber('mine 0044 20 7946 0958 or 00 44 20 7946 0958', '+442079460958', 'US')).toBe('mine [-] or [-]');
    expect(maskNumber('room 10 (415) 555-0105', '+14155550105', 'US')).toBe('room 10 [-]');
  });

  it('masks hers in groups after other digits, which read as no number with them ("room 20 415 555 0105")', () => {
    expect(maskNumber('room 20 415 555 0105 is mine', '+14155550105', 'US')).toBe('room 20 [-] is mine');
    expect(maskNumber('rm 20 - 1 415 555 0105, 3 times', '+14155550105', 'US')).toBe('rm 20 - [-], 3 times');
    // Not a longer number ending or starting with her digits.
    expect(maskNumber('his: 415 555 01059 or 24155550105', '+14155550105', 'US')).toBe('his: 415 555 01059 or 24155550105');
  });

  it.each([
    // Keycap marks between groups count as no characters: " • " or " - " is the separator.
    ['room 20 4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E3 \u2022 5\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3 \u2022 0\uFE0F\u20E31\uFE0F\u20E30\uFE0F\u20E35\uFE0F\u20E3 is mine', 'room 20 [-] is mine'],
    ['room 20 4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E3 - 5\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3 - 0\uFE0F\u20E31\uFE0F\u20E30\uFE0F\u20E35\uFE0F\u20E3 is mine', 'room 20 [-] is mine'],
    // Arabic-Indic digits and letters typed for digits, read as digits.
    ['room 20 \u0664\u0661\u0665 \u0665\u0665\u0665 \u0660\u0661\u0660\u0665 is mine', 'room 20 [-] is mine'],
    ['room 2O 415 555 O1O5 is mine', 'room 2O [-] is mine'],
    // The keycap ten between her digits reads 10 ("0🔟5" is 0105), as a person reads it.
    ['mine is 415 555 0\u{1F51F}5, he has it', 'mine is [-], he has it'],
    ['room 20 415 555 0\u{1F51F}5', 'room 20 [-]'],
    // No keycap mark is left after the mask.
    ['x4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E30\uFE0F\u20E31\uFE0F\u20E30\uFE0F\u20E35\uFE0F\u20E3y', 'x[-]y'],
  ])('masks hers after other digits however its digits are written: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  it.each([
    // withoutSymbols shows a 🔟 next to a digit as a space, and drops an emoji glued to a word ("O105😡" shows "O105").
    ['mine 415\u{1F51F}555\u{1F621}0105 ok', 'mine [-] ok'],
    ['mine 1415555 \u2022 O1\uFE0F\u20E305\u{1F621}', 'mine [-]\u{1F621}'],
    ['mine 4l5\u{1F621}555.0105 ok', 'mine [-] ok'],
  ])('masks hers as an alert that drops its emoji would show it: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  it.each([
    ['mine 415 ... 555 ... 0105', 'mine [-]'],
    ['room 20 415 -- 555 -- 0105 is mine', 'room 20 [-] is mine'],
    ['room 20 4\uFE0F\u20E31\uFE0F\u20E35\uFE0F\u20E3 -- 5\uFE0F\u20E35\uFE0F\u20E35\uFE0F\u20E3 -- 0\uFE0F\u20E31\uFE0F\u20E30\uFE0F\u20E35\uFE0F\u20E3 is mine', 'room 20 [-] is mine'],
    ['room 20 \u0664\u0661\u0665 -- \u0665\u0665\u0665 -- \u0660\u0661\u0660\u0665 is mine', 'room 20 [-] is mine'],
    ['mine 415 \u{1F621}\u{1F621} 555 \u{1F621}\u{1F621} 0\u{1F51F}5', 'mine [-]'],
  ])('masks hers with four or more separator characters between its groups: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  it.each([
    ['tel:4l5 555 0l05 is mine', 'tel:[-] is mine'],
    ['he kept texting me "415 555 O1O5" (mine)', 'he kept texting me "[-]" (mine)'],
    ['mine is 4I5 555 OIO5', 'mine is [-]'],
    ['mine @4l5.555.0l05 he has it', 'mine @[-] he has it'],
    ['mine 415/555/O1O5', 'mine [-]'],
  ])('masks hers with letters typed for digits, whatever is glued around them: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  it('keeps a 🔟 next to digits that are not hers, and a longer number with hers inside', () => {
    expect(maskNumber('pin 1\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E3\u{1F51F} 415 555 0177', '+14155550105', 'US')).toBe('pin 1\uFE0F\u20E32\uFE0F\u20E33\uFE0F\u20E3\u{1F51F} 415 555 0177');
    expect(maskNumber('his 415 555 0\u{1F51F}59', '+14155550105', 'US')).toBe('his 415 555 0\u{1F51F}59');
  });

  it('keeps a German client number that holds a reporter number of another city', () => {
    // Reporter: +49 30 123456 (Berlin, national 30123456). Client: 0 30 1234567 (a longer Berlin number).
    const text = 'he texted from 0301234567';
    expect(maskNumber(text, '+4930123456', 'DE')).toContain('0301234567');
  });
});

describe("maskNumber and a North American reporter's number written without its area code", () => {
  const KEY = (digits: string) => Array.from(digits, (d) => (d === ' ' ? ' ' : `${d}\uFE0F\u20E3`)).join('');

  it.each([
    ['call 555-0105 x', 'call [-] x'],
    ['call 555 0105 x', 'call [-] x'],
    ['call 5550105 x', 'call [-] x'],
    ['call 555.0105 x', 'call [-] x'],
    ['555-0105', '[-]'],
    ['(415) x 555 0105', '(415) x [-]'],
    [`call ${KEY('555 0105')} x`, 'call [-] x'],
    ['call 555 O1O5 x', 'call [-] x'],
    ['call \u0665\u0665\u0665 \u0660\u0661\u0660\u0665 x', 'call [-] x'],
    ['he called 555 0105 3 times', 'he called [-] 3 times'],
  ])('masks her last seven digits written alone: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  const KEYCAPS = (digits: string) => Array.from(digits, (d) => (/\d/.test(d) ? `${d}\uFE0F\u20E3` : d)).join('');
  it.each([
    ['paid $200, 555 0105 is my cell', 'paid $200, [-] is my cell'],
    ['met 10:30 555-0105 is mine', 'met 10:30 [-] is mine'],
    ['my cell 555-0105 / 555-0199 his', 'my cell [-] / 555-0199 his'],
    ['room 12 - 555-0105', 'room 12 - [-]'],
    ['room 12 \u{1F621} 555-0105', 'room 12 \u{1F621} [-]'],
    ['he has 555-0105, 555-0199', 'he has [-], 555-0199'],
    [KEYCAPS('12 \u2022 555 0105'), `${KEYCAPS('12 \u2022')} [-]`],
    ['paid 150 555-0105', 'paid 150 [-]'],
  ])('masks them after other digits that are no area code of the same number: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  // Three digits before hers may be a price, a room or an area code: only a number written unmistakably whole is kept.
  it.each([
    ['415 paid $500 555-0105 is my cell', '415 paid $500 [-] is my cell'],
    ['he had room 630 - 555 0105 is my cell', 'he had room 630 - [-] is my cell'],
    ['rate was 250 555 0105 is mine', 'rate was 250 [-] is mine'],
    ['client 212 555 0105 grey van', 'client 212 [-] grey van'],
    ['paid $200, 212 555 0105 is his', 'paid $200, 212 [-] is his'],
    ['paid $500-555-0105', 'paid $500-[-]'],
    ['client 212-555 0105', 'client 212-[-]'],
    ['client 212 - 555 - 0105', 'client 212 - [-]'],
    ['client 212.555-0105', 'client 212.[-]'],
    // A price with thousands, or a currency in letters: "1" is no country prefix there.
    ['paid 1.500 555-0105', 'paid 1.500 [-]'],
    ['payé 1 500 555-0105', 'payé 1 500 [-]'],
    ['il a payé 1 250 555 0105', 'il a payé 1 250 [-]'],
    ['paid 1,500-555-0105', 'paid 1,500-[-]'],
    ['USD 500-555-0105', 'USD 500-[-]'],
    ['CAD 250-555-0105', 'CAD 250-[-]'],
    ['client 1 212 555 0105 grey van', 'client 1 212 [-] grey van'],
  ])('masks them after three digits not written as an area code unmistakably: %j', (text, masked) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(masked);
  });

  it.each([
    ['room 12 - 1-212-555-0105'],
    ['client 1-212-555-0105 grey van'],
    ['client (212) 555-0105 grey van'],
    ['client (212)555-0105 grey van'],
    ['client +1 212 555 0105 grey van'],
    ['client +1212 555 0105 grey van'],
    ['client 212-555-0105 grey van'],
    ['client 212.555.0105 grey van'],
    ['client 212\u2022555\u20220105 grey van'],
    ['client 212\u2013555\u20130105 grey van'],
    ['client 212/555/0105 grey van'],
    ['client 212\u00B7555\u00B70105 grey van'],
    ['client 212~555~0105 grey van'],
    ['pin 55501059 or 25550105'],
  ])("keeps a longer run that ends or starts with them, another area's number: %j", (text) => {
    expect(maskNumber(text, '+14155550105', 'US')).toBe(text);
  });

  it("keeps seven digits that are the end of a reporter's number outside North America", () => {
    expect(maskNumber('ref 9460958 ok', '+442079460958', 'GB')).toBe('ref 9460958 ok');
  });
});

describe("carriesNumber: an identifier that is the reporter's own number, not one that holds it", () => {
  it.each([
    ['wa.me/14155550105', true],
    ['t.me/+14155550105', true],
    ['sara4155550105', true],
    ['4155550105@example.com', true],
    ['sara41555501059', false],
    ['example.com/u/24155550105', false],
  ])('%s: %s', (value, carries) => {
    expect(carriesNumber({ kind: value.includes('/') ? 'link' : value.includes('@') ? 'email' : 'handle', value }, '+14155550105')).toBe(carries);
  });

  it.each([
    ['plate', '5550105', true],
    ['handle', 'sara5550105', true],
    ['plate', '5550106', false],
    ['plate', '55501059', false],
  ] as const)("a North American reporter's last seven digits read as a %s %s: %s", (kind, value, carries) => {
    expect(carriesNumber({ kind, value }, '+14155550105')).toBe(carries);
    expect(carriesNumber({ kind, value }, '+442075550105')).toBe(false);
  });

  it("keeps a Vienna client's link that holds a Vienna reporter's shorter number", () => {
    expect(carriesNumber({ kind: 'link', value: 'wa.me/4312345678' }, '+431234567')).toBe(false);
  });
});
