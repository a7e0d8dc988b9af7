/**
 * Real-looking reports, messy as members write them (English and Spanish),
 * with the identifiers each must yield. One-message reports are read as
 * free text; guided ones by field (a bare letters-and-digits word is a plate
 * only in the vehicle answer).
 */
import type { CountryCode } from 'libphonenumber-js';
import { identifiersIn, type Identifier } from '../../src/alerts/identifiers';
import { fieldIdentifiers, type ReportFields } from '../../src/alerts/report-template';

const phone = (value: string): Identifier => ({ kind: 'phone', value });
const plate = (value: string, region?: string): Identifier => (region ? { kind: 'plate', value, region } : { kind: 'plate', value });
const email = (value: string): Identifier => ({ kind: 'email', value });
const handle = (value: string): Identifier => ({ kind: 'handle', value });
const link = (value: string): Identifier => ({ kind: 'link', value });

const ONE_MESSAGE: Array<[string, Identifier[], CountryCode?]> = [
  ['REPORT 415 grey van, took my phone, calls from (415) 555-0177', [phone('+14155550177')]],
  ['white guy 40s says hes a cop, texts from 415.555.0142 and 628 555 0199 dont answer', [phone('+14155550142'), phone('+16285550199')]],
  ['refused to pay + got rough. plate 7ABC 123 CA silver camry', [plate('7ABC123', 'CA')]],
  ['CA plate 8XYZ-441, blue honda civic, follows girls on 6th st', [plate('8XYZ441', 'CA')]],
  ['He booked thru tryst: https://www.tryst.link/escort/bigdave?utm_source=share. never showed, 2nd time', [link('tryst.link/escort/bigdave')]],
  ['insta @Dave_SF_69 and email BigDave69@Gmail.com , pushy about no condom', [email('bigdave69@gmail.com'), handle('dave_sf_69')]],
  ['time waster!!! 1-212-555-0123 asks for pics then ghosts', [phone('+12125550123')]],
  ['+1 646 555 0100 / 646-555-0100 same guy, hit me', [phone('+16465550100')]],
  ['uses whatsapp +44 7911 123456, says he is in town for work', [phone('+447911123456')]],
  ['lic # JKL 4821 black suv tinted, waited outside my building', [plate('JKL4821')]],
  ['no show x3, number 3125550166, ad on skipthegames.com/post/abc123', [link('skipthegames.com/post/abc123'), phone('+13125550166')]],
  ['grabbed my arm, wouldnt let me leave. He said call him at 702 555 0111 ext nothing', [phone('+17025550111')]],
  ['REPORTE 213 me robo el dinero, su numero es (213) 555-0123, carro rojo placas 6TRJ244', [phone('+12135550123'), plate('6TRJ244')]],
  // A line in Mexico (DEFAULT_COUNTRY=MX) reads the national number as Mexican.
  ['cliente violento, me pego. Placa: ABC-12-34, camioneta gris. whats 55 1234 5678', [plate('ABC1234'), phone('+525512345678')], 'MX'],
  ['no pago y me amenazo. correo Juan.Perez@Hotmail.ES, insta @juanp_mx', [email('juan.perez@hotmail.es'), handle('juanp_mx')]],
  ['se quito el condon. Su anuncio: www.eros.com/california/sf/juan123/ , tel 415-555-0188', [link('eros.com/california/sf/juan123'), phone('+14155550188')]],
  ['perdida de tiempo, pide fotos y desaparece. @el_guapo.33', [handle('el_guapo.33')]],
  ['acoso, me sigue en la calle 24. matricula 4GHT 992 (CA)', [plate('4GHT992', 'CA')]],
  ['he was polite at first, 6ft, beard, no identifiers sorry', []],
  ['he said my number 415-555-0100 was on a list. 10:30pm on 5/12, paid 200 then took it back', [phone('+14155550100')]],
];

const GUIDED: Array<[ReportFields, Identifier[]]> = [
  [{ categories: ['violence'], vehicle: 'grey Honda Civic 7ABC123', contact: '(415) 555-0177' }, [plate('7ABC123'), phone('+14155550177')]],
  [{ categories: ['robbery'], vehicle: 'camioneta blanca, placa JKL-12-34 de Jalisco', contact: 'me escribio a @carlos.gdl' }, [plate('JKL1234'), handle('carlos.gdl')]],
  [{ categories: ['no-show'], vehicle: 'Mazda3 2015 red', contact: 'email Mike.R@proton.me' }, [email('mike.r@proton.me')]],
  [{ categories: ['threats', 'harassment'], person: 'goes by Rick, @rick_415', vehicle: 'TX GHK 4432 pickup', contact: 'tryst.link/escort/rick415' }, [plate('GHK4432', 'TX'), link('tryst.link/escort/rick415'), handle('rick_415')]],
];

function sorted(ids: Identifier[]): string[] {
  return ids.map((i) => `${i.kind}:${i.value}${i.region ? `@${i.region}` : ''}`).sort();
}

describe('identifiers in real-looking reports', () => {
  it.each(ONE_MESSAGE.map(([text, ids, country]) => [text, ids, country ?? 'US'] as const))('%s', (text, expected, country) => {
    expect(sorted(identifiersIn(text, { country }))).toEqual(sorted(expected));
  });

  it.each(GUIDED.map(([f, ids]) => [JSON.stringify(f), f, ids] as const))('guided: %s', (_label, fields, expected) => {
    expect(sorted(fieldIdentifiers(fields))).toEqual(sorted(expected));
  });

  it('has at least twenty reports, in English and Spanish', () => {
    expect(ONE_MESSAGE.length + GUIDED.length).toBeGreaterThanOrEqual(20);
    expect(ONE_MESSAGE.filter(([t]) => /\b(me|su|placa|numero|correo)\b/i.test(t)).length).toBeGreaterThanOrEqual(5);
  });
});
