import { fitItems, fitSegments, gsm7Length, longestFit, smsSegments, splitBetweenWords } from '../../src/bot/sms-segments';

describe('smsSegments', () => {
  it.each([
    ['nothing', '', 0],
    ['160 GSM-7 characters', 'a'.repeat(160), 1],
    ['161 GSM-7 characters', 'a'.repeat(161), 2],
    ['306 GSM-7 characters', 'a'.repeat(306), 2],
    ['307 GSM-7 characters', 'a'.repeat(307), 3],
    ['Spanish letters of the GSM-7 basic set', 'ñÑ¿¡éÉàüÜöÖäÄ'.repeat(12).slice(0, 160), 1],
    ['80 euro signs (extension table, two septets each)', '€'.repeat(80), 1],
    ['81 euro signs', '€'.repeat(81), 2],
    ['80 brackets and braces (extension table)', '[]{}'.repeat(20), 1],
    ['80 brackets and braces and one letter', '[]{}'.repeat(20) + 'a', 2],
    ['70 characters with one á (UCS-2)', 'á' + 'a'.repeat(69), 1],
    ['71 characters with one á', 'á' + 'a'.repeat(70), 2],
    ['134 UCS-2 units', 'ó'.repeat(134), 2],
    ['135 UCS-2 units', 'ó'.repeat(135), 3],
    ['35 emoji (70 UTF-16 units)', '🙂'.repeat(35), 1],
    ['36 emoji (72 UTF-16 units)', '🙂'.repeat(36), 2],
    // Twilio never splits a character across two segments: one that does not fit in what is left starts the next.
    ['an emoji that would straddle two UCS-2 segments (201 units: 67, then 66 and 66, then 2)', `a${'😡'.repeat(100)}`, 4],
    ['an extension character that would straddle two GSM-7 segments (459 septets: 76 euro signs in each of three)', `${'€'.repeat(229)}a`, 4],
    ['a flag (two emoji read as one) that would straddle two UCS-2 segments', `${'ó'.repeat(66)}🇫🇷${'ó'.repeat(64)}`, 3],
    // One "character" longer than a segment (a letter under 300 combining marks, 301 units) is split as it must be.
    ['a letter with 300 combining marks', `x${'\u0301'.repeat(300)}`, 5],
  ])('counts %s', (_what, text, segments) => {
    expect(smsSegments(text)).toBe(segments);
  });

  it('counts extension characters as two septets and refuses characters outside GSM-7', () => {
    expect(gsm7Length('a€^')).toBe(5);
    expect(gsm7Length('a\nb')).toBe(3);
    expect(gsm7Length('él')).toBe(2);
    expect(gsm7Length('golpeó')).toBeNull();
    expect(gsm7Length('`')).toBeNull();
  });
});

describe('longestFit', () => {
  it('finds the last n that fits, for every bound and every cut-off', () => {
    for (let max = 0; max <= 20; max++) {
      for (let last = 0; last <= max; last++) expect([max, last, longestFit(max, (n) => n <= last)]).toEqual([max, last, last]);
    }
    expect(longestFit(5, () => false)).toBe(0);
  });
});

describe('fitSegments', () => {
  const frame = (x: string) => `Report #K7Q2 (415): ${x} -- APPROVE K7Q2`;

  it('keeps a text that fits as it is, with spaces flattened', () => {
    expect(fitSegments(frame, 'grey  van\nnear the bridge')).toBe(frame('grey van near the bridge'));
  });

  it('clips a long GSM-7 text to fill two segments and no more', () => {
    const out = fitSegments(frame, 'x'.repeat(1000));
    expect(smsSegments(out)).toBe(2);
    expect(out).toContain('...');
    expect(out.length).toBeGreaterThan(290);
    expect(out.endsWith(' -- APPROVE K7Q2')).toBe(true);
  });

  it('clips a UCS-2 text to the shorter UCS-2 budget', () => {
    const out = fitSegments(frame, 'él me golpeó '.repeat(50));
    expect(smsSegments(out)).toBe(2);
    expect(out.length).toBeLessThanOrEqual(134);
  });

  it('never splits an emoji in half', () => {
    const out = fitSegments(frame, '🚩'.repeat(200));
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(smsSegments(out)).toBeLessThanOrEqual(2);
  });
});

describe('fitItems', () => {
  it('shows every item when all fit and says nothing is hidden', () => {
    expect(fitItems((shown, hidden) => `${shown.join(',')}|${hidden}`, ['a', 'b'])).toBe('a,b|0');
  });

  it('shows the leading items that fit and counts the rest', () => {
    const items = Array.from({ length: 100 }, (_, i) => `item${i}`);
    const out = fitItems((shown, hidden) => `${shown.join(' ')} +${hidden}`, items);
    expect(smsSegments(out)).toBeLessThanOrEqual(2);
    const shown = out.split(' ').length - 1;
    expect(out.endsWith(` +${100 - shown}`)).toBe(true);
    expect(shown).toBeGreaterThan(20);
  });
});

describe('splitBetweenWords', () => {
  it('cuts between words, each part within its room, losing nothing but the spaces between', () => {
    const text = 'grey van, 415-555-0177, tall. '.repeat(40).trim();
    const parts = splitBetweenWords(text, 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts.join(' ')).toBe(text);
    // Each part ends with a whole word of the text: never half a number.
    expect(parts.filter((p) => !['van,', '415-555-0177,', 'tall.'].includes(p.split(' ').pop() ?? ''))).toEqual([]);
  });

  it('counts an emoji as Twilio does, two units, and never splits one', () => {
    const parts = splitBetweenWords('🙂'.repeat(75), 100);
    expect(parts.map((p) => p.length)).toEqual([100, 50]);
  });

  it('cuts a word longer than the room where it must', () => {
    expect(splitBetweenWords('a'.repeat(250), 100)).toEqual(['a'.repeat(100), 'a'.repeat(100), 'a'.repeat(50)]);
  });
});
