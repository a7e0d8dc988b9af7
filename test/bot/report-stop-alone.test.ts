/**
 * While a question is open, a bare "No más", "Basta", "STOP STOP" or "Stop
 * all" asks to stop in so many words (README: STOP "or plainly ... 'no
 * más'"): she is unsubscribed, not her words kept as the answer.
 */
import { catalog } from '../../src/bot/catalog';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const areasOf = (w: BotWorld) => listAreas(w.db, findMember(w.db, w.vault, sms(REPORTER))?.id as number);

describe('a plain request to stop, alone, while a guided report question is open', () => {
  it.each([['No más'], ['no mas!'], ['Basta'], ['BASTA!!']])('%j is STOP (Spanish)', async (text) => {
    const w = await world();
    for (const a of ['REPORTAR', '1']) say(w, REPORTER, a);
    const reply = say(w, REPORTER, text);
    expect(reply).toBe(catalog('es').stopped());
    expect(areasOf(w)).toEqual([]);
  });

  it.each([['STOP STOP'], ['Stop all'], ['stop everything']])('%j is STOP (English)', async (text) => {
    const w = await world();
    for (const a of ['REPORT', '1']) say(w, REPORTER, a);
    say(w, REPORTER, text);
    expect(areasOf(w)).toEqual([]);
  });
});
