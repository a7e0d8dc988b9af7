/**
 * "CA 7ABC123, OR RX350" indexed RX350: "OR" (Oregon's code, but here the word) before a model (a Lexus RX350) was
 * read as a plate with no state, smearing whoever has that vanity plate. After "OR" or "OK" in capitals a word of
 * no plate shape of theirs is read only when it is a plate of a known pattern ("OR 7ABC128", a California plate);
 * Oregon's and Oklahoma's own shapes stay theirs, after a plate word too.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate');

describe('a word after "OR" or "OK" in capitals', () => {
  it.each(['CA 7ABC123, OR RX350', 'grey Lexus CA 7ABC123, OR RX350 maybe', 'TX ABC1234 OK GT350'])('%j names only the first plate', (text) => {
    const first = /^(?:grey Lexus )?(CA|TX) (\w+)/.exec(text) ?? [];
    expect(plates(text)).toEqual([{ kind: 'plate', value: first[2], region: first[1] }]);
    expect(plates(text, true)).toEqual([{ kind: 'plate', value: first[2], region: first[1] }]);
  });

  it.each([
    ['CA 7ABC123, OR 8XYZ789', [{ kind: 'plate', value: '7ABC123', region: 'CA' }, { kind: 'plate', value: '8XYZ789' }]],
    ['TX ABC1234, OR 123ABC', [{ kind: 'plate', value: 'ABC1234', region: 'TX' }, { kind: 'plate', value: '123ABC', region: 'OR' }]],
    ['plate OR 123 ABC', [{ kind: 'plate', value: '123ABC', region: 'OR' }]],
    ['his plate is OR ABC 123', [{ kind: 'plate', value: 'ABC123', region: 'OR' }]],
  ])('%j still names %j', (text, expected) => {
    expect(plates(text)).toEqual(expected);
    expect(plates(text, true)).toEqual(expected);
  });
});
