/**
 * A word of six characters or more after "and" (y, e, et, ou) following a plate was read as a second plate whatever
 * its shape: "plate 7ABC123 and GLC300 badge" indexed an innocent's vanity plate GLC300, and "and 6foot2", "y
 * 1m80cm" were plates too. A plate of another pattern than the one before it is read only when it fits a pattern of
 * the plates the line reads (7ABC123, ABC1234, ABC-123-A, AB-123-CD, ABC1D23, ABCD123); heights and roads never.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a word of another pattern after a joining word', () => {
  it.each([
    ['silver Mercedes, plate 7ABC123 and GLC300 badge', '7ABC123'],
    ['plate 7ABC123 and 6foot2, beard', '7ABC123'],
    ['placa ABC-1234 y 1m80cm, barba', 'ABC1234'],
    ['placa ABC1D23 e 1m80cm', 'ABC1D23'],
    ['plate ABC1234 and hwy101 after', 'ABC1234'],
  ])('%j names only its first plate, %j', (text, plate) => {
    expect(plates(text)).toEqual([plate]);
    expect(plates(text, true)).toEqual([plate]);
  });

  it.each([
    ['plates 7ABC123 and ABC1234', 'ABC1234'],
    ['plaques AB-123-CD et ABC-123-A', 'ABC123A'],
    ['placas ABC-1234 ou ABC1D23', 'ABC1D23'],
    ['plates ABC1234 and ABCD123', 'ABCD123'],
  ])('%j still names %j, of a known pattern', (text, plate) => {
    expect(plates(text)).toContain(plate);
  });

  it.each(['plates ABC1234, HWY1012 north', 'plates ABC1234 and HWY1012'])('%j: a road is no plate, even of the pattern before it', (text) => {
    expect(plates(text)).toEqual(['ABC1234']);
  });
});
