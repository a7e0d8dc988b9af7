/**
 * While a question is open, "STOP STOP", "Stop all" or "no más mensajes"
 * asks to stop in so many words: she is unsubscribed, not her words kept as
 * the answer. A bare "No más" or "Basta" is the answer to "¿Algo más para
 * las moderadoras?" (nothing more): it stops her only outside a question.
 */
import { catalog } from '../../src/bot/catalog';
import { findMember } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const areasOf = (w: BotWorld) => listAreas(w.db, findMember(w.db, w.vault, sms(REPORTER))?.id as number);

describe('a plain request to stop, alone, while a guided report question is open', () => {
  it.each([['no más mensajes'], ['No mas alertas']])('%j is STOP (Spanish)', async (text) => {
    const w = await world();
    for (const a of ['REPORTAR', '1']) say(w, REPORTER, a);
    const reply = say(w, REPORTER, text);
    expect(reply).toBe(catalog('es').stopped('sms'));
    expect(areasOf(w)).toEqual([]);
  });

  it.each([['No más'], ['no mas!'], ['Basta']])('%j alone answers "¿Algo más para las moderadoras?" (nothing more): no STOP', async (text) => {
    const w = await world();
    for (const a of ['REPORTAR', '1', 'anoche', '415 Motel 6', 'SALTAR', 'SALTAR', 'SALTAR']) say(w, REPORTER, a);
    say(w, REPORTER, text);
    expect(areasOf(w)).toEqual(['415']);
  });

  it.each([['STOP STOP'], ['Stop all'], ['stop everything']])('%j is STOP (English)', async (text) => {
    const w = await world();
    for (const a of ['REPORT', '1']) say(w, REPORTER, a);
    say(w, REPORTER, text);
    expect(areasOf(w)).toEqual([]);
  });
});
