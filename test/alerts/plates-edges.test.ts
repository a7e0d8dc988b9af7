/**
 * Edges of src/alerts/plates.ts that no other plate test held (each a
 * mutant Stryker saw survive): number words after a state, in any case; a
 * state in small letters before a plate too long to take it; a plate before
 * a word and a small word; plates in a text in capitals that are times,
 * postcodes or words with one digit; the alert's vehicle sentence; and CHECK
 * of a number word and a plate.
 */
import { identifiersIn } from '../../src/alerts/identifiers';
import { plateQuery } from '../../src/alerts/plate-query';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate');

describe('a number word between a state and its plate in a vehicle answer', () => {
  it.each(['TX NO ABC 123', 'TX no. ABC 123', 'TX Num ABC 123', 'TX NÚM ABC 123', 'TX NUMBER ABC 123', 'TX número ABC 123', 'TX Numero ABC 123', 'TX N° ABC 123', 'TX n° ABC 123'])(
    '%j is no group of the plate',
    (text) => {
      expect(plates(text, true)).toEqual([{ kind: 'plate', value: 'ABC123', region: 'TX' }]);
    },
  );
});

describe('a plate after its word', () => {
  it('keeps a state in small letters apart where the plate with it would be too long', () => {
    expect(plates('plate ca 7abc123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
  });

  it('reads a state and a number sign glued to the plate in small letters', () => {
    expect(plates('plate tx n°abc123')).toEqual([{ kind: 'plate', value: 'ABC123', region: 'TX' }]);
  });

  it('is the plate before a word and a small word of the sentence', () => {
    expect(plates('plate 7ABC123 blue at the motel')).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });

  it('reads a French plate whole only in its shape', () => {
    expect(plates('plaque AB 123 CDE')).toEqual([{ kind: 'plate', value: '123CDE', region: 'AB' }]);
  });
});

describe('a state then a plate in capitals, in any text', () => {
  it.each([
    ['grey Honda TX  7ABC123', '7ABC123'],
    ['grey Honda TX ABC12', 'ABC12'],
    ['grey Honda TX ABC12H', 'ABC12H'],
    ['grey Honda TX 12HX34', '12HX34'],
    ['grey Honda ON AB1C2D3', 'AB1C2D3'],
    ['grey Honda ON A1B2C3D', 'A1B2C3D'],
  ])('%j names %s', (text, value) => {
    expect(plates(text).map((p) => p.value)).toEqual([value]);
  });

  it.each(['MET HIM IN LA AT NOON', 'BE THERE IN 20MIN', 'grey Honda TX ABCDE1', 'grey Honda TX AB12'])('%j names none', (text) => {
    expect(plates(text)).toEqual([]);
  });
});

describe("an alert's vehicle sentence", () => {
  it('is read as a vehicle answer, up to its end', () => {
    expect(plates('Vehicle: grey Honda 7ABC123. Took my phone')).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });

  it('is read though a plate word named a plate before it', () => {
    expect(plates('plate 7ABC123. Vehicle: grey Honda XYZ1234.').map((p) => p.value)).toEqual(['7ABC123', 'XYZ1234']);
  });

  it('names its plate where it is written, after what comes before it', () => {
    expect(identifiersIn('Texts from 415-555-0177 only. Vehicle: 7ABC123.').map((i) => i.kind)).toEqual(['phone', 'plate']);
  });
});

describe('CHECK of a number word and a plate', () => {
  it('reads a bare "NO" first as the plate\'s group, then as a number word', () => {
    expect(plateQuery('NO AB12')).toEqual([
      { kind: 'plate', value: 'NOAB12' },
      { kind: 'plate', value: 'AB12' },
    ]);
  });

  it('never reads "N°" as the plate\'s', () => {
    expect(plateQuery('N° ABC 123')).toEqual([{ kind: 'plate', value: 'ABC123' }]);
  });

  it('never reads a number word after a state as the plate\'s, in any case', () => {
    expect(plateQuery('TX NO. ABC 123')).toEqual([{ kind: 'plate', value: 'ABC123', region: 'TX' }]);
    expect(plateQuery('tx no. abc 123')).toEqual([{ kind: 'plate', value: 'ABC123', region: 'TX' }]);
  });
});
