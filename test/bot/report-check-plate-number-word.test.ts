/**
 * A report naming "Plate NO. ABC-123" is found by CHECK ABC-123 once
 * approved: read as NOABC123 it was not, and a member screening that client
 * was told nothing was known. A capital linking word ("Plate IS ABC123") is
 * found whichever way it is read.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const refIn = (text: string | null | undefined) => /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1] ?? 'none';
function approved(w: BotWorld, text: string): void {
  const ref = refIn(w.sms(REPORTER, `REPORT 415 ${text}`).reply);
  expect(w.sms(MOD, `APPROVE ${ref}`).reply).toBe(`#${ref} approved: alert going to 415.`);
}

describe('CHECK of a plate reported after "plate NO."', () => {
  it('finds "Plate NO. ABC-123" by CHECK ABC-123', async () => {
    const w = await world();
    approved(w, 'grey van, Plate NO. ABC-123, choked me');
    expect(w.sms(MEMBER, 'CHECK ABC-123').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(w.sms(MEMBER, 'CHECK ABC-124').reply).toBe(t.checkNone());
  });

  it.each([['NO. ABC-123'], ['No: ABC 123'], ['N° ABC 123'], ['NUMBER ABC123'], ['no abc 123']])(
    'finds "Plate NO. ABC-123" by CHECK %s: the number word is not the plate\'s there either',
    async (query) => {
      const w = await world();
      approved(w, 'grey van, Plate NO. ABC-123, choked me');
      expect(w.sms(MEMBER, `CHECK ${query}`).reply).toMatch(/^Heads Up: that plate is in 1 alert/);
    },
  );

  it('finds "plate NO 123 AB" by CHECK NO 123 AB: a bare NO may be the plate\'s first group', async () => {
    const w = await world();
    approved(w, 'grey van, plate NO 123 AB');
    expect(w.sms(MEMBER, 'CHECK NO 123 AB').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
  });

  it('finds "Plate IS ABC123" by CHECK ABC123 and by CHECK ISABC123', async () => {
    const w = await world();
    approved(w, 'grey van, Plate IS ABC123, choked me');
    expect(w.sms(MEMBER, 'CHECK ABC123').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(w.sms(MEMBER, 'CHECK ISABC123').reply).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
