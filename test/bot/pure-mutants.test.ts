/** Cases the mutation run (npm run mutate) showed no test held: opt-out phrase variants and Signal send results. */
import { quotesSomeone } from '../../src/bot/stop-answers';
import { isStopRequest } from '../../src/bot/stop-phrases';
import { readSendResult } from '../../src/channels/signal/signal-errors';

const words = (s: string) => s.split(' ');

describe('plain-language opt-outs', () => {
  it.each([
    ['STOP NOW', 'en'],
    ['OPTOUT PLEASE', 'en'],
    ['DONT TEXT ME', 'en'],
    ["DON'T MESSAGE ME", 'en'],
    ['DAR DE BAJA', 'es'],
    ['YA NO ESCRIBAN', 'es'],
  ] as const)('reads %j as an opt-out in %s', (text, lang) => {
    expect(isStopRequest(words(text))).toEqual({ lang });
  });

  it.each(["HE WOULDN'T STOP", 'MAKE HIM STOP CALLING', 'I TOLD HIM TO STOP'])('does not read %j, which says "stop" but not "stop messaging me", as an opt-out', (text) => {
    expect(isStopRequest(words(text))).toBeNull();
  });

  // Opening the message a request is read whatever its length; further on, in ten words at most.
  it('reads a request further on in up to ten words, not eleven, and nothing from no words', () => {
    expect(isStopRequest(words('ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT PLEASE STOP'))).toEqual({ lang: 'en' });
    expect(isStopRequest(words('ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE PLEASE STOP'))).toBeNull();
    expect(isStopRequest(words('PLEASE STOP ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE'))).toEqual({ lang: 'en' });
    expect(isStopRequest([])).toBeNull();
  });

  // Answering an open question: ten words at most, and not after YES or OK.
  it('reads an answer of ten words opening with a request, not eleven, nor one opening with YES', () => {
    expect(isStopRequest(words('PLEASE STOP TEXTING ME THREE FOUR FIVE SIX SEVEN EIGHT'), true, true)).toEqual({ lang: 'en' });
    expect(isStopRequest(words('PLEASE STOP TEXTING ME THREE FOUR FIVE SIX SEVEN EIGHT NINE'), true, true)).toBeNull();
    expect(isStopRequest(words('YES PLEASE STOP TEXTING ME'), true, true)).toBeNull();
    expect(isStopRequest(words('YES PLEASE STOP TEXTING ME'), true)).toEqual({ lang: 'en' });
  });

  // The work stays bounded: a verb of saying past the first 40 is not looked at.
  it('looks at the first 40 verbs of saying only', () => {
    const text = (n: number) => `${'HE SAID SO '.repeat(n)}HE SAID`;
    expect(quotesSomeone(words(text(39)), text(39))).toBe(true);
    expect(quotesSomeone(words(text(40)), text(40))).toBe(false);
  });
});

describe('readSendResult', () => {
  it('takes a numeric timestamp as well as a string one', () => {
    expect(readSendResult({ timestamp: 1745372297238 })).toEqual({ timestamp: '1745372297238' });
  });

  it.each([
    ['a non-object', 'ok'],
    ['an empty array', []],
    ['a timestamp that is not digits', { timestamp: '12a' }],
    ['a timestamp with a sign', { timestamp: '-12' }],
    ['an unsafe numeric timestamp', { timestamp: 2 ** 60 }],
  ])('refuses %s', (_what, data) => {
    expect(readSendResult(data)).toEqual({ error: 'unexpected response' });
  });

  it('reports errors given as an object, and ignores an empty errors list', () => {
    expect(readSendResult([{ timestamp: '1', errors: { '+14155550100': 'Unregistered user' } }])).toHaveProperty('error');
    expect(readSendResult([{ timestamp: '1', errors: [] }])).toEqual({ timestamp: '1' });
    expect(readSendResult([{ timestamp: '1', errors: {} }])).toEqual({ timestamp: '1' });
  });
});
