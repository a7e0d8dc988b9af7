/**
 * A French plate (AB-123-CD) whose first group is a state code was read, in
 * capitals, as that state's 123CD only: "plaque AB 123 CD" and CHECK AB 123 CD
 * never met AB123CD, so a member typing the plate one way missed a report
 * that wrote it the other. Its shape (two letters, three digits, two letters)
 * is read whole as well.
 */
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';

const values = (ids: Array<{ kind: string; value: string }>) => ids.filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a French plate whose first group is a state code, in capitals', () => {
  it.each([
    ['plaque AB 123 CD', false],
    ['PLAQUE AB 123 CD', false],
    ['Renault grise, AB 123 CD', true],
    ['Renault grise AB 123-CD', false],
    ['Renault AB 123 CD grise', true],
  ])('%j is read whole too', (text, vehicle) => {
    expect(values(identifiersIn(text, { vehicle }))).toContain('AB123CD');
  });

  it.each(['AB 123 CD', 'AB-123-CD', 'AB123CD', 'ab 123 cd'])('CHECK %s looks up AB123CD', (query) => {
    expect(values(checkQueries(query))).toContain('AB123CD');
  });

  it('keeps a state then a plate of another shape as it was', () => {
    expect(identifiersIn('plate CA 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
    expect(identifiersIn('plate NY ABC 1234')).toEqual([{ kind: 'plate', value: 'ABC1234', region: 'NY' }]);
  });
});
