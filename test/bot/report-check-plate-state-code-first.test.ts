/**
 * A French plate written in small letters after a plate word ("plate ab 123
 * cd") whose first letters are also a state or province code (AB, ON, QC,
 * NY…) was read as 123CD of the region AB only: CHECK AB-123-CD, as the
 * member reads the plate, then said nothing was known of a reported car.
 * The whole plate is read too, as an ambiguous linking word is.
 */
import { catalog } from '../../src/bot/catalog';
import { identifiersIn } from '../../src/alerts/identifiers';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const refIn = (text: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] ?? 'none';
function approved(w: BotWorld, text: string): void {
  const ref = refIn(w.sms(REPORTER, `REPORT 415 ${text}`).reply);
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
}

describe('a plate in small letters whose first group is a state or province code', () => {
  it.each([
    ['plate ab 123 cd', 'AB123CD', '123CD', 'AB'],
    ['plaque on 456 qc', 'ON456QC', '456QC', 'ON'],
    ['placa ny 12 ab', 'NY12AB', '12AB', 'NY'],
  ])('%j names the whole plate as well as the plate of that region', (text, whole, rest, region) => {
    expect(identifiersIn(text)).toEqual([
      { kind: 'plate', value: rest, region },
      { kind: 'plate', value: whole },
    ]);
  });

  it('in capitals, stays the region alone', () => {
    expect(identifiersIn('plate CA 7ABC123')).toEqual([{ kind: 'plate', value: '7ABC123', region: 'CA' }]);
  });

  it('once approved, is found by CHECK AB-123-CD, and still by CHECK AB 123CD', async () => {
    const w = await world();
    approved(w, 'grey Peugeot, plate ab 123 cd, choked me');
    expect(w.sms(MEMBER, 'CHECK AB-123-CD').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(w.sms(MEMBER, 'CHECK AB 123CD').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(w.sms(MEMBER, 'CHECK AB-123-CE').reply).toBe(t.checkNone());
  });
});
