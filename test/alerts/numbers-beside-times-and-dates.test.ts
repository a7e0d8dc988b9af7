/**
 * A client's number written right beside a time or a short date, the commonest shapes of an honest report ("he
 * called me at 10:30 415 555 0177", "met him 5/12 415 555 0177"): libphonenumber joined the time's or date's digits
 * to the number and read none, so the alert named it but CHECK never found it.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { maskNumber } from '../../src/alerts/mask-number';
import { phoneNumbersIn } from '../../src/alerts/numbers-in-text';

const read = (text: string) => phoneNumbersIn(text, 'US').map((n) => n.number.number);

describe('a number beside a time or a date', () => {
  it.each([
    'he called me at 10:30 415 555 0177',
    'at 9:05 415 555 0177',
    'at 21:00 415-555-0177',
    'met him 5/12 415 555 0177',
    'met him 05/12/2024 415 555 0177',
    'met him 5/1/24 415 555 0177',
    '415 555 0177 10:30pm',
    '415 555 0177 10:30 pm',
    '415 555 0177 at 10h30',
    '415 555 0177 21:00:15',
    '10h30 415 555 0177',
    'texted from 415 555 0177, 10/12/24 at night',
    'texted from 415 555 0177, 10/12 at night',
    'texted from 415 555 0177,10/12/2024',
    'he called 10:30-11:45 415 555 0177',
    'at 10:30pm 415-555-0177 called',
    'around 11 415 555 0177',
    'met him 5/12,415-555-0177 choked me',
    'met him 5/12/24;415 555 0177',
  ])('is read alone: %j', (text) => {
    expect(read(text)).toEqual(['+14155550177']);
  });

  it('is read where it stands, the time beside it left out', () => {
    const text = 'he called me at 10:30 415 555 0177';
    const [found] = phoneNumbersIn(text, 'US');
    expect(text.slice(found?.startsAt, found?.endsAt)).toBe('415 555 0177');
  });

  it('is an identifier of the report, with the others', () => {
    expect(identifiersIn('met him 5/12 415 555 0177, 10:30pm, texts from 628 555 0188 11:45')).toEqual([
      { kind: 'phone', value: '+14155550177' },
      { kind: 'phone', value: '+16285550188' },
    ]);
  });

  it('reads groups of three with slashes as a number still, not a date', () => {
    expect(read('call 415/555/0177 ok')).toEqual(['+14155550177']);
    expect(read('met 5/12, call 415/555/0177')).toEqual(['+14155550177']);
  });

  it("never reads a time's or a date's digits as part of a number", () => {
    expect(read('at 10:30 555 0177')).toEqual([]);
    expect(read('on 4/15 555 0177')).toEqual([]);
    expect(read('555 0177 4:15')).toEqual([]);
  });

  it('masks her own number beside a time or a date', () => {
    expect(maskNumber('at 10:30 415 555 0105', '+14155550105', 'US')).toBe('at 10:30 [-]');
    expect(maskNumber('415 555 0105 10:30pm', '+14155550105', 'US')).toBe('[-] 10:30pm');
    expect(maskNumber('met 5/12 415 555 0105, 10/12/24', '+14155550105', 'US')).toBe('met 5/12 [-], 10/12/24');
  });
});

describe('numbers of other lines, written with a slash after the area code', () => {
  it.each([
    ['ruf 030/12345678 an', 'DE', '+493012345678'],
    ['ruf 089/12 34 56 an', 'DE', '+4989123456'],
    ['ruf 01/234 56 78 an', 'AT', '+4312345678'],
  ] as const)('reads %j', (text, country, number) => {
    expect(phoneNumbersIn(text, country).map((n) => n.number.number)).toEqual([number]);
  });
});
