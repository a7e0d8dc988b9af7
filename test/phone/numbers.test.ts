import { areaCodeOf, isAreaCode, numbersInText, providerNumber, startsWithNumber, toE164 } from '../../src/phone/numbers';

describe('toE164', () => {
  it.each([
    ['+14155550100'],
    ['14155550100'],
    ['4155550100'],
    ['(415) 555-0100'],
    ['415-555-0100'],
    ['415.555.0100'],
    ['+1 415 555 0100'],
    [' 415 555 0100 '],
  ])('reads %s as a US number', (text) => {
    expect(toE164(text)).toBe('+14155550100');
  });

  it('keeps a number from another country written with its prefix', () => {
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });

  it.each([['hello'], [''], ['555-0100'], ['415'], ['+1 000 555 0100'], ['1'.repeat(41)], ['4155550100'.padEnd(41, ' ')]])(
    'refuses %j',
    (text) => {
      expect(toE164(text)).toBeNull();
    },
  );
});

describe('providerNumber', () => {
  it('reads what toE164 reads', () => {
    expect(['+14155550100', '4155550100', '+44 20 7946 0958'].map(providerNumber)).toEqual(['+14155550100', '+14155550100', '+442079460958']);
  });

  it('takes an international number of a possible length in a range the metadata does not list yet', () => {
    expect(toE164('+441000123456')).toBeNull();
    expect(providerNumber('+441000123456')).toBe('+441000123456');
  });

  it.each([['hello'], [''], ['whatsapp:nobody'], ['+4410001'], ['+44100012345678901'], ['+1415555010'], [`+${'4'.repeat(41)}`]])('refuses %j', (text) => {
    expect(providerNumber(text)).toBeNull();
  });
});

describe('areaCodeOf', () => {
  it('gives the area code of a North American number', () => {
    expect(areaCodeOf('+14155550100')).toBe('415');
    expect(areaCodeOf('+16285550142')).toBe('628');
    expect(areaCodeOf('+14165550100')).toBe('416');
  });

  it('gives none outside North America or for a toll-free number', () => {
    expect(areaCodeOf('+442079460958')).toBeNull();
    expect(areaCodeOf('+18005550100')).toBeNull();
    expect(areaCodeOf('not a number')).toBeNull();
  });
});

describe('isAreaCode', () => {
  it.each([['415'], ['628'], ['212'], ['305'], ['416'], ['604']])('accepts %s', (npa) => {
    expect(isAreaCode(npa)).toBe(true);
  });

  it.each([['555'], ['911'], ['411'], ['800'], ['888'], ['000'], ['123'], ['999'], ['41'], ['4155'], ['abc'], [''], [' 415']])(
    'rejects %j',
    (npa) => {
      expect(isAreaCode(npa)).toBe(false);
    },
  );

  // Valid NANP numbers but no place: personal (5XX), Canada's non-geographic 600 and 622, premium 900. As areas
  // they took amounts ("REPORT 500 short", "900 Folsom") and sent the alert to a code no one could follow.
  it.each([['500'], ['533'], ['544'], ['566'], ['577'], ['588'], ['600'], ['622'], ['900']])('rejects %s, no place', (npa) => {
    expect(isAreaCode(npa)).toBe(false);
  });

  // Caribbean NANP countries' codes are places.
  it.each([['876'], ['441'], ['758']])('accepts %s', (npa) => {
    expect(isAreaCode(npa)).toBe(true);
  });

  it('answers the same the second time (cached)', () => {
    expect(isAreaCode('415')).toBe(true);
    expect(isAreaCode('415')).toBe(true);
    expect(isAreaCode('555')).toBe(false);
    expect(isAreaCode('555')).toBe(false);
  });
});

describe('numbersInText', () => {
  it('finds every number in a report once, in E.164', () => {
    const text = 'grey van, call 415-555-0100 or (212) 555-0142; he also used 4155550100 and +1 312 555 0111';
    expect(numbersInText(text).sort()).toEqual(['+12125550142', '+13125550111', '+14155550100']);
  });

  it('finds nothing in text without a number', () => {
    expect(numbersInText('tall guy, grey van, area 415, paid $200')).toEqual([]);
  });
});

describe('startsWithNumber', () => {
  it.each([
    ['(628) 555-0177 choked me'],
    ['628 555-0177, choked me'],
    ['628 555 0177 415 555 0188 both his'],
    ['+1 415 555 01 77 then'],
  ])('%j starts with a number', (text) => {
    expect(startsWithNumber(text)).toBe(true);
  });

  it.each([['415 628 grey van'], ['415 (628) 555-0177'], ['628 555 grey van'], ['grey van 628 555 0177'], ['']])('%j does not', (text) => {
    expect(startsWithNumber(text)).toBe(false);
  });

  it('reads a national number as the given country writes it, at the very start only', () => {
    expect(startsWithNumber('020 7946 0958 black cab', 'GB')).toBe(true);
    expect(startsWithNumber('020 7946 0958 black cab')).toBe(false);
    expect(startsWithNumber('london 020 7946 0958', 'GB')).toBe(false);
  });
});
