/**
 * A number followed by how many times ("415 555 0144 5 times") was no number
 * at all: libphonenumber read the count as one more digit. The count is kept
 * apart where the number is whole without it, and only then.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { maskNumber } from '../../src/alerts/mask-number';

describe('a phone number followed by a count', () => {
  it.each([
    ['415 555 0144 5 times', '+14155550144'],
    ['415-555-0144 2 veces', '+14155550144'],
    ['(415) 555-0144 10 fois', '+14155550144'],
    ['called 415 555 0144 10pm', '+14155550144'],
  ])('reads "%s" as the number', (text, number) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'phone', value: number }]);
  });

  it('reads no number from counts and amounts alone, nor from a number a digit too long', () => {
    expect(identifiersIn('stayed 2 hours, paid 150 dollars, called 5 times')).toEqual([]);
    // A digit more with nothing after it is a number mistyped, not a count: which number it is, no one knows.
    expect(identifiersIn('he called from 415 555 0144 5')).toEqual([]);
  });

  it('keeps a number whole when its last group makes it valid ("+49 30 1234567 89")', () => {
    expect(identifiersIn('+49 30 1234567 89 mal')).toEqual([{ kind: 'phone', value: '+4930123456789' }]);
  });

  it('reads a number and its count after hundreds of short runs each before a word, as it reads them alone', () => {
    // Each "415 5 a" is a run and a count to try apart: a hostile REPORT of them cost seconds of every channel's time.
    const runs = '415 5 a '.repeat(200);
    expect(identifiersIn(`${runs}called from 415 555 0144 5 times`)).toEqual([{ kind: 'phone', value: '+14155550144' }]);
    expect(maskNumber(`${runs}mine is 415 555 0105 2 times`, '+14155550105', 'US')).toBe(`${runs}mine is [-] 2 times`);
  });
});
