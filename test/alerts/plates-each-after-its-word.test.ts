/**
 * "plate ABC123 and plate XYZ789": the first plate word's words ran on to
 * "plat", so the second plate word was never seen and the report indexed
 * ABC123 only (CHECK XYZ789: "no alerts name that"). The next plate word is
 * looked for after the words the plate took.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string) => identifiersIn(text).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('two plates, each after its plate word', () => {
  it.each([
    ['plate ABC123 and plate XYZ789', ['ABC123', 'XYZ789']],
    ['plate ABC 123 and plate XYZ 789', ['ABC123', 'XYZ789']],
    ['placa ABC123 y placa XYZ789', ['ABC123', 'XYZ789']],
    ['plate 7ABC123 plate 8XYZ789', ['7ABC123', '8XYZ789']],
    ['plate ABC123 or tag XYZ789', ['ABC123', 'XYZ789']],
  ])('%j names both', (text, values) => {
    expect(plates(text)).toEqual(values);
  });

  it('are each looked up by CHECK of the sentence', () => {
    expect(checkQueryGroups('plate ABC123 and plate XYZ789')).toEqual([[{ kind: 'plate', value: 'ABC123' }], [{ kind: 'plate', value: 'XYZ789' }]]);
  });

  it('a plate word taken as a plate\'s group is not read again as a plate word', () => {
    expect(plates('plate TAG 123 at the motel')).toEqual(['TAG123']);
  });
});
