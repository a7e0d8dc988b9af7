/**
 * "la placa es los 12 34 y el carro es gris": a plate whose group is a small
 * word of the sentence ("los") was read up to the next one, LOS1234Y, so
 * once approved CHECK LOS-12-34 told a member nothing was known of that car.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

describe('CHECK of a plate with a small word of the sentence for a group', () => {
  it.each([
    ['REPORT 415 me golpeó, la placa es los 12 34 y el carro es gris', 'LOS-12-34'],
    ['REPORT 415 me pegou, placa 12 as 34 e o carro preto', '12-AS-34'],
  ])('finds the approved %j by CHECK %s', async (report, query) => {
    const w = await world();
    const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
    expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
    expect(say(w, MEMBER, `CHECK ${query}`)).toMatch(/^Heads Up: that plate is in 1 alert/);
    expect(say(w, MEMBER, 'CHECK LOS-12-35')).toBe(t.checkNone());
  });
});
