/**
 * libphonenumber tries every run of digits and its parts: a hostile REPORT of
 * ~4,000 characters held every channel ~0.2 s. Runs too short to be a number
 * are not tried, and the numbers of a text are read in its first groups of
 * digits only: what an ordinary report names is read whole, and her own
 * number is masked wherever it is.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { maskNumber } from '../../src/alerts/mask-number';

/** `count` different client numbers, 415 555 0200 onwards, each before a word. */
const clients = (count: number) => Array.from({ length: count }, (_, i) => `415 555 ${String(200 + i).padStart(4, '0')} then `).join('');
const phone = (value: string) => ({ kind: 'phone', value });

describe('how far the numbers of a text are read', () => {
  it('reads every number of a report naming ten, among times, prices and rooms', () => {
    const text = `at 10:30pm room 214, paid $200, 2 hrs, ${clients(10)}`;
    expect(identifiersIn(text)).toEqual(Array.from({ length: 10 }, (_, i) => phone(`+1415555${String(200 + i).padStart(4, '0')}`)));
  });

  it('stops reading after a hundred numbers: the next one is not read, the first ones are', () => {
    const found = identifiersIn(`${clients(100)} called from 628 555 0188`).map((id) => id.value);
    expect(found.slice(0, 3)).toEqual(['+14155550200', '+14155550201', '+14155550202']);
    expect(found).not.toContain('+16285550188');
  });

  it('reads a number after dates and times, however many: libphonenumber reads none in them', () => {
    const dates = 'Saw him 5/12/2024 10:30-11:45, 5/19/2024 10:30-11:45, 5/26/2024 22:00-23:15, 6/2/2024 21:00-22:30. ';
    expect(identifiersIn(`${dates}Last night he choked me, texts from 628 555 0177`)).toEqual([phone('+16285550177')]);
    expect(identifiersIn(`${dates.repeat(15)}texts from 628 555 0177`)).toEqual([phone('+16285550177')]);
  });

  it('reads a number after times joined to it by a colon, which no number spans: "at 10:30: 415 555 0177"', () => {
    expect(identifiersIn(`${'at 10:30-11:45: '.repeat(12)}415 555 0177`)).toEqual([phone('+14155550177')]);
  });

  it('reads ten numbers after hundreds of runs too short to be one', () => {
    expect(identifiersIn(`${'1 1 1 1 5 times '.repeat(100)}${clients(10)}`)).toHaveLength(10);
  });

  it('reads a short run right after a number as its extension still: hers is masked with it', () => {
    expect(maskNumber('mine 415 555 0105 ext 12 ok', '+14155550105', 'US')).toBe('mine [-] ok');
    expect(maskNumber('mine 415 555 0105 x12', '+14155550105', 'US')).toBe('mine [-]');
  });

  it('masks her own number after a hundred others all the same', () => {
    const text = `${clients(100)} mine is 415 555 0105 ok`;
    expect(maskNumber(text, '+14155550105', 'US')).toBe(`${clients(100)} mine is [-] ok`);
  });
});
