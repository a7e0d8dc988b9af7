/**
 * A plate read after a plate word ends where the sentence goes on: "plate
 * ABC 123 at 10pm" named ABC123AT, so a CHECK of ABC123 found no alert.
 * A small word of the sentence in small letters ("at", "on", "in", "en",
 * "à", "em") is never the plate's.
 */
import { classifyQuery, identifiersIn } from '../../src/alerts/identifiers';

describe('a plate after a plate word, then the sentence', () => {
  it.each([
    ['plate ABC 123 at 10pm', 'ABC123'],
    ['plate ABC123 at 10pm', 'ABC123'],
    ['tag ABC 123 on Main', 'ABC123'],
    ['plate ABC 123 in a grey van', 'ABC123'],
    ['plate abc 123 at the motel', 'ABC123'],
    ['placa ABC 12 en la esquina', 'ABC12'],
    ['plaque AB 123 à la gare', 'AB123'],
    ['placa ABC 12 em frente', 'ABC12'],
  ])('%j names the plate alone', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
  });

  it('matches what CHECK reads of the plate alone', () => {
    expect(identifiersIn('plate ABC 123 at 10pm')[0]).toEqual(classifyQuery('ABC 123'));
  });

  it.each([
    ['plate ABC 123 ON', { kind: 'plate', value: 'ABC123', region: 'ON' }],
    ['plate ABC 123 IN', { kind: 'plate', value: 'ABC123', region: 'IN' }],
    ['plate abc123 ny', { kind: 'plate', value: 'ABC123NY' }],
  ])('%j: in capitals (a state) or any other word, read as before', (text, plate) => {
    expect(identifiersIn(text)).toEqual([plate]);
  });
});

describe('a plate after its state in a vehicle answer, then the sentence', () => {
  it.each([
    ['grey Honda TX ABC 123 at the motel', 'ABC123'],
    ['Honda gris TX ABC 123 en el hotel', 'ABC123'],
  ])('%j names the plate alone, with its state', (text, value) => {
    expect(identifiersIn(text, { vehicle: true })).toEqual([{ kind: 'plate', value, region: 'TX' }]);
  });
});

describe('a plate group that is also a small word of the sentence', () => {
  it.each([
    ['placa 12 as 34', '12AS34'], // Portuguese 00-AA-00, in small letters with spaces
    ['plaque et 123 le', 'ET123LE'], // French AA-123-AA, its first group a small word
    ['placa 12 34 as', '1234AS'], // Portuguese 00-00-AA
  ])('%j is the whole plate %s, not cut at the word', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
  });

  it.each([
    ['Fiat branco TX 12 as 34', '12AS34'],
    ['Peugeot gris QC et 123 le', 'ET123LE'],
  ])('in a vehicle answer after its state, %j is the whole plate %s', (text, value) => {
    expect(identifiersIn(text, { vehicle: true })).toEqual([{ kind: 'plate', value, region: text.split(' ')[2] }]);
  });

  it.each([
    ['plaque xy 123 le', ['XY123', 'XY123LE']], // ends the text: the plate's last group, or the sentence's word
    ['plate XY 12 at 10pm', ['XY12AT', 'XY12']], // too short a plate before it to be sure
  ])('%j, either reading being the plate, names both', (text, values) => {
    expect(identifiersIn(text)).toEqual(values.map((value) => ({ kind: 'plate', value })));
  });
});

describe('a small word taken as a plate group, then another small word of the sentence', () => {
  it.each([
    ['placa 12 as 34 en el hotel', ['12AS34']],
    ['placa 12 as 34 y se fue', ['12AS34']],
    ['la placa era 12 as 34 e o carro preto', ['12AS34']],
  ])('%j: the next small word still ends the plate, %s', (text, values) => {
    expect(identifiersIn(text)).toEqual(values.map((value) => ({ kind: 'plate', value })));
  });

  it.each([
    // A plate led by a small word ("los", "et") may end in one (the French AA-123-AA): both readings, the cut first.
    ['la placa es los 12 34 y el carro es gris', ['LOS1234', 'LOS1234Y']],
    ['sa plaque est et 123 le soir', ['ET123', 'ET123LE']],
    // In one small word at most: the one after is the sentence's.
    ['placa et 123 le y se fue', ['ET123', 'ET123LE']],
    ['tag as 12 os on the car', ['AS12OS', 'AS12']],
  ])('%j, led by a small word, names %s', (text, values) => {
    expect(identifiersIn(text)).toEqual(values.map((value) => ({ kind: 'plate', value })));
  });

  it('"plate on the 405 freeway" names no plate: a small word after a small word taken as a group, with no plate before it', () => {
    expect(identifiersIn('his plate on the 405 freeway')).toEqual([]);
  });
});
