/**
 * "Plate NO. ABC-123": a number word after a plate word (NO, NUM, NUMBER,
 * NÚMERO, NUMÉRO, N°) is never one of the plate's groups, in capitals or
 * not. Read as the first group it named NOABC123, so CHECK ABC-123 said
 * nothing was known of a reported plate. Another linking word in capitals
 * ("Plate IS ABC123", "PLATE EST 4567") may be the plate's or the
 * sentence's: both readings are named, so CHECK finds the plate either way.
 */
import { checkQueries, identifiersIn } from '../../src/alerts/identifiers';

describe('a number word after a plate word', () => {
  it.each([
    ['Plate NO. ABC-123', 'ABC123'],
    ['License NO: ABC 123', 'ABC123'],
    ['Placa NO. ABC-123', 'ABC123'],
    ['Tag NO ABC123', 'ABC123'],
    ['Plate NUM ABC123', 'ABC123'],
    ['Plate NUMBER ABC 123', 'ABC123'],
    ['Placa NÚMERO ABC-123', 'ABC123'],
    ['Plaque NUMÉRO AB-123-CD', 'AB123CD'],
    ['Plaque N° AB-123-CD', 'AB123CD'],
  ])('%j names the plate %s alone, as CHECK of the plate reads it', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
    expect(checkQueries(value)[0]).toEqual({ kind: 'plate', value });
  });
});

describe('another linking word in capitals after a plate word', () => {
  it.each([
    ['Plate IS ABC123', ['ISABC123', 'ABC123']],
    ['plate EST 4567', ['EST4567', '4567']],
    ['tag WAS 1234', ['WAS1234', '1234']],
    ['PLATE EST 4567', ['4567', 'EST4567']],
    ['PLATE IS ABC 123', ['ABC123', 'ISABC123']],
  ])('%j names both readings, the likelier first', (text, values) => {
    expect(identifiersIn(text)).toEqual(values.map((value) => ({ kind: 'plate', value })));
  });

  it.each([
    ['his plate is ABC 123', 'ABC123'],
    ['sa plaque est AB-123-CD', 'AB123CD'],
    ['PLAQUE EST AB-123-CD', 'AB123CD'],
  ])('%j: written small, or too long a plate with it, it only links', (text, value) => {
    expect(identifiersIn(text)).toEqual([{ kind: 'plate', value }]);
  });
});
