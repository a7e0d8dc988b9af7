/**
 * Licence plates as src/alerts/plates.ts reads them, through identifiersIn
 * and classifyQuery: one value however a plate is written, its state kept
 * apart, after a word that says so, in a vehicle answer and outside one.
 */
import fc from 'fast-check';
import { classifyQuery, identifiersIn } from '../../src/alerts/identifiers';
import { normalizePlate } from '../../src/alerts/plates';

const alnum = fc.constantFrom(...'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split(''));
const plateChars = fc
  .array(alnum, { minLength: 4, maxLength: 8 })
  .filter((cs) => cs.some((c) => /\d/.test(c)) && cs.some((c) => /[A-Z]/.test(c)))
  .map((cs) => cs.join(''));
const separator = fc.constantFrom('', ' ', '-', '  ', '.', ' - ');

/** A plate written with separators between random characters, in random case. */
function messyPlate(plate: string, seps: string[], lower: boolean[]): string {
  return Array.from(plate)
    .map((c, i) => `${lower[i] ? c.toLowerCase() : c}${i < plate.length - 1 ? (seps[i] ?? '') : ''}`)
    .join('');
}

const VEHICLE = { vehicle: true } as const;

describe('plate normaliser (properties)', () => {
  it('makes a plate one value whatever its case, spaces, dashes or dots', () => {
    fc.assert(
      fc.property(plateChars, fc.array(separator, { maxLength: 8 }), fc.array(fc.boolean(), { maxLength: 8 }), (plate, seps, lower) => {
        expect(normalizePlate(messyPlate(plate, seps, lower))).toBe(plate);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: a normalised plate normalises to itself', () => {
    fc.assert(
      fc.property(plateChars, (plate) => expect(normalizePlate(normalizePlate(plate) as string)).toBe(plate)),
      { numRuns: 100 },
    );
  });

  it('reads a plate typed with an accent (autocorrect) as the plate', () => {
    expect(normalizePlate('ÀBC 123')).toBe('ABC123');
  });
});

describe('identifiers: plates after a word that says so', () => {
  it.each([
    ['tag ABC 1234', 'ABC1234'],
    ['reg 7ABC123', '7ABC123'],
    ['plate no. 7ABC123', '7ABC123'],
    ['plate number 7ABC123', '7ABC123'],
    ['placa número ABC 1234', 'ABC1234'],
    ['plate ABC 123', 'ABC123'],
    ['his plate is ABC 123', 'ABC123'],
    ['la placa era ABC 123', 'ABC123'],
    // French, as its catalogue asks ("plaque"), with its own linking words.
    ['Honda grise plaque 7XYZ987', '7XYZ987'],
    ['sa plaque est AB-123-CD', 'AB123CD'],
    ['la plaque était AB-123-CD', 'AB123CD'],
    ['plaque n° 7XYZ987', '7XYZ987'],
    ['immatriculation AB-123-CD', 'AB123CD'],
  ])('%j', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
  });

  it('reads no plate when the word is followed by none', () => {
    expect(identifiersIn('no plate seen, it was dark')).toEqual([]);
    expect(identifiersIn('plate unknown')).toEqual([]);
  });

  it('takes the state written just before "plate", three words back at most', () => {
    expect(identifiersIn('CA, white Honda, plate 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
    // The nearest state is the plate's.
    expect(identifiersIn('AZ driver, CA plate 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
    // "LA", the city, further back, is not the plate's state.
    expect(identifiersIn('met in LA at the bar, plate 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });

  it('keeps a state written just before the plate, or in capitals just after it, out of it', () => {
    for (const text of ['plate ABC-123 NY', 'plate ABC 123 NY', 'plate ABC-123 (NY)', 'tag NY ABC 123']) {
      expect(identifiersIn(text)).toEqual([{ kind: 'plate', value: 'ABC123', region: 'NY' }]);
    }
    // In small letters before it, "ny" may be the plate's first group too: both are read.
    expect(identifiersIn('tag ny abc 123')).toEqual([
      { kind: 'plate', value: 'ABC123', region: 'NY' },
      { kind: 'plate', value: 'NYABC123' },
    ]);
    expect(identifiersIn('plate CA 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
    // In small letters after the plate, "ny" may be anything: it is read as written, by CHECK too.
    expect(identifiersIn('plate abc123 ny')).toEqual([{ kind: 'plate', value: 'ABC123NY' }]);
  });

  it('reads each way of writing a plate as CHECK reads the same words', () => {
    for (const written of ['7ABC123', '7ABC 123', 'CA 7ABC123', 'ca 7abc123', '7ABC123 CA', 'ABC 123 NY', 'ABC-123 (NY)', 'CA ABC 123', 'AB 1234', 'AB 1234 NY', '4321 NY', 'abc123 ny']) {
      const [reported] = identifiersIn(`plate ${written}`);
      expect([written, classifyQuery(written)]).toEqual([written, reported]);
    }
  });

  it('reads two letters before digits as part of the plate, even when they could name a state', () => {
    // "AB" is Alberta, and also how many plates begin: CHECK reads "AB 1234" the same way.
    expect(identifiersIn('plate AB 1234')).toEqual([{ kind: 'plate', value: 'AB1234' }]);
    expect(classifyQuery('AB 1234')).toEqual({ kind: 'plate', value: 'AB1234' });
  });

  it('keeps a state after a plate of digits out of it, in a report and in CHECK alike', () => {
    expect(identifiersIn('plate 4321 NY')).toEqual([{ kind: 'plate', value: '4321', region: 'NY' }]);
    expect(classifyQuery('4321 NY')).toEqual({ kind: 'plate', value: '4321', region: 'NY' });
  });

  it('does not read the digits of a phone number after a plate word as a plate', () => {
    expect(identifiersIn('tag him 415 555 0123')).toEqual([{ kind: 'phone', value: '+14155550123' }]);
    expect(identifiersIn('lic 415 555 0123')).toEqual([{ kind: 'phone', value: '+14155550123' }]);
    expect(identifiersIn('plate 7ABC123, cell 415 555 0123')).toEqual([
      { kind: 'plate', value: '7ABC123' },
      { kind: 'phone', value: '+14155550123' },
    ]);
  });

  it('takes no region from words that are not a state or province', () => {
    expect(identifiersIn('grey VW, plate 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123' }]);
    // "OK?" two words on is the member talking, not Oklahoma.
    expect(identifiersIn('plate 7ABC123 on the car, OK?')).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });
});

describe('identifiers: plates in a vehicle answer', () => {
  it('reads a plate with dashes, followed by other words', () => {
    expect(identifiersIn('grey Civic ABC-1234, dented', VEHICLE)).toEqual([{ kind: 'plate', value: 'ABC1234' }]);
    expect(identifiersIn('ABC1234 grey Civic', VEHICLE)).toEqual([{ kind: 'plate', value: 'ABC1234' }]);
  });

  it('reads a state and then its plate in two words', () => {
    expect(identifiersIn('white F-150, TX GHK 4432', VEHICLE)).toEqual([{ kind: 'plate', value: 'GHK4432', region: 'TX' }]);
    expect(identifiersIn('TX  GHK 4432', VEHICLE)).toEqual([{ kind: 'plate', value: 'GHK4432', region: 'TX' }]);
  });

  it('reads a plate with one letter after its state', () => {
    expect(identifiersIn('grey Camry, NJ G1234', VEHICLE)).toEqual([{ kind: 'plate', value: 'G1234', region: 'NJ' }]);
  });

  it('reads five-character plates of two letters or two digits', () => {
    expect(identifiersIn('silver Civic, KB123', VEHICLE)).toEqual([{ kind: 'plate', value: 'KB123' }]);
    expect(identifiersIn('silver Civic, ABC12', VEHICLE)).toEqual([{ kind: 'plate', value: 'ABC12' }]);
  });

  it('takes the state written after a bare plate', () => {
    expect(identifiersIn('grey Civic, KB123 (TX)', VEHICLE)).toEqual([{ kind: 'plate', value: 'KB123', region: 'TX' }]);
  });

  it('does not read models, zip codes or a make before a model as plates', () => {
    for (const text of ['red Ford GT40', 'white Chevy K2500 pickup', 'grey VW Golf 2019', 'grey CA 4x4', 'black FL 4x4 truck', 'parked at 5th Ave, NY 10001']) {
      expect(identifiersIn(text, VEHICLE)).toEqual([]);
    }
  });

  it('once a plate is named, reads no other word as a plate', () => {
    expect(identifiersIn('grey van, plate 7ABC123, 49ers sticker', VEHICLE)).toEqual([{ kind: 'plate', value: '7ABC123' }]);
    expect(identifiersIn('plate 7ABC123, a TX 4x4 truck', VEHICLE)).toEqual([{ kind: 'plate', value: '7ABC123' }]);
    // Alone, "TX and 25" would read as a plate AND25 (a state, then short groups).
    expect(identifiersIn('plate 7ABC123, driver from TX and 25', VEHICLE)).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });

  it('reads no plate without a word before it outside the vehicle answer', () => {
    expect(identifiersIn('He is from NY and 25 years old')).toEqual([]);
    expect(identifiersIn('wore a 49ers cap')).toEqual([]);
  });
});

describe('identifiers: plates outside a vehicle answer', () => {
  // An edited or one-message report is one text: its plate was read only after a word saying so, and CHECK called the car clean.
  it.each([
    ['violence. Person: tall. Vehicle: grey Honda 7ABC123.', [{ kind: 'plate', value: '7ABC123' }]],
    ['robo. Vehiculo: Honda gris, TX GHK 4432. Contacto: x', [{ kind: 'plate', value: 'GHK4432', region: 'TX' }]],
    ['violence. Véhicule: Honda grise AB-123-CD.', [{ kind: 'plate', value: 'AB123CD' }]],
    ['roubo. Veiculo: Honda cinza ABC1D23', [{ kind: 'plate', value: 'ABC1D23' }]],
    ['vehicle: grey honda 7abc123, dented', [{ kind: 'plate', value: '7ABC123' }]],
  ])('reads the sentence after an alert\'s vehicle label as a vehicle answer: %j', (text, ids) => {
    expect(identifiersIn(text)).toEqual(ids);
  });

  it('reads the vehicle sentence only up to its end, and not again once a word names its plate', () => {
    expect(identifiersIn('Vehicle: grey Honda. Person: from NY and 25, AB12CD34 tattoo')).toEqual([]);
    expect(identifiersIn('Vehicle: grey Honda, plate 7ABC123, 49ers sticker.')).toEqual([{ kind: 'plate', value: '7ABC123' }]);
  });

  it('reads a state then a plate, both in capitals, the plate in one word', () => {
    expect(identifiersIn('robbed me, grey Honda CA 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
    expect(identifiersIn('white F-150 TX GHK-4432, violent')).toEqual([{ kind: 'plate', value: 'GHK4432', region: 'TX' }]);
    expect(identifiersIn('NJ G1234 grey Camry')).toEqual([{ kind: 'plate', value: 'G1234', region: 'NJ' }]);
  });

  it('reads no state and words after it as a plate where plates are not written so', () => {
    for (const text of [
      'He is from NY and 25 years old',
      'HE IS FROM NY AND 25 YEARS OLD',
      'grey van, CA 7abc123',
      'MET HIM ON 125TH ST',
      'MET HIM IN 2019, NY 10001',
      'LEFT ME ON 1030PM OR 11PM',
    ]) {
      expect([text, identifiersIn(text)]).toEqual([text, []]);
    }
  });
});

describe('CHECK: plates', () => {
  it('reads a plate alone, or after its state in any case', () => {
    expect(classifyQuery('7ABC123')).toEqual({ kind: 'plate', value: '7ABC123' });
    expect(classifyQuery('CA 7ABC123')).toEqual({ kind: 'plate', value: '7ABC123', region: 'CA' });
    expect(classifyQuery('ca 7abc123')).toEqual({ kind: 'plate', value: '7ABC123', region: 'CA' });
  });

  it('reads a plate before its state in capitals as the plate a report indexed', () => {
    const reported = identifiersIn('plate ABC-123 NY')[0];
    expect(classifyQuery('ABC-123 NY')).toEqual(reported);
    expect(classifyQuery('ABC123')?.value).toBe(reported?.value);
  });

  it('reads a plate written in two words as one plate', () => {
    expect(classifyQuery('abc 123')).toEqual({ kind: 'plate', value: 'ABC123' });
  });
});
