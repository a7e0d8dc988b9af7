/** A text typed all in capitals: its code-shaped words are words, not areas, unless it has nowhere else to go. */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';

const uk = () => Regions.forLine(path.resolve(__dirname, '../../config/areas.uk.example.json'), 'GB');
const words = (text: string) => text.split(' ');

describe('the areas leading a text written all in capitals', () => {
  it('reads no letter code at its start when the report has an area elsewhere: "MAN WITH A KNIFE" is a man, not Manchester', () => {
    expect(uk().leading(words('MAN WITH A KNIFE AT KINGS CROSS'), false, true)).toEqual({ npas: [], used: 0 });
    expect(uk().leading(words('BEL BOY AT THE HOTEL'), false, true)).toEqual({ npas: [], used: 0 });
  });

  it('still reads an area named in full, in capitals or not', () => {
    expect(uk().leading(words('MANCHESTER GREY VAN'), false, true)).toEqual({ npas: ['MAN'], used: 1 });
  });

  it('reads the codes when they are all the text says ("REPORT LDN" starts a guided report for LDN)', () => {
    expect(uk().leading(['LDN'], false, true)).toEqual({ npas: ['LDN'], used: 1 });
    expect(uk().leading(words('LDN AND MAN'), false, true)).toEqual({ npas: ['LDN', 'MAN'], used: 3 });
  });

  it('reads the codes when the report has no other area to go to: the code she typed is then the likeliest meaning', () => {
    expect(uk().leading(words('LDN GREY VAN AT KINGS CROSS'))).toEqual({ npas: ['LDN'], used: 1 });
  });

  it('reads a code in capitals before text in small letters as ever', () => {
    expect(uk().leading(words('MAN grey van'), false, true)).toEqual({ npas: ['MAN'], used: 1 });
  });

  it('reads digit codes in capitals text as ever', () => {
    const na = Regions.forLine(undefined);
    expect(na.leading(words('415 GREY VAN'), false, true)).toEqual({ npas: ['415'], used: 1 });
  });

  it.each([['LDN 男人有刀，灰色面包车'], ['LDN ผู้ชายมีมีด รถตู้สีเทา'], ['LDN 07700 900123'], ['LDN 男人有刀 van']])(
    'reads the code before a text in a script without capitals, or of digits, which is not shouted: %j',
    (text) => {
      expect(uk().leading(words(text), false, true)).toEqual({ npas: ['LDN'], used: 1 });
    },
  );
});
