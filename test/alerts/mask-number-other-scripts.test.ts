/**
 * The reporter's own number written in the digits of another script is masked whole, at the text's positions: a
 * digit of two UTF-16 units (Adlam's, mathematical bold) is one character of what is read, and the mask ends after
 * both its units, the text around it as written.
 */
import { maskNumber } from '../../src/alerts/mask-number';

const HERS = '+14155550105';
/** `ascii` in the digits of the script whose zero is `zero`. */
const inScript = (ascii: string, zero: number): string => ascii.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

describe("maskNumber and her number in another script's digits", () => {
  it.each([
    ['Devanagari', 0x0966],
    ['Thai', 0x0e50],
    ['Adlam', 0x1e950],
    ['mathematical bold', 0x1d7ce],
  ])('masks it in %s digits, grouped or not, and keeps what is around it', (_script, zero) => {
    for (const form of ['4155550105', '(415) 555-0105', '415 555 0105', '555 0105']) {
      expect(maskNumber(`😡 call ${inScript(form, zero)} now 😡 room ${inScript('12', zero)}`, HERS, 'US')).toBe(`😡 call [-] now 😡 room ${inScript('12', zero)}`);
    }
  });

  it("keeps another number written in those digits", () => {
    const client = inScript('415 555 0177', 0x1e950);
    expect(maskNumber(`client ${client}`, HERS, 'US')).toBe(`client ${client}`);
  });
});
