/**
 * A guided report half-way through at the upgrade to d13533d (its draft kept
 * under her member index itself, as the version before kept it): her next
 * answer got "didn't understand", and the draft was lost to her. It goes on
 * as if no upgrade had come between.
 */
import { conversationKey } from '../../src/store/conversations';
import { memberIndex } from '../../src/store/members';
import type { BotWorld } from '../helpers/bot-world';
import { REPORTER, reportWorld as world, sms } from '../helpers/report-world';

const say = (w: BotWorld, text: string) => w.sms(REPORTER, text).reply ?? '';

/** Her draft moved back to where the version before d13533d kept it: under her member index, sealed for that row. */
function asBeforeTheUpgrade(w: BotWorld): void {
  const member = memberIndex(w.vault, sms(REPORTER));
  const now = conversationKey(w.vault, member);
  const row = w.db.sqlite.prepare('SELECT state_ct, key_version FROM conversations WHERE sender_bidx = ?').get(now) as { state_ct: Buffer; key_version: number };
  const state = w.vault.open(row.state_ct, { table: 'conversations', column: 'state', row: now.toString('hex') }, row.key_version);
  const sealed = w.vault.seal(state, { table: 'conversations', column: 'state', row: member.toString('hex') });
  w.db.sqlite.prepare('UPDATE conversations SET sender_bidx = ?, state_ct = ? WHERE sender_bidx = ?').run(member, sealed, now);
}

it('a guided report begun before the upgrade takes her next answer as it would have before', async () => {
  const plain = await world();
  say(plain, 'REPORT');
  const expected = say(plain, '1');
  const upgraded = await world();
  say(upgraded, 'REPORT');
  asBeforeTheUpgrade(upgraded);
  expect(say(upgraded, '1')).toBe(expected);
  expect(say(upgraded, 'last night')).toBe(say(plain, 'last night'));
});
