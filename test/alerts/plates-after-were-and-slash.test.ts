/**
 * A plate after "plates were" (and "eran", "sont", "étaient"), the linking word of a plural plate word, is read as
 * after "plate was"; and a second plate in two groups after "/" ("plate ABC 1234 / ABC 1284": a worker unsure of a
 * digit) is read as after "or". Both were lost: CHECK of the plate then said nothing was known.
 */
import { checkQueryGroups, identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) =>
  identifiersIn(text, { country: 'US', vehicle })
    .filter((i) => i.kind === 'plate')
    .map((i) => i.value);

describe('a plate after a plural plate word and its "were"', () => {
  it.each([
    ['he choked me. his plates were 7ABC123', ['7ABC123']],
    ['two cars, the plates were ABC 1234 and XYZ 5678', ['ABC1234', 'XYZ5678']],
    ['las placas eran ABC 1234', ['ABC1234']],
    ['les plaques étaient AB-123-CD et EF-456-GH', ['AB123CD', 'EF456GH']],
    ['as placas são ABC1D23', ['ABC1D23']],
  ])('%j names %j', (text, want) => {
    expect(plates(text)).toEqual(want);
  });

  it('in a vehicle answer too', () => {
    expect(plates('silver Civic, plates were ABC 1234 and XYZ 5678', true)).toEqual(['ABC1234', 'XYZ5678']);
  });
});

describe('a second plate in two groups after "/"', () => {
  it.each([
    ['plate ABC 1234 / ABC 1284, I could not see the last digits well', ['ABC1234', 'ABC1284']],
    ['tag ABC 1234 / ABC 1284', ['ABC1234', 'ABC1284']],
  ])('%j names %j', (text, want) => {
    expect(plates(text)).toEqual(want);
    expect(checkQueryGroups('ABC 1284', 'US')).toEqual([[{ kind: 'plate', value: 'ABC1284' }]]);
  });

  it('after one plate, ", LOT 204" is still the sentence', () => {
    expect(plates('plate ABC 123, LOT 204')).toEqual(['ABC123']);
  });
});
