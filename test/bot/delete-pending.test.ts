/**
 * DELETE and the messages still waiting in the outbox for the sender with
 * no member row to go through: a reply to a stranger over Signal (its
 * sealed address and its text, which may carry a report's reference), or an
 * invitation to someone asked to be a buddy. Driven through the bot over a
 * real SQLite file and real crypto, replies leaving through the outbox with
 * no dispatcher running (a channel outage): what is checked is what the
 * outbox holds, opened with the key.
 */
import { catalog } from '../../src/bot/catalog';
import type { Sender } from '../../src/phone/identity';
import { openBody, openRowAddress } from '../../src/store/outbox';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const ROSA = '+14155550101';
const BUDDY = '+14155550177';
const UUID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const t = catalog('en');

/** Every queued message addressed directly (no member row), opened: to whom, and what. */
function direct(w: BotWorld): Array<{ to: string; text: string }> {
  const rows = w.db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE address_ct IS NOT NULL ORDER BY id').all() as Array<{
    id: number;
    address_ct: Buffer;
    body_ct: Buffer;
    key_version: number;
  }>;
  return rows.map((r) => ({ to: openRowAddress(w.vault, r), text: openBody(w.vault, r) }));
}

let n = 0;
function viaOutbox(w: BotWorld, sender: Sender, text: string): void {
  w.bot.handle({ sender, text, providerId: `pending-test-${++n}` }, 'outbox');
}

describe('DELETE and replies still waiting to be sent', () => {
  it('erases a Signal stranger’s waiting replies (the report reference with them); only the confirmation is queued', async () => {
    const w = await botWorld();
    const stranger: Sender = { channel: 'signal', address: UUID };
    viaOutbox(w, stranger, 'REPORT 415 grey van, took the phone');
    const waiting = direct(w);
    expect(waiting).toEqual([{ to: UUID, text: expect.stringMatching(/#[A-Z0-9]{4,6}/) }]);

    viaOutbox(w, stranger, 'DELETE');

    expect(direct(w)).toEqual([{ to: UUID, text: t.deleted('signal') }]);
  });

  it('erases an invitation still waiting to go to a buddy who sends DELETE: it is not sent after they asked to be forgotten', async () => {
    const w = await botWorld();
    expect(w.sms(ROSA, 'BUDDY 415-555-0177 Rosalind').reply).toContain('0177');
    expect(direct(w)).toEqual([{ to: BUDDY, text: expect.stringContaining('Rosalind') }]);

    expect(w.sms(BUDDY, 'DELETE').reply).toBe(t.deleted('sms'));

    expect(direct(w)).toEqual([]);
  });

  it('leaves what waits for anyone else', async () => {
    const w = await botWorld();
    expect(w.sms(ROSA, 'BUDDY 415-555-0177 Rosalind').reply).toContain('0177');
    viaOutbox(w, { channel: 'signal', address: UUID }, 'HELP');

    expect(w.sms('+14155550102', 'DELETE').reply).toBe(t.deleted('sms'));

    expect(direct(w).map((m) => m.to)).toEqual([BUDDY, UUID]);
  });
});
