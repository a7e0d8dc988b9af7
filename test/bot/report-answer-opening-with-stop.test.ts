/**
 * While a question is open, a short message that merely opens with STOP (or
 * Spanish "no más", "basta") is the answer: "Stop n Go on Westheimer" for
 * where, "No más llegué y me pegó" (as soon as I arrived he hit me) for what
 * else happened. Taken as STOP, it unsubscribed her and threw her draft away.
 */
import { catalog } from '../../src/bot/catalog';
import { findConversation } from '../../src/store/conversations';
import { findMember, memberIndex } from '../../src/store/members';
import { listAreas } from '../../src/store/subscriptions';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const draft = (w: BotWorld) => findConversation(w.db, w.vault, memberIndex(w.vault, sms(REPORTER)), w.clock.now);
const areasOf = (w: BotWorld) => listAreas(w.db, findMember(w.db, w.vault, sms(REPORTER))?.id as number);

describe('an answer that opens with STOP (or "no más") but asks nothing', () => {
  it.each([
    ['Stop n Go gas station on Westheimer', 'where', 'person'],
    ['Stop & Shop parking lot, Route 9', 'where', 'person'],
    ['stop sign at 5th and Main', 'where', 'person'],
  ])('%j answers "%s" (English)', async (answer, step, next) => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night']) say(w, REPORTER, a);
    expect(draft(w)?.question).toBe(step);
    const reply = say(w, REPORTER, answer);
    expect(reply).toBe(catalog('en').reportAsk(next as 'person'));
    expect(draft(w)?.question).toBe(next);
    expect(areasOf(w)).toEqual(['415']);
  });

  it('"No más llegué y me pegó" answers "anything else?" (Spanish)', async () => {
    const w = await world();
    for (const a of ['REPORTAR', '1', 'anoche', '415 Motel 6', 'alto, barba', 'SALTAR', 'SALTAR']) say(w, REPORTER, a);
    expect(draft(w)?.question).toBe('other');
    const reply = say(w, REPORTER, 'No más llegué y me pegó');
    expect(reply).not.toBe(catalog('es').stopped('sms'));
    expect(draft(w)?.question).toBe('review');
    expect(areasOf(w)).toEqual(['415']);
  });
});
