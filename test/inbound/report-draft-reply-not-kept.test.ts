/**
 * A guided report thrown away (DROP, CANCEL) is answered "report dropped,
 * nothing kept". Over SMS the inbound log keeps each reply for a retried
 * webhook (about 20 hours): the draft's read-back (it quotes every answer) is
 * not kept there, as SHOW's is not; the message's id still is, so a replayed
 * answer acts on nothing. Every other reply in a draft (the next question,
 * DONE's reference) quotes nothing and is given again to a retry.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world } from '../helpers/report-world';
import { openReply } from '../../src/store/inbound-log';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';

/** Every reply the inbound log still holds, opened with the key. */
function loggedReplies(w: BotWorld): string[] {
  const rows = w.db.sqlite.prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages WHERE reply_ct IS NOT NULL').all() as Array<{
    provider_bidx: Buffer;
    reply_ct: Buffer;
    key_version: number;
  }>;
  return rows.map((r) => (openReply(w.vault, r) ?? ''));
}

describe('a dropped guided report', () => {
  it('leaves nothing of its answers in the inbound log', async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'Fri 11pm', '415 Motel 6 on Lombard', 'tall, beard, calls himself Rick', 'grey van 7ABC123', 'SKIP']) say(w, REPORTER, a);
    const review = say(w, REPORTER, 'he knows where I live');
    expect(review).toContain('calls himself Rick');
    expect(say(w, REPORTER, 'DROP')).toBe(t.reportCancelled());
    const kept = loggedReplies(w).filter((r) => /calls himself Rick|grey van|Motel 6 on Lombard/.test(r));
    expect(kept).toEqual([]);
    // Replies that quote nothing are kept as ever: the first question, the DROP's answer.
    expect(loggedReplies(w)).toEqual(expect.arrayContaining([t.reportAsk('what'), t.reportCancelled()]));
  });
});

const answer = (w: BotWorld, text: string, sid?: string): string | null => w.sms(REPORTER, text, sid).reply;

describe('a retried webhook in a guided report', () => {
  it('gets the next question again: it quotes nothing of the draft', async () => {
    const w = await world();
    answer(w, 'REPORT');
    expect(answer(w, '1', 'SMretry-answer')).toBe(t.reportAsk('when'));
    w.clock.now += 30_000;
    expect(answer(w, '1', 'SMretry-answer')).toBe(t.reportAsk('when'));
  });

  it("gets DONE's reply, with the report's reference, again", async () => {
    const w = await world();
    for (const a of ['REPORT', '1', 'last night', '415 Motel 6']) answer(w, a);
    const filed = answer(w, 'DONE', 'SMretry-done');
    expect(filed).toMatch(/#[A-Z0-9]{4,6}/);
    w.clock.now += 30_000;
    expect(answer(w, 'DONE', 'SMretry-done')).toBe(filed);
  });
});
