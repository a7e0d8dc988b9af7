/**
 * The server's own start mends buddy links and declines kept before
 * migration 0063 (store/buddy-numbers-mend.ts): a line upgraded in place
 * still finds a buddy's invitations and links by her number once it starts.
 */
import { catalog } from '../../src/bot/catalog';
import { Db, databaseFile } from '../../src/store/db';
import { cryptoReady, Vault } from '../../src/store/vault';
import { startHarness, TEST_MASTER_KEY, tempDir } from '../helpers/harness';

const FRIEND = '+14155550172';
const STRANGER = '+14155550171';
const HER = '+14155550173';
const t = catalog('en');

/** The line's buddy rows as the code before 0063 kept them (an index of the number alone), and 0063 undone. */
function asBefore0063(dataDir: string): void {
  const db = new Db(databaseFile(dataDir));
  const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
  try {
    for (const [table, purpose] of [
      ['buddies', 'buddy'],
      ['buddy_declines', 'declined'],
    ] as const) {
      const rows = db.sqlite.prepare(`SELECT id, address_ct, key_version FROM ${table}`).all() as Array<{ id: number; address_ct: Buffer; key_version: number }>;
      for (const r of rows) {
        const phone = vault.open(r.address_ct, { table, column: 'address', row: r.id }, r.key_version);
        db.sqlite.prepare(`UPDATE ${table} SET buddy_bidx = ? WHERE id = ?`).run(vault.index(purpose, phone), r.id);
      }
    }
    db.sqlite.exec('DROP TABLE buddy_numbers; DROP TABLE buddy_numbers_mend; DELETE FROM schema_migrations WHERE version = 63');
  } finally {
    db.close();
  }
}

describe('a line upgraded past migration 0063, started', () => {
  beforeAll(cryptoReady);

  it("finds her invitation and her link by her number: her ACCEPT and her STOP act on them", async () => {
    const dataDir = tempDir();
    const before = await startHarness({ dataDir });
    for (const m of [FRIEND, STRANGER]) await before.sms(m, 'JOIN');
    await before.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect((await before.sms(HER, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await before.sms(STRANGER, `BUDDY ${HER} Mike`);
    await before.close();
    asBefore0063(dataDir);

    const h = await startHarness({ dataDir });
    try {
      expect((await h.sms(HER, 'ACCEPT')).message).toBe(t.buddyAccepted());
      const statuses = () => h.server.db.sqlite.prepare('SELECT status FROM buddies ORDER BY id').all().map((r) => (r as { status: string }).status);
      expect(statuses()).toEqual(['accepted', 'accepted']);
      await h.sms(HER, 'STOP');
      expect(statuses()).toEqual(['stopped', 'stopped']);
    } finally {
      await h.close();
    }
  });
});
