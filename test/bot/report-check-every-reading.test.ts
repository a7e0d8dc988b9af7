/**
 * A CHECK of a sentence looked up only the first reading of the identifier
 * in it: CHECK "plate IS ABC123" looked up ISABC123 alone, so a report of
 * ABC123 read as clean. Every reading of what CHECK is asked is looked up,
 * an alert matching several counted once.
 */
import { catalog } from '../../src/bot/catalog';
import { checkQueries } from '../../src/alerts/identifiers';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const refIn = (text: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] ?? 'none';
function approved(w: BotWorld, text: string): void {
  const ref = refIn(w.sms(REPORTER, `REPORT 415 ${text}`).reply);
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
}

describe('CHECK of a sentence', () => {
  it.each([
    ['plate IS ABC123', ['ISABC123', 'ABC123']],
    ['PLATE IS ABC 123', ['ABC123', 'ISABC123']],
    ['plate XY 12 at 10pm', ['XY12AT', 'XY12']],
  ])('%j looks up every reading of its plate', (text, values) => {
    expect(checkQueries(text)).toEqual(values.map((value) => ({ kind: 'plate', value })));
  });

  it('looks up the readings of its first identifier only, not the next one', () => {
    expect(checkQueries('he texted from 415 555 0123, plate ABC123')).toEqual([{ kind: 'phone', value: '+14155550123' }]);
  });

  it('"plate IS ABC123" finds a report of ABC123', async () => {
    const w = await world();
    approved(w, 'grey van, plate ABC-123, choked me');
    expect(w.sms(MEMBER, 'CHECK plate IS ABC123').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(w.sms(MEMBER, 'CHECK plate IS ABC124').reply).toBe(t.checkNone());
  });

  it('counts once a report that names two of its readings', async () => {
    const w = await world();
    approved(w, 'grey van, Plate IS ABC123, choked me');
    expect(w.sms(MEMBER, 'CHECK plate IS ABC123').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
