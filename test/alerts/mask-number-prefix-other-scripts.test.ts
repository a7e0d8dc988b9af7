/**
 * Her number after a 00 international prefix written in another script's zeros ("००१ ४१५ ५५५ ०१०५") is masked with
 * its prefix, as "001 415 555 0105" is: the prefix's first zero was left before the mask ("x ०[-]"), found by a
 * hostile review.
 */
import { maskNumber } from '../../src/alerts/mask-number';

const HERS = '+14155550105';
/** `ascii` in the digits of the script whose zero is `zero`. */
const inScript = (ascii: string, zero: number): string => ascii.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

describe('maskNumber and a 00 prefix in the zeros of another script', () => {
  it('masks it in ASCII digits, with its prefix', () => {
    expect(maskNumber('x 001 415 555 0105 y', HERS, 'US')).toBe('x [-] y');
  });

  it.each([
    ['Devanagari', 0x0966],
    ['Thai', 0x0e50],
    ['Adlam', 0x1e950],
    ['mathematical bold', 0x1d7ce],
  ])('masks it in %s digits, the prefix with it, and keeps what is around it', (_script, zero) => {
    expect(maskNumber(`x ${inScript('001 415 555 0105', zero)} y`, HERS, 'US')).toBe('x [-] y');
    expect(maskNumber(`x ${inScript('0014155550105', zero)} y`, HERS, 'US')).toBe('x [-] y');
  });

  it('keeps a zero glued before the prefix, in any script', () => {
    const room = inScript('10', 0x0966);
    expect(maskNumber(`room ${room} (415) 555-0105`, HERS, 'US')).toBe(`room ${room} [-]`);
  });
});
