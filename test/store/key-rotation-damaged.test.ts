/**
 * rotate-key on a line holding one sealed value that no longer opens (a
 * damaged value: the server steps around it, see
 * test/bot/buddy-damaged.test.ts). The rotation refuses before it starts,
 * naming the value, so no rotation is under way afterwards: the server still
 * starts under the current key. (A rotation left under way would stop the
 * server, and every re-run would fail on the same value.)
 */
import path from 'node:path';
import { createAlert } from '../../src/store/alerts';
import { blockIdentity, isBlocked } from '../../src/store/blocks';
import { buddiesOf, inviteBuddy } from '../../src/store/buddies';
import { checkinRef, checkinRefSender } from '../../src/store/checkin-refs';
import { startCheckin } from '../../src/store/checkins';
import { Db } from '../../src/store/db';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { keyCheckValue, readKeyState, rotationUnderWay } from '../../src/store/key-state';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { createReport } from '../../src/store/reports';
import { indexAlertIdentifiers, indexReportIdentifiers } from '../../src/store/screening';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const key = (fill: number) => new Uint8Array(Buffer.alloc(32, fill));

/** A line of two members with a buddy each; Rose's buddy row no longer opens. */
function lineWithDamagedBuddy(): { db: Db; roseBuddy: number; mia: number } {
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  const oldVault = new Vault(key(1), 1);
  const now = Date.now();
  migrate(db);
  const rose = db.transaction(() => insertMember(db, oldVault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', now, 'active'));
  const mia = db.transaction(() => insertMember(db, oldVault, { channel: 'sms', address: '+14155550101', phone: '+14155550101' }, 'en', now, 'active'));
  db.transaction(() => {
    inviteBuddy(db, oldVault, rose.id, { channel: 'sms', address: '+14155550177' }, 'Rose', 'en', now);
    inviteBuddy(db, oldVault, mia.id, { channel: 'sms', address: '+14155550178' }, 'Mia', 'en', now);
  });
  // The server leaves such a row out and goes on.
  db.sqlite.prepare('UPDATE buddies SET name_ct = randomblob(60) WHERE member_id = ?').run(rose.id);
  const roseBuddy = (db.sqlite.prepare('SELECT id FROM buddies WHERE member_id = ?').get(rose.id) as { id: number }).id;
  return { db, roseBuddy, mia: mia.id };
}

/** One rotate-key run from key 1 to key 2: 'finished', or the error's message. */
function attempt(db: Db): string {
  const { from, to } = rotationVersions(db);
  try {
    new KeyRotation(db, new Vault(key(1), from), new Vault(key(2), to), { batch: 1 }).run();
    return 'finished';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('rotate-key on a line with one damaged value', () => {
  beforeAll(cryptoReady);

  it('never leaves the line half-rotated, so the server can start again', () => {
    const { db } = lineWithDamagedBuddy();
    const first = attempt(db);
    const second = attempt(db);
    expect({ first, second, underWay: rotationUnderWay(db) }).toMatchObject({ underWay: false });
    db.close();
  });

  it('refuses before it starts, naming the value and what to do, and changes nothing', () => {
    const { db, roseBuddy, mia } = lineWithDamagedBuddy();
    const before = db.sqlite.prepare('SELECT * FROM buddies ORDER BY id').all();

    expect(attempt(db)).toBe(
      `1 sealed value does not open with the current key (damaged): buddies.name, row ${roseBuddy}. ` +
        'Nothing was changed and the line still runs under the current key. To rotate, restore a backup from before the damage (npm run admin -- restore FILE (heads-up restore FILE in the image)), then run rotate-key again',
    );
    expect(rotationUnderWay(db)).toBe(false);
    expect(readKeyState(db).version).toBe(1);
    expect(db.sqlite.prepare('SELECT * FROM buddies ORDER BY id').all()).toEqual(before);
    expect(buddiesOf(db, new Vault(key(1), 1), mia).map((b) => b.name)).toEqual(['Mia']);

    // Once the damaged row is gone, the rotation goes through.
    db.sqlite.prepare('DELETE FROM buddies WHERE id = ?').run(roseBuddy);
    expect(attempt(db)).toBe('finished');
    expect(buddiesOf(db, new Vault(key(2), 2), mia).map((b) => b.name)).toEqual(['Mia']);
    db.close();
  });

  it('names a block whose sealed identity does not open, and recomputes the sound ones from theirs once it is gone', () => {
    const { db, roseBuddy } = lineWithDamagedBuddy();
    db.sqlite.prepare('DELETE FROM buddies WHERE id = ?').run(roseBuddy);
    const v = new Vault(key(1), 1);
    const now = Date.now();
    db.transaction(() => {
      blockIdentity(db, v, 'sms:+14155550190', now);
      blockIdentity(db, v, 'signal:0b5c6a1e-2f43-4d7e-9a55-6f1e2d3c4b5a', now);
    });
    const damaged = v.index('reporter', 'sms:+14155550190');
    db.sqlite.prepare('UPDATE blocked_senders SET value_ct = randomblob(60) WHERE reporter_bidx = ?').run(damaged);

    expect(attempt(db)).toMatch(/^1 sealed value does not open with the current key \(damaged\): blocked_senders\.value, a block\. Nothing was changed/);
    expect(isBlocked(db, damaged)).toBe(true);

    db.sqlite.prepare('DELETE FROM blocked_senders WHERE reporter_bidx = ?').run(damaged);
    expect(attempt(db)).toBe('finished');
    const next = new Vault(key(2), 2);
    expect(isBlocked(db, next.index('reporter', 'signal:0b5c6a1e-2f43-4d7e-9a55-6f1e2d3c4b5a'))).toBe(true);
    expect(isBlocked(db, v.index('reporter', 'signal:0b5c6a1e-2f43-4d7e-9a55-6f1e2d3c4b5a'))).toBe(false);
    db.close();
  });

  it("names a check-in reference's shown number that does not open (keyed by the reference), and opens the sound ones", () => {
    const { db, roseBuddy } = lineWithDamagedBuddy();
    db.sqlite.prepare('DELETE FROM buddies WHERE id = ?').run(roseBuddy);
    const v = new Vault(key(1), 1);
    const now = Date.now();
    const refs = [0, 1].map((i) => {
      const member = db.transaction(() => insertMember(db, v, { channel: 'signal', address: `0b5c6a1e-2f43-4d7e-9a55-6f1e2d3c4b5${i}`, phone: `+1415555012${i}` }, 'en', now, 'active').id);
      const id = db.transaction(() => startCheckin(db, v, member, now + 600_000, null, 'room 12', now, `sms:+1415555012${i}`));
      return db.transaction(() => checkinRef(db, v, id, member, now).ref);
    });
    db.sqlite.prepare('UPDATE checkin_refs SET phone_ct = randomblob(60) WHERE ref = ?').run(refs[0]);

    expect(attempt(db)).toMatch(/^1 sealed value does not open with the current key \(damaged\): checkin_refs\.phone, a check-in reference\. Nothing was changed/);
    db.sqlite.prepare('UPDATE checkin_refs SET phone_ct = NULL, key_version = NULL WHERE ref = ?').run(refs[0]);
    expect(attempt(db)).toBe('finished');
    expect(checkinRefSender(db, new Vault(key(2), 2), refs[1] as string)?.phone).toBe('sms:+14155550121');
    db.close();
  });

  it("names an identifier of a report or an alert by its report or alert, and opens the sound ones (they are keyed by it, not by a row id)", () => {
    const { db, roseBuddy } = lineWithDamagedBuddy();
    const v = new Vault(key(1), 1);
    const now = Date.now();
    const { report, alert } = db.transaction(() => {
      const reportId = createReport(db, v, { npas: ['415'], text: 'grey sedan', reporterKey: v.index('reporter', 'sms:+14155550100') }, now).id;
      indexReportIdentifiers(db, v, reportId, [{ kind: 'plate', value: '7ABC123' }, { kind: 'phone', value: '+14155550199' }]);
      const alertId = createAlert(db, v, { npas: ['415'], reach: ['415'], text: 'avoid +14155550199' }, now);
      indexAlertIdentifiers(db, v, alertId, [{ kind: 'plate', value: '7ABC123' }, { kind: 'phone', value: '+14155550199' }], ['415'], [], now);
      return { report: reportId, alert: alertId };
    });
    db.sqlite.prepare("UPDATE report_identifiers SET value_ct = randomblob(60) WHERE kind = 'plate'").run();
    db.sqlite.prepare("UPDATE screening SET value_ct = randomblob(60) WHERE kind = 'plate'").run();

    expect(attempt(db)).toMatch(
      new RegExp(`^3 sealed values do not open with the current key \\(damaged\\): buddies.name, row ${roseBuddy}; screening.value, alert ${alert}; report_identifiers.value, report ${report}\\. `),
    );
    expect(rotationUnderWay(db)).toBe(false);
    db.close();
  });

  it('resuming a rotation that meets a damaged value (one started before values were checked), names it and sends the operator to a backup', () => {
    const { db, roseBuddy } = lineWithDamagedBuddy();
    // What an earlier version's run left: the rotation under way.
    db.sqlite
      .prepare("INSERT INTO key_rotation (id, to_version, new_check, step, cursor, started_at) VALUES (1, 2, ?, 'members', 0, 0)")
      .run(keyCheckValue(new Vault(key(2), 2)));
    expect(attempt(db)).toBe(
      `buddies.name, row ${roseBuddy}, does not open (damaged): the rotation cannot finish; restore a backup made before it (npm run admin -- restore FILE (heads-up restore FILE in the image)) and start with the old key`,
    );
    db.close();
  });
});
