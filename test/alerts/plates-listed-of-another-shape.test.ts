/**
 * A plate listed after another with a joining word but of another letters-and-digits pattern ("plates 7ABC123 and
 * ABC1234": two cars, two states) was dropped: CHECK of the second car's plate answered "no alerts name that". After
 * "and", "or" (y, o, et, ou, e) a word of another pattern is read when it is a known plate pattern and no time,
 * age, measure or date (plates-listed-of-known-pattern-only.test.ts); after a comma only one of the same pattern still is (", ES350" is a model).
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate listed after a joining word, of another pattern than the one before it', () => {
  it.each([
    ['two cars, plates 7ABC123 and ABC1234', 'ABC1234'],
    ['placas ABC-1234 y 7ABC123', '7ABC123'],
    ['plaques AB-123-CD et 7ABC123', '7ABC123'],
    ['placas ABC1D23 ou ABC-1234', 'ABC1234'],
  ])('%j names %j', (text, plate) => {
    expect(plates(text)).toContain(plate);
    expect(plates(text, true)).toContain(plate);
  });

  it.each([
    'plate 7ABC123, ES350',
    'plate 7ABC123 and ES350',
    'plate 7ABC123, mid-40s white guy',
    'plate 7ABC123 and mid-40s',
    'plate 7ABC123 and 11pm-2am',
    'plate 7ABC123 and 6ft2in',
    'plate 7ABC123 and Dec-12',
    'plates 7ABC123 and Dec-2024',
    'plate 7ABC123, ABC1234',
  ])('%j names only the first plate', (text) => {
    expect(plates(text)).toEqual(['7ABC123']);
  });
});
