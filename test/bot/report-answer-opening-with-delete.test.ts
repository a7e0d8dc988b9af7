/**
 * While a question is open, DELETE (BORRAR, SUPPRIMER…) erases her only
 * when sent alone: an answer that opens with the word (a threat quoted in
 * "anything else?") is the answer, as one opening with a stop word is.
 */
import { catalog } from '../../src/bot/catalog';
import { listAreas } from '../../src/store/subscriptions';
import { findMember } from '../../src/store/members';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const t = catalog('en');
const say = (w: BotWorld, from: string, text: string): string => w.sms(from, text).reply ?? '';

describe('an answer that opens with DELETE', () => {
  it('is the answer, as one opening with a stop word is: the member and her draft stay', async () => {
    const w = await world();
    for (const a of ['REPORT', '5', 'last night', '415 Motel 6', 'tall, beard', 'SKIP', 'SKIP']) say(w, REPORTER, a);
    // "Anything else?": she quotes his threat.
    const reply = say(w, REPORTER, 'Delete your ad or I send your pics to your family, he wrote');
    expect(reply).not.toBe(t.deleted('sms'));
    expect(reply).toContain('Your report');
    const member = findMember(w.db, w.vault, sms(REPORTER));
    expect(listAreas(w.db, member?.id as number)).toEqual(['415']);
  });

  it('DELETE alone still erases, as STOP alone still stops', async () => {
    const w = await world();
    say(w, REPORTER, 'REPORT');
    expect(say(w, REPORTER, 'DELETE')).toBe(t.deleted('sms'));
  });
});
