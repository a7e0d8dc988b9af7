/**
 * A buddy number's row (store/buddy-numbers.ts) lists the ids of her links
 * and declines. Retention erases lapsed invitations and aged declines
 * without the key, leaving their ids there: such an id is never followed
 * (not even once another number's link takes it), and the start drops it,
 * with the row once nothing is left in it.
 */
import path from 'node:path';
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
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(41));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
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
