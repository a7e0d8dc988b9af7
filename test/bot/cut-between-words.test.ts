/**
 * A text cut to its first characters keeps whole words; a phone number written in groups ("415 555 0177") is
 * several words, and the cut kept its first groups ("…415 555"): never one identifier, so CHECK of the number
 * said nothing was known. A number the cut falls in now goes whole into what she is told to send again.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { cutBetweenWords } from '../../src/bot/cut-between-words';
import { MAX_REPORT_TEXT } from '../../src/bot/report-commands';
import { answerDraft, MAX_ANSWER, newDraft, type Draft } from '../../src/bot/report-dialogue';

const atPerson: Draft = { ...newDraft([]), categories: ['violence'], step: 'person' };
// 291 characters about him, then his number across the 300th character.
const story = 'Tall, grey beard, said his name was Mike and that he was a cop. '.repeat(5).slice(0, 291);

describe('a text cut between words', () => {
  it.each([['415 555 0177'], ['(415) 555 0177'], ['+1 415 555 0177'], ['+44 7700 900123'], ['07700 900 123'], ['+1 (415) 555-0177']])(
    'keeps none of %j when the cut falls in it',
    (num) => {
      expect(cutBetweenWords(`${story} ${num} is the number he texted from.`, MAX_ANSWER)).toEqual({ text: story, cut: true });
    },
  );

  it.each([
    ['415 555 0177'],
    ['415 - 555 - 0177'],
    ['415 • 555 • 0177'],
    ['415 · 555 · 0177'],
    [Array.from('415 555 0177', (c) => (c === ' ' ? c : `${c}\uFE0F\u20E3`)).join('')],
    [Array.from('415 \u2022 555 \u2022 0177', (c) => (/\d/.test(c) ? `${c}\uFE0F\u20E3` : c)).join('')],
    [Array.from('415\u2022555\u20220177', (c) => (/\d/.test(c) ? `${c}\uFE0F\u20E3` : c)).join('')],
  ])('keeps none of %j wherever in it the cut falls', (num) => {
    const length = Array.from(num).length;
    for (let k = 1; k < length; k++) {
      const head = story.slice(0, MAX_ANSWER - 1 - k);
      expect({ k, ...cutBetweenWords(`${head} ${num} is the number he texted from.`, MAX_ANSWER) }).toEqual({ k, text: head.trimEnd(), cut: true });
    }
  });

  it.each([['415 555 0177'], ['+44 7700 900123'], ['07700 900 123']])('keeps %j whole when it ends before the cut', (num) => {
    const text = `${story.slice(0, 280)} ${num} is the number he texted from, and then he left.`;
    const { text: kept } = cutBetweenWords(text, MAX_ANSWER);
    expect(kept.startsWith(`${story.slice(0, 280)} ${num}`)).toBe(true);
  });

  // +44 7911 123456: a valid UK mobile (Ofcom's 07700 900 range for drama reads as no number at all).
  it.each([['415 555 0177'], ['415-555-0177'], ['(415) 555-0177'], ['+44 7911 123456']])(
    'keeps %j whole when it ends at the cut and a word of digits follows ("3 times")',
    (num) => {
      const tail = ` texted from ${num}`;
      const head = `${story.slice(0, MAX_ANSWER - tail.length)}${tail}`;
      expect(cutBetweenWords(`${head} 3 times that night.`, MAX_ANSWER)).toEqual({ text: head, cut: true });
    },
  );

  it('a one-message REPORT keeps a number ending at its 1,600th character, "20 minutes" after it', () => {
    const tail = ' He texted from 415-555-0177';
    const head = `${'He hit me and took the money back. '.repeat(46).slice(0, MAX_REPORT_TEXT - tail.length)}${tail}`;
    const { text: kept } = cutBetweenWords(`${head} 20 minutes before and said he was outside.`, MAX_REPORT_TEXT);
    expect(identifiersIn(kept, { country: 'US' }).map((i) => i.value)).toContain('+14155550177');
  });

  it.each([
    ['0049 30 1234', '5678'],
    ['0039 06 1234', '5678'],
    ['+49 30 123456', '78'],
  ])("keeps no first half %j of a longer number (%j after the cut), which would read as someone else's", (first, rest) => {
    const head = `${story.slice(0, MAX_ANSWER - first.length - 1)} ${first}`;
    const { text: kept, cut } = cutBetweenWords(`${head} ${rest} is his number.`, MAX_ANSWER);
    expect(cut).toBe(true);
    expect(identifiersIn(kept, { country: 'US' })).toEqual([]);
  });

  it.each([
    ['ES', '612 345 678', '3 veces aquella noche.', '+34612345678'],
    ['PT', '912 345 678', '3 vezes naquela noite.', '+351912345678'],
  ] as const)('on a line of %s keeps %j, a whole number of nine digits, when a count follows', (country, num, after, e164) => {
    const tail = ` me escribió desde ${num}`;
    const head = `${story.slice(0, MAX_ANSWER - tail.length)}${tail}`;
    const { text: kept } = cutBetweenWords(`${head} ${after}`, MAX_ANSWER, country);
    expect(identifiersIn(kept, { country }).map((i) => i.value)).toContain(e164);
  });

  it('keeps a number the cut falls after when words follow', () => {
    const text = `${story.slice(0, 285)} paid 200 dollars and left.`;
    expect(cutBetweenWords(text, MAX_ANSWER).text).toBe(`${story.slice(0, 285)} paid 200`);
  });

  it('still cuts between words elsewhere, and a single word longer than the limit', () => {
    expect(cutBetweenWords('one two three', 9)).toEqual({ text: 'one two', cut: true });
    expect(cutBetweenWords('one two three', 13)).toEqual({ text: 'one two three', cut: false });
    expect(cutBetweenWords('abcdefghij', 4)).toEqual({ text: 'abcd', cut: true });
  });

  it('keeps the number-only text as cut rather than none of it', () => {
    expect(cutBetweenWords('415 555 0177 415 555 0188', 18)).toEqual({ text: '415 555 0177 415', cut: true });
  });
});

describe('a guided answer with a number in groups across its 300th character', () => {
  it.each([['415 555 0177'], ['(415) 555 0177'], ['+1 415 555 0177']])('keeps no half of %j, which no identifier reads', (num) => {
    const next = answerDraft(atPerson, `${story} ${num} is the number he texted from.`, () => 0);
    if (next.kind !== 'ask') throw new Error(next.kind);
    expect(next.draft.person).toBe(story);
    expect(next.cut).toBe(true);
    expect(identifiersIn(next.draft.person ?? '', { country: 'US' })).toEqual([]);
  });
});
