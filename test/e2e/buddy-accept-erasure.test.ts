/**
 * The reply to a buddy's ACCEPT ("You're now the safety buddy of
 * Rose") carries the name the member gave, like the invitation, a removal or
 * a late OK, which README says "go with the member's DELETE". It is not
 * linked to her, so it stays after her DELETE: over Signal as a sent outbox
 * row for RETENTION_DAYS, over SMS as the stored reply of the buddy's webhook.
 */
import { catalog } from '../../src/bot/catalog';
import { SEALED_COLUMNS } from '../../src/store/key-rotation-columns';
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';
import type { Db } from '../../src/store/db';
import type { Vault } from '../../src/store/vault';
import { openReply } from '../../src/store/inbound-log';

const t = catalog('en');
const NAME = 'Zorbanella';

/** Every sealed value of the tables keyed by row id, opened with the line's key. */
function openedValues(db: Db, vault: Vault): string[] {
  const out: string[] = [];
  for (const { table, column } of SEALED_COLUMNS) {
    // Tables not keyed by row id (test/helpers/opened-with-key.ts); none of them holds a buddy's name.
    if (['screening', 'report_identifiers', 'inbound_messages', 'conversations', 'blocked_senders', 'checkin_refs'].includes(table)) continue;
    for (const r of db.sqlite.prepare(`SELECT id, ${column}_ct AS ct, key_version FROM ${table} WHERE ${column}_ct IS NOT NULL`).all() as Array<{ id: number; ct: Buffer; key_version: number }>) {
      try {
        out.push(`${table}.${column}: ${vault.open(r.ct, { table, column, row: r.id }, r.key_version)}`);
      } catch {
        // not this slot
      }
    }
  }
  for (const r of db.sqlite.prepare('SELECT provider_bidx, reply_ct, key_version FROM inbound_messages WHERE reply_ct IS NOT NULL').all() as Array<{ provider_bidx: Buffer; reply_ct: Buffer; key_version: number }>) {
    out.push(`inbound_messages.reply: ${(openReply(vault, r) ?? '')}`);
  }
  return out;
}

describe("the name a member gave her buddy, after her DELETE", () => {
  let world: SignalWorld;
  beforeAll(async () => {
    world = await startSignalWorld({ sms: true, env: { SEND_RATE: '50' } });
  });
  afterAll(() => world.close());

  it('is erased from the reply to a Signal buddy\'s ACCEPT', async () => {
    const { h, signal } = world;
    const member = '+14155550131';
    const buddy = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-0000000000c1', number: '+14155550181' };
    await h.sms(member, 'JOIN 415');
    await h.sms(member, `BUDDY SIGNAL ${buddy.number} ${NAME}`);
    await waitFor(() => signal.to(buddy.number).some((m) => m.message.includes('safety buddy')), 10_000, 'the Signal invitation');
    signal.push(textEnvelope(SIGNAL_NUMBER, buddy, 'ACCEPT'));
    await waitFor(() => signal.to(buddy.uuid).some((m) => m.message === t.buddyAccepted()), 10_000, 'the acceptance');
    expect((await h.sms(member, 'DELETE')).message).toBe(t.deleted('sms'));
    const left = openedValues(h.server.db, h.server.vault).filter((s) => s.includes(NAME));
    expect(left).toEqual([]);
  }, 30_000);

  it("is erased from the stored reply to an SMS buddy's ACCEPT", async () => {
    const { h, twilio } = world;
    const member = '+14155550132';
    const buddy = '+14155550182';
    await h.sms(member, 'JOIN 415');
    await h.sms(member, `BUDDY ${buddy} ${NAME}2`);
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('safety buddy')), 10_000, 'the SMS invitation');
    expect((await h.sms(buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
    expect((await h.sms(member, 'DELETE')).message).toBe(t.deleted('sms'));
    const left = openedValues(h.server.db, h.server.vault).filter((s) => s.includes(`${NAME}2`));
    expect(left).toEqual([]);
  }, 30_000);
});
