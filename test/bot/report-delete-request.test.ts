/**
 * While a question is open, DELETE with a few words that say what ("DELETE my
 * number", "Delete me", "borrar mis datos") is a request to erase her, as
 * outside a conversation: it erases her, not kept as the answer. "BORRAR
 * todo" at the read-back may mean the draft: it is an answer there.
 */
import { catalog } from '../../src/bot/catalog';
import { findMember } from '../../src/store/members';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';

describe('DELETE with words while a guided report question is open', () => {
  it.each([
    ['DELETE my number', 'REPORT', 'en'],
    ['Delete me', 'REPORT', 'en'],
    ['borrar mis datos', 'REPORTAR', 'es'],
  ] as const)('%j erases her, as it does outside the report', async (text, start, lang) => {
    const w = await world();
    for (const a of [start, '1']) say(w, REPORTER, a);
    expect(say(w, REPORTER, text)).toBe(catalog(lang).deleted('sms'));
    expect(findMember(w.db, w.vault, sms(REPORTER))).toBeUndefined();
  });
});

describe('DELETE with "everything" while a guided report question is open', () => {
  it('"BORRAR todo" erases nothing: she may mean the draft', async () => {
    const w = await world();
    for (const a of ['REPORTAR', '1']) say(w, REPORTER, a);
    expect(say(w, REPORTER, 'BORRAR todo')).not.toBe(catalog('es').deleted('sms'));
    expect(findMember(w.db, w.vault, sms(REPORTER))?.status).toBe('active');
  });
});
