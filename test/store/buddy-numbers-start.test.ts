/**
 * A buddy number's row (store/buddy-numbers.ts) at the server's start and
 * in the mend of rows kept before migration 0063 (buddy-numbers-mend.ts),
 * beside buddy-numbers.test.ts: a sound row is left as it is; a mended
 * decline is found by her number; a mended row whose number no longer opens
 * keeps nothing of it and does not stop the start; a damaged record is
 * rebuilt even when a link before the ones naming her does not open; and a
 * record of 1,024 bytes or more is padded to the next size, not a length of
 * its own. Real SQLite file, real crypto.
 */
import path from 'node:path';
import { inviteBuddy, linksOfBuddy } from '../../src/store/buddies';
import { declinedBy, forgetDeclinesOf, recordDeclines } from '../../src/store/buddy-declines';
import { declineIdsOf, linkIdsOf } from '../../src/store/buddy-numbers';
import { mendBuddiesAtStart } from '../../src/store/buddy-numbers-mend';
import { Db } from '../../src/store/db';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, SEAL_OVERHEAD, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T = Date.UTC(2026, 11, 1);
const HER = '+14155550177';
const OTHER = '+14155550188';

describe("a buddy number's row as the server starts", () => {
  let vault: Vault;
  let db: Db;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(43));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterEach(() => db.close());

  const member = (n: number) => insertMember(db, vault, { channel: 'sms', address: `+1415555${String(n).padStart(4, '0')}` }, 'en', T, 'active').id;
  const records = () => db.sqlite.prepare('SELECT id, record_ct FROM buddy_numbers ORDER BY id').all() as Array<{ id: number; record_ct: Buffer }>;
  /** One byte of a sealed value flipped: it no longer opens. */
  const damage = (table: string, column: string, where: string) => {
    const { id, v } = db.sqlite.prepare(`SELECT id, ${column} AS v FROM ${table} WHERE ${where}`).get() as { id: number; v: Buffer };
    const bad = Buffer.from(v);
    bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
    db.sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(bad, id);
  };
  /** The rows as before 0063: indexed by the number alone, no number rows, each listed to be mended. */
  const asBefore0063 = (rows: Array<{ table: 'buddies' | 'buddy_declines'; id: number; phone: string }>) => {
    for (const { table, id, phone } of rows) {
      db.sqlite.prepare(`UPDATE ${table} SET buddy_bidx = ? WHERE id = ?`).run(vault.index(table === 'buddies' ? 'buddy' : 'declined', phone), id);
      db.sqlite.prepare('INSERT INTO buddy_numbers_mend (kind, row_id) VALUES (?, ?)').run(table === 'buddies' ? 'link' : 'decline', id);
    }
    db.sqlite.exec('DELETE FROM buddy_numbers');
  };

  it('leaves a sound row as it is: nothing to drop, nothing rewritten', () => {
    inviteBuddy(db, vault, member(1), { channel: 'sms', address: HER }, 'Rose', 'en', T);
    recordDeclines(db, vault, [member(2)], HER, 'sms', T);
    const before = records();
    expect(before).toHaveLength(1);
    mendBuddiesAtStart(db, vault);
    expect(records()).toEqual(before);
  });

  it('mends a decline kept before 0063 so that her number finds it: her DELETE over SMS forgets it', () => {
    const rose = member(1);
    recordDeclines(db, vault, [rose], HER, 'sms', T);
    const [decline] = declineIdsOf(db, vault, HER);
    asBefore0063([{ table: 'buddy_declines', id: decline as number, phone: HER }]);
    expect(mendBuddiesAtStart(db, vault)).toBe(1);
    expect(declineIdsOf(db, vault, HER)).toEqual([decline]);
    expect(linkIdsOf(db, vault, HER)).toEqual([]);
    expect(declinedBy(db, vault, [rose], HER, 'sms', T)).toBe(true);
    expect(forgetDeclinesOf(db, vault, HER, 'sms')).toBe(1);
    expect(declinedBy(db, vault, [rose], HER, 'sms', T)).toBe(false);
  });

  it('mends a link kept before 0063 whose number no longer opens: the start goes on, and the link keeps no index of the number', () => {
    const rose = member(1);
    const lost = inviteBuddy(db, vault, rose, { channel: 'sms', address: OTHER }, 'Mia', 'en', T);
    const kept = inviteBuddy(db, vault, rose, { channel: 'sms', address: HER }, 'Rose', 'en', T);
    asBefore0063([
      { table: 'buddies', id: lost, phone: OTHER },
      { table: 'buddies', id: kept, phone: HER },
    ]);
    damage('buddies', 'address_ct', `id = ${lost}`);
    expect(mendBuddiesAtStart(db, vault)).toBe(2);
    expect(linksOfBuddy(db, vault, HER).map((b) => b.name)).toEqual(['Rose']);
    const index = (db.sqlite.prepare('SELECT buddy_bidx FROM buddies WHERE id = ?').get(lost) as { buddy_bidx: Buffer }).buddy_bidx;
    expect(index.equals(vault.index('buddy', OTHER))).toBe(false);
    expect(linkIdsOf(db, vault, OTHER)).toEqual([]);
  });

  it('rebuilds a damaged record from her links although a link before them does not open', () => {
    const rose = member(1);
    inviteBuddy(db, vault, rose, { channel: 'sms', address: OTHER }, 'Mia', 'en', T);
    inviteBuddy(db, vault, member(2), { channel: 'sms', address: HER }, 'Rose', 'en', T);
    inviteBuddy(db, vault, member(3), { channel: 'sms', address: HER }, 'Ana', 'en', T);
    damage('buddies', 'address_ct', 'id = (SELECT min(id) FROM buddies)');
    const herRow = (db.sqlite.prepare('SELECT id FROM buddy_numbers WHERE buddy_bidx = ?').get(vault.index('buddy', HER)) as { id: number }).id;
    damage('buddy_numbers', 'record_ct', `id = ${herRow}`);
    mendBuddiesAtStart(db, vault);
    expect(linksOfBuddy(db, vault, HER).map((b) => b.name)).toEqual(['Rose', 'Ana']);
  });

  it("rebuilds a damaged record as her own, not as the number of a link to someone else made before hers", () => {
    inviteBuddy(db, vault, member(1), { channel: 'sms', address: OTHER }, 'Mia', 'en', T);
    inviteBuddy(db, vault, member(2), { channel: 'sms', address: HER }, 'Rose', 'en', T);
    const herRow = (db.sqlite.prepare('SELECT id FROM buddy_numbers WHERE buddy_bidx = ?').get(vault.index('buddy', HER)) as { id: number }).id;
    damage('buddy_numbers', 'record_ct', `id = ${herRow}`);
    mendBuddiesAtStart(db, vault);
    expect(linksOfBuddy(db, vault, HER).map((b) => b.name)).toEqual(['Rose']);
    expect(linksOfBuddy(db, vault, OTHER).map((b) => b.name)).toEqual(['Mia']);
  });

  it('pads a record of exactly 1,024 bytes to the next size, as any longer one: never to a length of its own', () => {
    // 135 links with ids from 999,900: the record's text is then 1,024 bytes.
    const ids = Array.from({ length: 135 }, (_, i) => 999_900 + i);
    expect(Buffer.byteLength(JSON.stringify({ n: HER, links: ids, declines: [] }))).toBe(1024);
    inviteBuddy(db, vault, member(1), { channel: 'sms', address: OTHER }, 'Zoe', 'en', T);
    db.sqlite.prepare('UPDATE buddies SET id = 999899').run();
    for (let i = 0; i < ids.length; i++) inviteBuddy(db, vault, member(1000 + i), { channel: 'sms', address: HER }, 'Rose', 'en', T);
    expect(linkIdsOf(db, vault, HER)).toEqual(ids);
    const { n } = db.sqlite.prepare('SELECT length(record_ct) AS n FROM buddy_numbers WHERE buddy_bidx = ?').get(vault.index('buddy', HER)) as { n: number };
    expect(n).toBe(4096 + SEAL_OVERHEAD);
  }, 60_000);
});
