/**
 * A number's record (buddy_numbers) that no longer opens must not hide her
 * links: her STOP still stops them, her DELETE still erases them, and a new
 * invitation rewrites the record with every link, not only its own.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { runDoctor } from '../../src/cli/doctor';
import { linksOfBuddy } from '../../src/store/buddies';
import { buddyStopped } from '../../src/store/buddy-stops';
import type { BotWorld } from '../helpers/bot-world';
import { acceptLine, FRIEND, HER, STRANGER } from './accept-line';

const ANA = '+14155550181';
const t = catalog('en');

/** One byte of her number's sealed record flipped: it no longer opens. */
function damageRecord(w: BotWorld): void {
  const { record_ct: ct } = w.db.sqlite.prepare('SELECT record_ct FROM buddy_numbers').get() as { record_ct: Buffer };
  const bad = Buffer.from(ct);
  bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
  w.db.sqlite.prepare('UPDATE buddy_numbers SET record_ct = ?').run(bad);
}

const statuses = (w: BotWorld) => w.db.sqlite.prepare('SELECT status FROM buddies ORDER BY id').all().map((r) => (r as { status: string }).status);

describe("a buddy number's record that no longer opens", () => {
  it('still lets her STOP stop her links and her DELETE erase them', async () => {
    const w = await acceptLine([STRANGER, FRIEND]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect(w.sms(HER, 'ACCEPT').reply).toBe(t.buddyAccepted());
    damageRecord(w);
    w.sms(HER, 'STOP');
    expect(statuses(w)).toEqual(['stopped']);
    expect(w.queued({ channel: 'sms', address: FRIEND, phone: FRIEND }).map((m) => m.text)).toContain(t.buddyStoppedMember('0173'));
    w.sms(HER, 'DELETE');
    expect(statuses(w)).toEqual([]);
    expect(buddyStopped(w.db, w.vault, HER, 'sms')).toBe(false);
  });

  it('is rewritten with every link at the next invitation, not only the new one', async () => {
    const w = await acceptLine([STRANGER, FRIEND, ANA]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect(w.sms(HER, 'ACCEPT').reply).toBe(t.buddyAccepted());
    damageRecord(w);
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    w.sms(ANA, `BUDDY ${HER} Ana`);
    expect(linksOfBuddy(w.db, w.vault, HER).map((b) => b.name)).toEqual(['Rose', 'Mike', 'Ana']);
    // Her STOP reaches Rose's member, whose link was made before the damage (the invitations wait on).
    w.sms(HER, 'STOP');
    expect(statuses(w)).toEqual(['stopped', 'invited', 'invited']);
    expect(w.queued({ channel: 'sms', address: FRIEND, phone: FRIEND }).map((m) => m.text)).toContain(t.buddyStoppedMember('0173'));
  });
});

describe('doctor, on a line with a damaged buddy number record', () => {
  it('warns of it', async () => {
    const w = await acceptLine([FRIEND]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    const key = { DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: Buffer.from(new Uint8Array(32).fill(5)).toString('base64') };
    expect((await runDoctor(key)).find((c) => c.name === 'buddies')).toBeUndefined();
    damageRecord(w);
    expect((await runDoctor(key)).find((c) => c.name === 'buddies')).toEqual({
      name: 'buddies',
      ok: true,
      warn: true,
      detail: "1 buddy number record does not open (damaged): the server finds her links without it and writes it again at her number's next change; rotate-key refuses until then",
    });
  });
});
