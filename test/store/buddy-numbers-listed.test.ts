/**
 * The numbers ACCEPT's lists showed her invitations under, kept in her
 * number's sealed record (store/buddy-numbers.ts numberInvitations): a list
 * over one channel renumbers that channel's invitations only, keeping what
 * her list over the other channel showed, and forgets the number of one of
 * its invitations it no longer shows (ACCEPT n then picks only what she
 * read as n). Real SQLite file, real crypto.
 */
import path from 'node:path';
import { inviteBuddy } from '../../src/store/buddies';
import { removeBuddy } from '../../src/store/buddy-erasure';
import { invitationNumbers, numberInvitations } from '../../src/store/buddy-numbers';
import { Db } from '../../src/store/db';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T = Date.UTC(2026, 11, 1);
const HER = '+14155550177';

describe("the numbers her ACCEPT lists showed", () => {
  let vault: Vault;
  let db: Db;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(44));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterEach(() => db.close());

  const invite = (n: number, channel: 'sms' | 'signal') =>
    inviteBuddy(db, vault, insertMember(db, vault, { channel: 'sms', address: `+1415555030${n}` }, 'en', T, 'active').id, { channel, address: HER }, `Friend ${n}`, 'en', T);
  const numbers = () => [...invitationNumbers(db, vault, HER)].sort(([a], [b]) => a - b);

  it("keeps the other channel's numbers when one channel's list is shown, and forgets one its new list no longer shows", () => {
    const [smsA, smsB, signal] = [invite(1, 'sms'), invite(2, 'sms'), invite(3, 'signal')];
    numberInvitations(db, vault, HER, [[smsA]], [smsA, smsB]);
    numberInvitations(db, vault, HER, [[signal]], [signal]);
    expect(numbers()).toEqual([[smsA, 1], [signal, 1]]);
    // Her next SMS list shows B only: A's "1" is no longer what she reads.
    numberInvitations(db, vault, HER, [[smsB]], [smsA, smsB]);
    expect(numbers()).toEqual([[smsB, 1], [signal, 1]]);
  });

  it('forgets the number of an invitation withdrawn since: a new one that takes its id was never shown to her', () => {
    const first = invite(1, 'sms');
    const second = invite(2, 'sms');
    numberInvitations(db, vault, HER, [[first], [second]], [first, second]);
    removeBuddy(db, vault, second);
    // The next invitation takes the highest id plus one: the withdrawn one's.
    expect(invite(3, 'sms')).toBe(second);
    expect(numbers()).toEqual([[first, 1]]);
  });
});
