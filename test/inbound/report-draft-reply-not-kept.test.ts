/**
 * A guided report thrown away (DROP, CANCEL) is answered "report dropped,
 * nothing kept". Over SMS the inbound log keeps each reply for a retried
 * webhook (about 20 hours): a reply to the draft (its read-back quotes every
 * answer) is not kept there, as SHOW's is not. The message's id still is:
 * a replayed answer acts on nothing.
 */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';

/** Every reply the inbound log still holds, opened with the key. */
function loggedReplies(w: BotWorld): string[] {
  const rows = w.db.sqlite.prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages WHERE reply_ct IS NOT NULL').all() as Array<{
    provider_bidx: Buffer;
    reply_ct: Buffer;
    key_version: number;
  }>;
  return rows.map((r) => w.vault.open(r.reply_ct, { table: 'inbound_messages', column: 'reply', row: r.provider_bidx.toString('hex') }, r.key_version));
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
