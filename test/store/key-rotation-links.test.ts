import path from 'node:path';
import { memberKey } from '../../src/phone/identity';
import { findConversation, saveConversation } from '../../src/store/conversations';
import { Db } from '../../src/store/db';
import { InboundLog, ageInboundLog } from '../../src/store/inbound-log';
import { dueItems, parkItem } from '../../src/store/inbound-retry';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { findMember, insertMember, memberIndex } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { createReport } from '../../src/store/reports';
import { checkinRef, checkinRefSender } from '../../src/store/checkin-refs';
import { checkinPhone } from '../../src/store/checkin-phone';
import { startCheckin } from '../../src/store/checkins';
import { SenderLimits } from '../../src/store/sender-limits';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));
const UUID_TWIN = '0b5c6a1e-2f43-4d7e-9a55-6f1e2d3c4b5a';
const UUID_ALONE = '7d1f0c2b-9e84-4a3f-b6c1-2a3b4c5d6e7f';

describe('rotate-key and the links other tables hold', () => {
  beforeAll(cryptoReady);

  it('recomputes Signal links, parked senders and members’ rate limits; erases what only an index named', () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    // A person on SMS and on Signal (linked), and a Signal member showing a number no SMS member has.
    const sms = { channel: 'sms' as const, address: '+14155550123', phone: '+14155550123' };
    insertMember(db, oldVault, sms, 'en', now, 'active');
    insertMember(db, oldVault, { channel: 'signal', address: UUID_TWIN, phone: sms.phone }, 'en', now, 'active');
    insertMember(db, oldVault, { channel: 'signal', address: UUID_ALONE, phone: '+14155550177' }, 'en', now, 'active');
    // A parked Signal message, a member's and a stranger's rate-limit windows, a handled provider id.
    const parkedFrom = { channel: 'signal' as const, address: UUID_ALONE };
    parkItem(db, oldVault, 'signal', JSON.stringify({ sender: parkedFrom, text: 'JOIN 415', providerId: 'x:1' }), now, now + 1000, oldVault.index('sender', memberKey(parkedFrom)));
    const memberSender = oldVault.index('sender', memberKey(sms));
    new SenderLimits(db).take(memberSender, 'report', { max: 5, windowMs: 86_400_000 }, now);
    new SenderLimits(db).take(memberSender, 'report', { max: 5, windowMs: 86_400_000 }, now);
    new SenderLimits(db).take(oldVault.index('sender', 'sms:+14155550999'), 'report', { max: 5, windowMs: 86_400_000 }, now);
    const log = new InboundLog(db, oldVault);
    db.transaction(() => log.remember(log.key('sms', 'SM123'), 'ok', now - 2 * 86_400_000));
    ageInboundLog(db, now);
    // A question the bot asked a sender with a hidden number, still open.
    const asked = { channel: 'signal' as const, address: UUID_ALONE };
    saveConversation(db, oldVault, memberIndex(oldVault, asked), { topic: 'join-area', question: 'area', answers: {}, lang: 'en', expiresAt: now + 3_600_000 }, now);

    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    const summary = new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();

    const link = (address: string) => (db.sqlite.prepare('SELECT phone_bidx FROM members WHERE id = ?').get(findMember(db, newVault, { channel: address.startsWith('+') ? 'sms' : 'signal', address })?.id) as { phone_bidx: Buffer | null }).phone_bidx;
    // The twins share the new link, an index of the number under the new key.
    expect(link(sms.address)?.equals(newVault.index('link', sms.phone))).toBe(true);
    expect(link(UUID_TWIN)?.equals(newVault.index('link', sms.phone))).toBe(true);
    // The lone Signal member's number is stored nowhere: the link goes until they write again.
    expect(link(UUID_ALONE)).toBeNull();
    expect(summary.erased.signalLinks).toBe(1);
    // The open question is erased (it is asked again), not left under the old key.
    expect(summary.erased.conversations).toBe(1);
    expect(findConversation(db, newVault, memberIndex(newVault, asked), now)).toBeUndefined();
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 0 });

    // The parked message opens under the new key and is found by its sender's new index.
    expect(dueItems(db, newVault, now + 2000, 10).map((i) => JSON.parse(i.item).text)).toEqual(['JOIN 415']);
    const parked = db.sqlite.prepare('SELECT sender_bidx FROM inbound_retry').get() as { sender_bidx: Buffer };
    expect(parked.sender_bidx.equals(newVault.index('replies', memberKey(parkedFrom)))).toBe(true);

    // The member's window goes on under the new index (2 of 5 taken); the stranger's is gone.
    const limits = db.sqlite.prepare('SELECT sender_bidx, count FROM sender_limits').all() as Array<{ sender_bidx: Buffer; count: number }>;
    expect(limits).toHaveLength(1);
    expect(limits[0]?.sender_bidx.equals(newVault.index('sender', memberKey(sms)))).toBe(true);
    expect(limits[0]?.count).toBe(2);
    expect(summary.erased.rateLimits).toBe(1);

    // Handled ids are indexes of ids the database never stored: erased, not left under the old key.
    expect(db.sqlite.prepare('SELECT (SELECT count(*) FROM inbound_seen) + (SELECT count(*) FROM inbound_messages) AS n').get()).toEqual({ n: 0 });
    expect(summary.erased.handledIds).toBe(1);
    db.close();
  });

  it("maps the number's index a Signal report carries when the number is an SMS member, and erases it otherwise", () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    const sms = { channel: 'sms' as const, address: '+14155550123', phone: '+14155550123' };
    insertMember(db, oldVault, sms, 'en', now, 'active');
    const report = (uuid: string, phone: string) =>
      createReport(db, oldVault, { npas: ['415'], text: 'grey van', reporterKey: oldVault.index('reporter', `signal:${uuid}`), phoneReporterKey: oldVault.index('reporter', `sms:${phone}`) }, now).id;
    const twin = report(UUID_TWIN, sms.phone);
    const alone = report(UUID_ALONE, '+14155550177');

    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();

    const phoneIndex = (id: number) => (db.sqlite.prepare('SELECT phone_reporter_bidx AS k FROM reports WHERE id = ?').get(id) as { k: Buffer | null }).k;
    expect(phoneIndex(twin)?.equals(newVault.index('reporter', memberKey(sms)))).toBe(true);
    expect(phoneIndex(alone)).toBeNull();
    db.close();
  });

  it("keeps the number a Signal check-in and its reference hold sealed (BLOCK of the reference), whether or not it is an SMS member's", () => {
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    const oldVault = new Vault(key(1), 1);
    const now = Date.now();
    migrate(db);
    const sms = { channel: 'sms' as const, address: '+14155550123', phone: '+14155550123' };
    insertMember(db, oldVault, sms, 'en', now, 'active');
    const checkin = (uuid: string, phone: string) => {
      const member = insertMember(db, oldVault, { channel: 'signal', address: uuid, phone }, 'en', now, 'active').id;
      const id = startCheckin(db, oldVault, member, now + 600_000, null, null, now, `sms:${phone}`);
      return { id, ref: checkinRef(db, oldVault, id, member, now).ref };
    };
    const twin = checkin(UUID_TWIN, sms.phone);
    const alone = checkin(UUID_ALONE, '+14155550177');

    const { from, to } = rotationVersions(db);
    const newVault = new Vault(key(2), to);
    new KeyRotation(db, new Vault(key(1), from), newVault, { batch: 1 }).run();

    expect(checkinRefSender(db, newVault, twin.ref)?.phone).toBe(memberKey(sms));
    expect(checkinRefSender(db, newVault, alone.ref)?.phone).toBe('sms:+14155550177');
    expect([checkinPhone(db, newVault, twin.id), checkinPhone(db, newVault, alone.id)]).toEqual([memberKey(sms), 'sms:+14155550177']);
    db.close();
  });
});
