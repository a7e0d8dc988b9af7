/**
 * An SMS Twilio failed on the account's daily cap (63038) is sent again for
 * a day: retention, which forgets a sent SMS's text and address once no
 * status report can send it again (4 hours after its send), keeps them while
 * a 63038 may still come back for it, so the retry that follows still goes;
 * a message sent again for another reason (an "undelivered") keeps them no
 * longer than 4 hours after its last send.
 */
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, enqueueReply, recordOutcomes } from '../../src/store/outbox';
import { openCopy } from '../../src/store/outbox-rows';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const LIMITED = { kind: 'limited', code: 'failed:63038' } as const;
const UNDELIVERED = { kind: 'unreachable', code: 'undelivered:30003' } as const;

describe("a daily cap's retry and retention", () => {
  let db: Db;
  let vault: Vault;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterAll(() => db.close());

  const row = (id: number) => db.sqlite.prepare('SELECT state, due_at AS dueAt, body_ct IS NOT NULL AS text, address_ct IS NOT NULL AS address FROM outbox WHERE id = ?').get(id) as { state: string; dueAt: number; text: number; address: number };

  it('keeps the text and address of a message re-sent after 63038 past 4 hours, and sends it again', () => {
    // Sent straight to an address (a buddy's escalation, a reply): both are kept with the row.
    const id = enqueueReply(db, vault, { channel: 'sms', address: '+14155550177' }, 'Heads Up: grey van', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'S1' }], T0);
    let sid = 'S1';
    let t = T0 + 60_000;
    // Failed on the cap and sent again each time it is due, until it is past 4 hours old.
    for (let n = 2; t < T0 + 5 * HOUR; n++) {
      expect(applyDeliveryReport(db, vault, { providerId: sid, delivery: LIMITED }, t)).toEqual({ matched: true, kind: 'retry' });
      t = row(id).dueAt;
      expect(claimLane(db, 'sms', t, 10, t + 60_000)).toHaveLength(1);
      sid = `S${n}`;
      recordOutcomes(db, [{ id, kind: 'sent', providerId: sid }], t);
    }
    // Retention runs before Twilio's callback for the last send.
    runRetention(db, 30, t + 30_000);
    expect(row(id)).toMatchObject({ state: 'sent', text: 1, address: 1 });
    expect(applyDeliveryReport(db, vault, { providerId: sid, delivery: LIMITED }, t + 60_000)).toEqual({ matched: true, kind: 'retry' });
    const due = row(id).dueAt;
    const claimed = claimLane(db, 'sms', due, 10, due + 60_000);
    expect(claimed.map((c) => c.id)).toEqual([id]);
    expect(openCopy(vault, claimed[0]!)).toEqual({ body: 'Heads Up: grey van', address: '+14155550177' });
  });

  it('forgets the text and address of a message re-sent after an "undelivered" 4 hours after its last send, as of one sent once', () => {
    const id = enqueueReply(db, vault, { channel: 'sms', address: '+14155550178' }, 'Heads Up: red truck', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'U1' }], T0);
    expect(applyDeliveryReport(db, vault, { providerId: 'U1', delivery: UNDELIVERED }, T0 + 60_000)).toEqual({ matched: true, kind: 'retry' });
    const due = row(id).dueAt;
    expect(claimLane(db, 'sms', due, 10, due + 60_000).map((c) => c.id)).toEqual([id]);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'U2' }], due);
    runRetention(db, 30, due + 4 * HOUR - 60_000);
    expect(row(id)).toMatchObject({ state: 'sent', text: 1, address: 1 });
    runRetention(db, 30, due + 4 * HOUR + 60_000);
    expect(row(id)).toMatchObject({ state: 'sent', text: 0, address: 0 });
  });

  it('forgets them a day on when no callback came', () => {
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550101', phone: '+14155550101' }, 'en', T0).id;
    const id = enqueueMessage(db, vault, member, 'ALERT 415: blue car', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'B1' }], T0);
    applyDeliveryReport(db, vault, { providerId: 'B1', delivery: LIMITED }, T0 + 60_000);
    const due = row(id).dueAt;
    claimLane(db, 'sms', due, 10, due + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: 'B2' }], due);
    runRetention(db, 30, T0 + 23 * HOUR);
    expect(row(id)).toMatchObject({ state: 'sent', text: 1 });
    runRetention(db, 30, T0 + 25 * HOUR);
    expect(row(id)).toMatchObject({ state: 'sent', text: 0 });
  });
});
