/**
 * A plate written with a dot between its groups ("ABC.123"), a comma after
 * its word ("plate, ABC 123"), or a number sign glued to it ("N°ABC123")
 * was read as no plate at all: the report named nothing CHECK could find.
 */
import { classifyQuery, identifiersIn } from '../../src/alerts/identifiers';

describe('a plate with punctuation in or before it', () => {
  it.each([
    ['plate ABC.123', [{ kind: 'plate', value: 'ABC123' }]],
    ['plate, ABC 123', [{ kind: 'plate', value: 'ABC123' }]],
    ['grey van, plate N°ABC123, violent', [{ kind: 'plate', value: 'ABC123' }]],
    ['plate TX N°ABC123', [{ kind: 'plate', value: 'ABC123', region: 'TX' }]],
    ['grey Honda TX N°ABC123', [{ kind: 'plate', value: 'ABC123', region: 'TX' }]],
  ])('%j names its plate', (text, plates) => {
    expect(identifiersIn(text)).toEqual(plates);
  });

  it('ends at a dot that ends the sentence', () => {
    expect(identifiersIn('plate ABC 123. He was violent')).toEqual([{ kind: 'plate', value: 'ABC123' }]);
  });

  it.each(['TX N°ABC123', 'ABC.123'])('CHECK %s looks the plate up', (query) => {
    expect(classifyQuery(query)).toMatchObject({ kind: 'plate', value: 'ABC123' });
  });
});
