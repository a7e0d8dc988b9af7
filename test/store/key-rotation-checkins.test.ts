/** rotate-key covers buddies and check-ins (issue 13): re-sealed, the buddy index recomputed. */
import path from 'node:path';
import { buddiesOf, buddyIndex, inviteBuddy, inviterNumber, linksOfBuddy } from '../../src/store/buddies';
import { buddyStopped, recordBuddyStop } from '../../src/store/buddy-stops';
import { declinedBy, forgetDeclinesOf, recordDeclines } from '../../src/store/buddy-declines';
import { dueCheckins, startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));

describe('rotate-key and check-ins', () => {
  beforeAll(cryptoReady);

  it('re-seals buddies and check-in details, and finds a buddy by the new index only', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    const member = db.transaction(() => insertMember(db, oldVault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', now, 'active'));
    db.transaction(() => {
      inviteBuddy(db, oldVault, member.id, { channel: 'sms', address: '+14155550177' }, 'Rose', 'en', now);
      startCheckin(db, oldVault, member.id, now + 60_000, null, 'blue Honda', now);
    });

    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    const summary = new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
    // The number's row (buddy-numbers.ts) too: her own messages find her links by it.
    expect(summary.resealed).toMatchObject({ buddies: 1, checkins: 1, buddy_numbers: 1 });

    expect(buddiesOf(db, newVault, member.id).map((b) => ({ address: b.address, name: b.name }))).toEqual([{ address: '+14155550177', name: 'Rose' }]);
    expect(linksOfBuddy(db, newVault, '+14155550177')).toHaveLength(1);
    expect(linksOfBuddy(db, oldVault, '+14155550177')).toHaveLength(0);
    expect(dueCheckins(db, newVault, now + 60_000, 10).map((c) => c.details())).toEqual(['blue Honda']);
    expect(() => dueCheckins(db, oldVault, now + 60_000, 10).map((c) => c.details())).toThrow();
    db.close();
  });

  it("keeps a buddy's stop, with its channel, found by the new index only", () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    migrate(db);
    db.transaction(() => {
      recordBuddyStop(db, oldVault, '+14155550177', 'sms', 1);
      recordBuddyStop(db, oldVault, '+14155550178', 'signal', 1);
    });
    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    const summary = new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
    expect(summary.resealed).toMatchObject({ buddy_stops: 2 });
    expect(buddyStopped(db, newVault, '+14155550177', 'sms')).toBe(true);
    // Each keeps the channel it came from.
    expect(buddyStopped(db, newVault, '+14155550178', 'signal')).toBe(true);
    expect(buddyStopped(db, newVault, '+14155550178', 'sms')).toBe(false);
    expect(buddyStopped(db, oldVault, '+14155550177', 'sms')).toBe(false);
    db.close();
  });

  it("keeps a buddy's decline, with its member and channel, found by the new index only", () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    const member = db.transaction(() => insertMember(db, oldVault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', now, 'active'));
    db.transaction(() => recordDeclines(db, oldVault, [member.id], '+14155550177', 'sms', now));
    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    const summary = new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
    expect(summary.resealed).toMatchObject({ buddy_declines: 1 });
    expect(declinedBy(db, newVault, [member.id], '+14155550177', 'sms', now)).toBe(true);
    expect(declinedBy(db, newVault, [member.id], '+14155550177', 'signal', now)).toBe(false);
    expect(declinedBy(db, oldVault, [member.id], '+14155550177', 'sms', now)).toBe(false);
    // Her own DELETE finds it by her number's row, re-keyed with it.
    expect(forgetDeclinesOf(db, oldVault, '+14155550177', 'sms')).toBe(0);
    expect(forgetDeclinesOf(db, newVault, '+14155550177', 'sms')).toBe(1);
    expect(declinedBy(db, newVault, [member.id], '+14155550177', 'sms', now)).toBe(false);
    db.close();
  });

  it('re-seals the number a Signal inviter showed with her invitation', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    const member = db.transaction(() => insertMember(db, oldVault, { channel: 'signal', address: '2b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d' }, 'en', now, 'active'));
    const id = db.transaction(() => inviteBuddy(db, oldVault, member.id, { channel: 'sms', address: '+14155550177' }, 'Jo', 'en', now, '+14155550101'));
    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();
    expect(inviterNumber(db, newVault, id)).toBe('+14155550101');
    db.close();
  });
});
