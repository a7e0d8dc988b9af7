/**
 * The guided report's "What happened?" answered from a CJK or Arabic keyboard: fullwidth digits ("１ ３"),
 * mathematical bold ("𝟏 𝟑"), circled ("①③"), Arabic-Indic or Devanagari digits, a fullwidth or ideographic comma
 * ("1，3", "1、3") between them. Each was answered "Please reply with numbers from the list", again and again.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, REPORTER, reportWorld as world } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const t = catalog('en');

/** What the moderators are shown of a guided report whose "What happened?" is answered `what`, the rest skipped. */
async function shownAfter(what: string): Promise<{ reply: string; shown: string }> {
  const w = await world();
  say(w, REPORTER, 'REPORT');
  const reply = say(w, REPORTER, what);
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, 'DONE'))?.[1] ?? '';
  return { reply, shown: say(w, MOD, `SHOW ${ref}`).split(ref).join('#REF') };
}

describe('"What happened?" answered from another keyboard', () => {
  it.each([['１ ３'], ['𝟏 𝟑'], ['①③'], ['١ ٣'], ['१ ३'], ['1，3'], ['1、3'], ['١، ٣']])('%j picks 1 and 3, as "1 3" does', async (what) => {
    const typed = await shownAfter('1 3');
    const other = await shownAfter(what);
    expect(other.reply).toBe(typed.reply);
    expect(other.reply).not.toBe(t.reportAskAgain());
    expect(other.shown).toBe(typed.shown);
  });
});
