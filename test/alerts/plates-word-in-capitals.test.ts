/**
 * A linking word after "plate" ("is", "was", French "est", "no") is skipped
 * when written as the sentence writes it ("sa plaque est AB-123-CD"); written
 * in capitals where the plate word is not, it is the plate's first group:
 * "plate EST 4567" is EST4567 (three letters, four digits), not 4567.
 */
import { classifyQuery, identifiersIn } from '../../src/alerts/identifiers';

describe('a linking word in capitals after a plate word', () => {
  it.each([
    ['plate EST 4567', [{ kind: 'plate', value: 'EST4567' }, { kind: 'plate', value: '4567' }]],
    ['Plate EST-4567', [{ kind: 'plate', value: 'EST4567' }]],
    ['his plate: EST 4567 NY', [{ kind: 'plate', value: 'EST4567', region: 'NY' }, { kind: 'plate', value: '4567', region: 'NY' }]],
    ['tag WAS 1234', [{ kind: 'plate', value: 'WAS1234' }, { kind: 'plate', value: '1234' }]],
    ['placa ERA 123', [{ kind: 'plate', value: 'ERA123' }, { kind: 'plate', value: '123' }]],
  ])('%j is the plate\'s first group (and, the word being maybe the sentence\'s, the plate without it next)', (text, plates) => {
    expect(identifiersIn(text)).toEqual(plates);
  });

  it('is read so by CHECK too', () => {
    expect(classifyQuery('plate EST 4567')).toEqual({ kind: 'plate', value: 'EST4567' });
  });

  it('in capitals with the plate word in capitals too, it links first, and may be the plate\'s', () => {
    expect(identifiersIn('PLATE IS ABC 123')).toEqual([
      { kind: 'plate', value: 'ABC123' },
      { kind: 'plate', value: 'ISABC123' },
    ]);
  });

  it.each([
    ['sa plaque est AB-123-CD', 'AB123CD'],
    ['his plate is ABC 123', 'ABC123'],
    ['PLAQUE EST AB-123-CD', 'AB123CD'],
    ['Plate number 7ABC123', '7ABC123'],
  ])('%j: as the sentence writes it, it links, and is no part of the plate', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
  });
});
