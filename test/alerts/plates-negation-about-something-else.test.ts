/**
 * A negation after the plate word that is about something else ("plate not clear", "the plate is not local",
 * "placa no es de aqui") blanked the words after it, and with them the plate the report does give: CHECK of that
 * plate then answered "no alerts name that". Only a negated plate that itself reads as a plate is dropped.
 */
import { identifiersIn } from '../../src/alerts/identifiers';

const plates = (text: string, vehicle = false) => identifiersIn(text, { vehicle }).filter((i) => i.kind === 'plate').map((i) => i.value);

describe('a negation that is not about the plate leaves the plate the report gives', () => {
  it.each([
    ['plate not clear TX ABC1234', true, 'ABC1234'],
    ['plate not readable 7ABC123', true, '7ABC123'],
    ['plate not sure 7ABC123', true, '7ABC123'],
    ['plaque pas claire AB-123-CD', true, 'AB123CD'],
    ['a placa não é daqui ABC1D23', true, 'ABC1D23'],
    ['the plate is not local CA 7ABC123', false, '7ABC123'],
    ['placa no es de aqui TX ABC1234', false, 'ABC1234'],
    ['PLATE NOT CLEAR TX ABC1234', false, 'ABC1234'],
  ])('%j (vehicle answer: %s) names %s', (text, vehicle, plate) => {
    expect(plates(text, vehicle)).toContain(plate);
  });

  it('still drops the negated plate, and only it, where the words after the negation are a plate', () => {
    expect(plates('the plate is not ABC123 but CA 7XYZ789')).toEqual(['7XYZ789']);
    expect(plates('grey Honda, plate not ABC123 but 7XYZ789', true)).toEqual(['7XYZ789']);
    expect(plates('grey Honda, plate not ABC123', true)).toEqual([]);
  });
});
