import { asciiDashes, asciiDigits, asciiDigitsAt, charEnd } from '../../src/util/ascii-digits';

// Every numbering system the runtime's ICU writes with decimal digits of one script: its digits, as a phone set to it types them.
function decimalSystems(): Array<{ system: string; written: string }> {
  return Intl.supportedValuesOf('numberingSystem')
    .map((system) => ({ system, written: new Intl.NumberFormat(`en-u-nu-${system}`, { useGrouping: false }).format(1234567890) }))
    .filter(({ written }) => /^\p{Nd}{10}$/u.test(written));
}

describe('asciiDigits', () => {
  it('reads 1234567890 written in each numbering system with decimal digits as ASCII', () => {
    const systems = decimalSystems();
    // Devanagari, Bengali, Thai, Arabic-Indic, fullwidth, the mathematical sets and dozens more.
    expect(systems.length).toBeGreaterThan(40);
    expect(systems.map((s) => s.system)).toEqual(expect.arrayContaining(['deva', 'beng', 'thai', 'arab', 'arabext', 'fullwide', 'mathbold', 'adlm']));
    for (const { system, written } of systems) expect(`${system}: ${asciiDigits(written)}`).toBe(`${system}: 1234567890`);
  });

  it('reads every decimal digit Unicode has as an ASCII digit, and each run of them from 0 in steps of one', () => {
    const digit = /\p{Nd}/u;
    let count = 0;
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      if (!digit.test(ch)) continue;
      count++;
      const before = String.fromCodePoint(code - 1);
      const expected = digit.test(before) ? (Number(asciiDigits(before)) + 1) % 10 : 0;
      if (asciiDigits(ch) !== String(expected)) throw new Error(`U+${code.toString(16)} read as ${asciiDigits(ch)}, not ${expected}`);
    }
    expect(count).toBeGreaterThan(600);
  });

  it('leaves letters, ASCII digits and other numbers (superscripts, circled, fractions) as they are', () => {
    expect(asciiDigits('Room 12, ²③½ ٣ x')).toBe('Room 12, ²③½ 3 x');
  });

  it('keeps positions one for one, and says where a digit of two units came from', () => {
    expect(asciiDigits('tel ४१५-५५५ ๐๑๗๗')).toBe('tel 415-555 0177');
    const { text, at } = asciiDigitsAt('a𝟒१😡5');
    expect(text).toBe('a41😡5');
    expect(at).toEqual([0, 1, 3, 4, 5, 6]);
  });
});

describe('asciiDashes', () => {
  it('reads hyphens, dashes and minus signs as "-", one for one', () => {
    expect(asciiDashes('7ABC\u2011123 7ABC\u2013123 a\u2010b\u2012c\u2014d\u2015e\u2212f\uFE63g\uFF0Dh')).toBe('7ABC-123 7ABC-123 a-b-c-d-e-f-g-h');
  });
});

describe('charEnd', () => {
  it('ends a character of two units after both', () => {
    expect([charEnd('a𝟒', 0), charEnd('a𝟒', 1)]).toEqual([1, 3]);
  });
});
