/**
 * What the status poller marks for doctor (store/outbox-unreported.ts
 * markPolled): a final status it fetched is "settled without a callback", so
 * doctor still warns that callbacks are lost on a line where only the poller
 * finds deliveries; a retry it fetched is not marked, so the callback of the
 * message's next send counts as one. The real adapter against the fake
 * Twilio API on loopback; doctor's check on the same file.
 */
import { checkReports } from '../../src/cli/doctor-reports';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../../src/outbox/status-poller';
import type { Db } from '../../src/store/db';
import { claimLane, recordOutcomes } from '../../src/store/outbox';
import type { Vault } from '../../src/store/vault';
import { sentUnreported } from './sent-unreported';
import { pollerLine } from './poller-line';
import type { TwilioLoopback } from './twilio-loopback';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MEMBER = '+14155550165';
const TEXT = 'ALERT 415: blue pickup';

describe('what the status poller marks for doctor', () => {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  let member: number;
  let t: number;

  pollerLine({ key: 13, account: '3', token: 'status-poller-marks-token-01234', member: MEMBER, joinedBefore: T0 }, (line) => {
    ({ twilio, vault, db, member } = line);
    t = T0;
  });

  const sendAt = (at: number) => sentUnreported(db, vault, twilio, { member, address: MEMBER }, TEXT, at);
  const poller = () => new StatusPoller(db, vault, twilio.sender, createLogger('silent'), new Metrics(db), null, DEFAULT_STATUS_POLL, () => t);
  /** Twenty SMS Twilio took, none with a callback: doctor's threshold. */
  const twenty = async (from: number) => {
    for (let i = 0; i < 20; i++) await sendAt(from + i * 1000);
  };
  const warned = () => checkReports(db.sqlite, T0 + 3 * HOUR).map((c) => c.name);

  it('still warns that callbacks are lost when the only delivery known was fetched by the poller', async () => {
    const first = await sendAt(T0);
    await twenty(T0 + 1000);
    twilio.fake.fetches.settleUnreported(first.sid, 'delivered');
    t = T0 + 31 * MINUTE;
    expect(await poller().pollOnce()).toBe('applied');
    expect(warned()).toEqual(['sms delivery reports']);
  });

  it("counts the callback of a message sent again after a polled 30003: callbacks do come, so doctor does not warn", async () => {
    const { id, sid } = await sendAt(T0);
    await twenty(T0 + 1000);
    twilio.fake.fetches.settleUnreported(sid, 'undelivered', 30003);
    t = T0 + 31 * MINUTE;
    expect(await poller().pollOnce()).toBe('applied');
    const due = (db.sqlite.prepare('SELECT due_at AS dueAt FROM outbox WHERE id = ?').get(id) as { dueAt: number }).dueAt;
    expect(claimLane(db, 'sms', due, 10, due + MINUTE).map((r) => r.id)).toEqual([id]);
    const resent = await twilio.sender.send(MEMBER, TEXT);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: resent.providerId }], due);
    expect(applyDeliveryReport(db, vault, { providerId: resent.providerId, delivery: { kind: 'delivered' } }, due + MINUTE)).toEqual({ matched: true, kind: 'delivered' });
    expect(warned()).toEqual([]);
  });
});
