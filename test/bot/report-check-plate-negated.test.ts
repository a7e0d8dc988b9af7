/**
 * A report that says which plate the car did NOT have ("placa no es ABC123")
 * put that plate in the alert's screening: CHECK ABC123 then told a member an
 * unrelated car was in an alert.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate a report says the car did not have', () => {
  it('finds nothing once the report is approved', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 me robó, carro gris, la placa no es ABC123 como dijo'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK ABC123')).toBe(t.checkNone());
  });
});

describe('CHECK of a plate after a negation about something else', () => {
  it('finds "the plate is not local CA 7ABC123" once approved', async () => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'REPORT 415 choked me, the plate is not local CA 7ABC123'))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, 'CHECK 7ABC123')).toMatch(/^Heads Up: that plate is in 1 alert/);
  });
});
