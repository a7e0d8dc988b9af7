/**
 * "license plate 4GHT567": the first plate word took the second as its
 * plate's group ("plate 4GHT567", no plate) and the search went on after
 * them, so the report indexed no plate and CHECK 4GHT567 found nothing.
 * Where a plate word's words make no plate, the next plate word is read.
 * After a number word, a linking word in small letters links too ("plate
 * number is 7ABC123"), as do "are", "reads" and "é".
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate after two plate words', () => {
  it.each([
    ['grey honda, license plate 4GHT567, choked me', '4GHT567'],
    ['his license plate was 7ABC123', '7ABC123'],
    ['lic plate 7ABC123', '7ABC123'],
    ['licence plate: AB-123-CD', 'AB123CD'],
  ])('%j names %s', (text, value) => {
    expect(plates(text)).toEqual([value]);
  });
});

describe('a linking word after a number word', () => {
  it.each([
    ['plate number is 7ABC123', '7ABC123'],
    ['license plate number is 7ABC123', '7ABC123'],
    ['la placa número es ABC-12-34', 'ABC1234'],
    ['placa núm. ABC-12-34', 'ABC1234'],
  ])('%j names %s', (text, value) => {
    expect(plates(text)).toEqual([value]);
  });

  it('in capitals, may be the plate\'s first group: "PLATE NUMBER IS 1234" names both readings', () => {
    expect(plates('PLATE NUMBER IS 1234')).toEqual(['1234', 'IS1234']);
  });
});

describe('"are", "reads" and the Portuguese "é" link a plate word to its plate', () => {
  it.each([
    ['his plates are 7ABC123', '7ABC123'],
    ['the plate reads ABC 123', 'ABC123'],
    ['a placa é ABC1D23', 'ABC1D23'],
  ])('%j names %s', (text, value) => {
    expect(plates(text)).toEqual([value]);
  });
});
