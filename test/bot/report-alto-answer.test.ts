/**
 * Spanish ALTO is STOP, and "alto" is also "tall": answered alone to the
 * question about the man, it is the answer, with one line saying ALTO again
 * stops everything; a second ALTO does. Twilio's own opt-out words do not
 * include ALTO, so no carrier acts on it before us.
 */
import { catalog } from '../../src/bot/catalog';
import { findConversation } from '../../src/store/conversations';
import { findMember, memberIndex } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, text: string): string => w.sms(REPORTER, text).reply ?? '';
const draft = (w: BotWorld) => findConversation(w.db, w.vault, memberIndex(w.vault, sms(REPORTER)), w.clock.now);
const areasOf = (w: BotWorld) => listAreas(w.db, findMember(w.db, w.vault, sms(REPORTER))?.id as number);
const es = catalog('es');

describe('ALTO alone in answer to the question about the person', () => {
  it('is her answer: she keeps her areas and her draft, and is told ALTO again stops all alerts', async () => {
    const w = await world();
    for (const a of ['REPORTAR', '1', 'anoche', '415 Motel 6']) say(w, a);
    expect(draft(w)?.question).toBe('person');
    const reply = say(w, 'Alto');
    expect(areasOf(w)).toEqual(['415']);
    expect(draft(w)?.question).toBe('vehicle');
    expect(reply).toBe(`${es.reportAsk('vehicle')} ${es.stopAgain('ALTO')}`);
  });

  it('then a second ALTO stops everything', async () => {
    const w = await world();
    for (const a of ['REPORTAR', '1', 'anoche', '415 Motel 6', 'Alto']) say(w, a);
    expect(say(w, 'ALTO')).toBe(es.stopped());
    expect(areasOf(w)).toEqual([]);
    expect(draft(w)).toBeUndefined();
  });

  it('BACK to the person question then ALTO stops: she has been told once', async () => {
    const w = await world();
    for (const a of ['REPORTAR', '1', 'anoche', '415 Motel 6', 'Alto', 'ATRAS']) say(w, a);
    expect(draft(w)?.question).toBe('person');
    expect(say(w, 'alto!')).toBe(es.stopped());
    expect(areasOf(w)).toEqual([]);
  });

  it.each([['when', ['REPORTAR', '1']], ['vehicle', ['REPORTAR', '1', 'anoche', '415 Motel 6', 'SALTAR']]])('is STOP at the %s question', async (_step, before) => {
    const w = await world();
    for (const a of before) say(w, a);
    expect(say(w, 'ALTO')).toBe(es.stopped());
    expect(areasOf(w)).toEqual([]);
  });

  it('is STOP out of any conversation', async () => {
    const w = await world();
    expect(say(w, 'Alto')).toBe(es.stopped());
    expect(areasOf(w)).toEqual([]);
  });
});
