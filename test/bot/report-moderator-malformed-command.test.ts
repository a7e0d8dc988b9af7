/**
 * A moderator in the middle of their own guided report can still moderate
 * (issue 11): APPROVE ref, SHOW ref, PENDING are commands, not answers; so is
 * one that does not parse (APPROVE with no reference, a reference mistyped).
 * It was taken for the answer: the moderator was not told the command lacked
 * its reference, and the draft carried "APPROVE" as when it happened.
 */
import { catalog } from '../../src/bot/catalog';
import { findConversation } from '../../src/store/conversations';
import { memberIndex } from '../../src/store/members';
import type { BotWorld } from '../helpers/bot-world';
import { MOD, reportWorld as world, sms } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';
const draftOfMod = (w: BotWorld) => findConversation(w.db, w.vault, memberIndex(w.vault, sms(MOD)), w.clock.now);

describe('a moderator in the middle of a guided report', () => {
  it.each([
    ['APPROVE', t.modNeedsRef('APPROVE')],
    ['SHOW #K7', t.modNeedsRef('SHOW')],
    ['REJECT', t.modNeedsRef('REJECT')],
    ['EDIT K7Q2', t.modEditNeedsText()],
  ])('is told %j needs a reference (or text), as outside a report; the question stays where it was', async (cmd, usage) => {
    const w = await world();
    say(w, MOD, 'REPORT');
    say(w, MOD, '1');
    expect(draftOfMod(w)?.question).toBe('when');
    const reply = say(w, MOD, cmd);
    expect(reply).toBe(usage);
    expect(draftOfMod(w)?.question).toBe('when');
  });
});
