/**
 * A buddy number's row (store/buddy-numbers.ts) lists the ids of her links
 * and declines. Retention erases lapsed invitations and aged declines
 * without the key, leaving their ids there: such an id is never followed
 * (not even once another number's link takes it), and the start drops it,
 * with the row once nothing is left in it.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { inviteBuddy, linksOfBuddy } from '../../src/store/buddies';
import { ageDeclines, declinedBy, recordDeclines } from '../../src/store/buddy-declines';
import { mendBuddiesAtStart } from '../../src/store/buddy-numbers-mend';
import { Db } from '../../src/store/db';
import { lapseInvitations } from '../../src/store/invitation-lapse';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const DAY = 86_400_000;
const T = Date.UTC(2026, 11, 1);
const ASKED = '+14155550177';
const OTHER = '+14155550188';

describe("a buddy number's row", () => {
  let vault: Vault;
  let db: Db;
  let dataDir: string;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(41));
  });
  beforeEach(() => {
    dataDir = tempDir();
    db = new Db(path.join(dataDir, 'heads-up.db'));
    migrate(db);
  });
  afterEach(() => db.close());

  const numberRows = () => (db.sqlite.prepare('SELECT count(*) AS n FROM buddy_numbers').get() as { n: number }).n;
  const member = (n: number) => insertMember(db, vault, { channel: 'sms', address: `+1415555020${n}` }, 'en', T, 'active').id;

  it('never follows the id of a lapsed invitation to the link that took it since, and the start drops it', () => {
    const rose = member(1);
    const mia = member(2);
    const lapsed = inviteBuddy(db, vault, rose, { channel: 'sms', address: ASKED }, 'Rose', 'en', T);
    expect(lapseInvitations(db, T + 9 * DAY)).toBe(1);
    // The next link takes the same id (ids are the highest one plus one), to another number.
    expect(inviteBuddy(db, vault, mia, { channel: 'sms', address: OTHER }, 'Mia', 'en', T + 9 * DAY)).toBe(lapsed);
    expect(linksOfBuddy(db, vault, ASKED)).toEqual([]);
    expect(linksOfBuddy(db, vault, OTHER).map((b) => b.name)).toEqual(['Mia']);
    expect(numberRows()).toBe(2);
    mendBuddiesAtStart(db, vault);
    expect(numberRows()).toBe(1);
    expect(linksOfBuddy(db, vault, OTHER).map((b) => b.name)).toEqual(['Mia']);
  });

  it("is as long for a number 40 members named as for a number named once: its length does not show a popular buddy", () => {
    const members = Array.from({ length: 40 }, (_, i) => insertMember(db, vault, { channel: 'sms', address: `+141555530${String(i).padStart(2, '0')}` }, 'en', T, 'active').id);
    // Ids of seven digits, as a line's links reach.
    inviteBuddy(db, vault, members[0] as number, { channel: 'sms', address: '+14155550199' }, 'Zoe', 'en', T);
    db.sqlite.prepare('UPDATE buddies SET id = 1000000').run();
    for (const m of members) inviteBuddy(db, vault, m, { channel: 'sms', address: ASKED }, 'Rose', 'en', T);
    inviteBuddy(db, vault, members[1] as number, { channel: 'sms', address: OTHER }, 'Mia', 'en', T);
    expect(linksOfBuddy(db, vault, ASKED)).toHaveLength(40);
    const lengths = db.sqlite.prepare('SELECT length(record_ct) AS n FROM buddy_numbers').all().map((r) => (r as { n: number }).n);
    expect(lengths).toHaveLength(3);
    expect(new Set(lengths).size).toBe(1);
  });

  it('still opens a record sealed in blocks of 256 bytes, as before, and the start pads it as any other', async () => {
    const rose = member(1);
    inviteBuddy(db, vault, rose, { channel: 'sms', address: ASKED }, 'Rose', 'en', T);
    const row = db.sqlite.prepare('SELECT id FROM buddy_numbers').get() as { id: number };
    const record = JSON.stringify({ n: ASKED, links: [1], declines: [] });
    db.sqlite.prepare('UPDATE buddy_numbers SET record_ct = ?').run(vault.sealPadded(record, { table: 'buddy_numbers', column: 'record', row: row.id }, 256));
    expect(linksOfBuddy(db, vault, ASKED).map((b) => b.name)).toEqual(['Rose']);
    // Not rebuilt from the links (as a damaged one is): doctor finds none damaged.
    const checks = await runDoctor({ DATA_DIR: dataDir, HEADSUP_MASTER_KEY: Buffer.from(new Uint8Array(32).fill(41)).toString('base64') });
    expect(checks.find((c) => c.name === 'key')?.detail).toBe('the master key opens this database');
    expect(checks.find((c) => c.name === 'buddies')).toBeUndefined();
    // The start seals it again as long as any other.
    inviteBuddy(db, vault, rose, { channel: 'sms', address: OTHER }, 'Mia', 'en', T);
    const lengths = () => new Set(db.sqlite.prepare('SELECT length(record_ct) AS n FROM buddy_numbers').all().map((r) => (r as { n: number }).n)).size;
    expect(lengths()).toBe(2);
    mendBuddiesAtStart(db, vault);
    expect(lengths()).toBe(1);
    expect(linksOfBuddy(db, vault, ASKED).map((b) => b.name)).toEqual(['Rose']);
  });

  it('drops an aged decline at the start, and the row with it', () => {
    const rose = member(1);
    recordDeclines(db, vault, [rose], ASKED, 'sms', T);
    expect(declinedBy(db, vault, [rose], ASKED, 'sms', T + DAY)).toBe(true);
    expect(ageDeclines(db, T - 90 * DAY, T + 31 * DAY)).toBe(1);
    expect(numberRows()).toBe(1);
    mendBuddiesAtStart(db, vault);
    expect(numberRows()).toBe(0);
  });
});
