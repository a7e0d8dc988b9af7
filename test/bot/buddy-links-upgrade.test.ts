/**
 * A line upgraded to migration 0063 keeps its buddies: links and declines
 * written before it (under an index of the number alone) are indexed by
 * their member and listed in their number's row as the server starts
 * (store/buddy-numbers-mend.ts), so a buddy who ACCEPTed before the upgrade
 * is still found by her number, and a DECLINE still holds. doctor says the
 * mend waits until the start has made it, before 0063 is applied too.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { runDoctor } from '../../src/cli/doctor';
import { mendBuddiesAtStart } from '../../src/store/buddy-numbers-mend';
import { migrate } from '../../src/store/migrate';
import type { BotWorld } from '../helpers/bot-world';
import { equalValues } from '../helpers/seized-file';
import { acceptLine, FRIEND, HER, STRANGER } from './accept-line';

const ANA = '+14155550181';
const OTHER = '+14155550174';
const t = catalog('en');

/** The line's buddy rows rewritten as the code before 0063 kept them, and 0063 undone. */
function asBefore0063(w: BotWorld): void {
  const { sqlite } = w.db;
  for (const [table, purpose] of [
    ['buddies', 'buddy'],
    ['buddy_declines', 'declined'],
  ] as const) {
    const rows = sqlite.prepare(`SELECT id, address_ct, key_version FROM ${table}`).all() as Array<{ id: number; address_ct: Buffer; key_version: number }>;
    for (const r of rows) {
      const phone = w.vault.open(r.address_ct, { table, column: 'address', row: r.id }, r.key_version);
      sqlite.prepare(`UPDATE ${table} SET buddy_bidx = ? WHERE id = ?`).run(w.vault.index(purpose, phone), r.id);
    }
  }
  sqlite.exec('DROP TABLE buddy_numbers; DROP TABLE buddy_numbers_mend; DELETE FROM schema_migrations WHERE version = 63');
}

async function migrationsCheck(w: BotWorld): Promise<string | undefined> {
  const checks = await runDoctor({ DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: Buffer.from(new Uint8Array(32).fill(5)).toString('base64') });
  return checks.find((c) => c.name === 'migrations')?.detail;
}

describe('buddies kept before migration 0063', () => {
  it('are found by the number after the start mends them: her ACCEPT, her STOP, a DECLINE', async () => {
    const w = await acceptLine([STRANGER, FRIEND, ANA]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect(w.sms(HER, 'ACCEPT').reply).toBe(t.buddyAccepted());
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    w.sms(ANA, `BUDDY ${OTHER} Ana`);
    w.sms(OTHER, 'DECLINE');
    asBefore0063(w);
    // Before: a seizer sees that two members asked one number (each index equals itself, and the other's).
    expect(equalValues(w.db.sqlite, ['buddies'], ['buddies']).filter((e) => e === 'buddies.buddy_bidx = buddies.buddy_bidx').length).toBeGreaterThan(2);

    const latest = (w.db.sqlite.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
    // Before the first start, 0063 not yet applied: doctor says the mend waits too.
    expect(await migrationsCheck(w)).toBe(`schema ${latest}; the server applies 1 newer migration at start, and indexes 3 buddy links and declines kept before 0063 by member`);
    expect(migrate(w.db)).toEqual(['0063_buddy_numbers.sql']);
    expect(await migrationsCheck(w)).toBe(`schema ${latest}; the server indexes 3 buddy links and declines kept before 0063 by member at start`);
    expect(mendBuddiesAtStart(w.db, w.vault)).toBe(3);
    expect(mendBuddiesAtStart(w.db, w.vault)).toBe(0);
    expect(await migrationsCheck(w)).toBe(`schema ${latest}, up to date`);
    // After: each equals itself only.
    expect(equalValues(w.db.sqlite, ['buddies'], ['buddies']).filter((e) => e === 'buddies.buddy_bidx = buddies.buddy_bidx')).toHaveLength(2);

    // Mike's invitation still waits for her, Rose's link stands.
    expect(w.sms(HER, 'ACCEPT').reply).toBe(t.buddyAccepted());
    expect(w.queued({ channel: 'sms', address: STRANGER, phone: STRANGER }).map((m) => m.text)).toContain(t.buddyAcceptedMember('0173'));
    w.sms(HER, 'STOP');
    for (const member of [FRIEND, STRANGER]) expect(w.queued({ channel: 'sms', address: member, phone: member }).map((m) => m.text)).toContain(t.buddyStoppedMember('0173'));
    // Her decline still keeps Ana from asking again.
    expect(w.sms(ANA, `BUDDY ${OTHER} Ana`).reply).toBe(t.buddyDeclinedBefore('0174', 30));
  });
});
