/**
 * Retention forgets a sent SMS's text and address once no status report can
 * send it again: counted from when it was sent, not when it was queued. An
 * SMS queued in an outage and sent hours later keeps them for the report
 * that may still come (a daily cap's 63038 sends it again); one sent long
 * ago loses them as before.
 */
import path from 'node:path';
import { runRetention } from '../../src/jobs/retention';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueReply, recordOutcomes } from '../../src/store/outbox';
import { openCopy } from '../../src/store/outbox-rows';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LIMITED = { kind: 'limited', code: 'failed:63038' } as const;

describe('retention of a sent SMS, counted from its send', () => {
  let db: Db;
  let vault: Vault;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(6));
  });
  // A line of its own for each case: a row one case leaves leased is no other's.
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
  });
  afterEach(() => db.close());

  const row = (id: number) =>
    db.sqlite.prepare('SELECT state, due_at AS dueAt, body_ct IS NOT NULL AS text, address_ct IS NOT NULL AS address FROM outbox WHERE id = ?').get(id) as {
      state: string;
      dueAt: number;
      text: number;
      address: number;
    };

  /** Queued at `queuedAt` (sent straight to an address, as a buddy's escalation), sent at `sentAt` as `sid`. */
  const sendLate = (to: string, text: string, queuedAt: number, sentAt: number, sid: string): number => {
    const id = enqueueReply(db, vault, { channel: 'sms', address: to }, text, queuedAt);
    expect(claimLane(db, 'sms', sentAt, 10, sentAt + MINUTE).map((c) => c.id)).toEqual([id]);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: sid }], sentAt);
    return id;
  };

  it('keeps the text and address of an SMS queued 5 hours before its send through the next runs, and a 63038 then sends it again', () => {
    const sentAt = T0 + 5 * HOUR;
    const id = sendLate('+14155550171', 'Heads Up: Rose has not checked in. They shared: grey van', T0, sentAt, 'SMlate1');

    // The hourly runs after the send: the row is 5 and 6 hours old, but was sent an hour ago at most.
    runRetention(db, 30, sentAt + MINUTE);
    runRetention(db, 30, sentAt + HOUR + MINUTE);
    expect(row(id)).toMatchObject({ state: 'sent', text: 1, address: 1 });

    expect(applyDeliveryReport(db, vault, { providerId: 'SMlate1', delivery: LIMITED }, sentAt + HOUR + 2 * MINUTE)).toEqual({ matched: true, kind: 'retry' });
    const due = row(id).dueAt;
    const claimed = claimLane(db, 'sms', due, 10, due + MINUTE);
    expect(claimed.map((c) => c.id)).toEqual([id]);
    expect(openCopy(vault, claimed[0]!)).toEqual({ body: 'Heads Up: Rose has not checked in. They shared: grey van', address: '+14155550171' });
  });

  it('forgets the text and address of an SMS queued late and sent over 4 hours ago, and keeps those of one sent just under', () => {
    const now = T0 + 30 * HOUR;
    const old = sendLate('+14155550172', 'Heads Up: an old message', now - 9 * HOUR, now - 4 * HOUR - MINUTE, 'SMold');
    const recent = sendLate('+14155550173', 'Heads Up: a recent message', now - 9 * HOUR, now - 4 * HOUR + MINUTE, 'SMrecent');

    const erased = runRetention(db, 30, now);

    expect(erased).toMatchObject({ sentTexts: 1, sentAddresses: 1 });
    expect(row(old)).toMatchObject({ state: 'sent', text: 0, address: 0 });
    expect(row(recent)).toMatchObject({ state: 'sent', text: 1, address: 1 });
  });
});
