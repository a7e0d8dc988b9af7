/**
 * A plate after its state in capitals right after a negation, which says the car did not have it, was still read
 * outside a vehicle answer ("grey Honda TX ABC1234, definitely not CA 7ABC128" in a one-message report), and in a
 * vehicle answer after a negation, an adverb and the state together ("not really CA 7ABC128"): CHECK 7ABC128 would
 * warn against a car she says it was not. Neither names the plate; the plate before it, and a negation of another
 * word, still read.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a plate after a negated state', () => {
  it.each([
    ['choked me, grey Honda TX ABC1234, definitely not CA 7ABC128', ['ABC1234']],
    ['grey van TX ABC1234, not really CA 7ABC128', ['ABC1234']],
    ['grey van, nor CA 7ABC128', []],
  ])('%j names %j in any text', (text, values) => {
    expect(plates(text)).toEqual(values);
  });

  it.each([
    ['grey van TX ABC1234, not really CA 7ABC128', ['ABC1234']],
    ['choked me, not really CA 7ABC128', []],
  ])('%j names %j in a vehicle answer', (text, values) => {
    expect(plates(text, true)).toEqual(values);
  });

  it.each(['grey Honda, not tinted, CA 7ABC123', 'grey Honda not new CA 7ABC123'])('%j still names 7ABC123', (text) => {
    expect(plates(text)).toEqual(['7ABC123']);
    expect(plates(text, true)).toEqual(['7ABC123']);
  });
});
