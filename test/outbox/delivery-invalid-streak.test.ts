/**
 * Delivery reports that call a member's number invalid (Twilio 30005,
 * 30006), over a real SQLite file: the message fails for good, but one
 * report is not final (a port, a carrier's trouble): her membership is
 * marked invalid only at the third such message in a row, and a day or
 * more after the first of them (one bad hour never marks her), a delivered
 * one starting the count again, and she keeps her areas.
 */
import path from 'node:path';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { ensureMember, memberStatus, setMemberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;
const INVALID = { kind: 'invalid', code: 'undelivered:30006' } as const;

describe('delivery reports of an invalid number', () => {
  let db: Db;
  let vault: Vault;
  let member: number;
  let sids = 0;
  let clock = T0;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, member, ['415', '628'], T0);
    clock = T0 + 5;
  });
  afterEach(() => db.close());

  /** One more message sent to her; its provider id. */
  function sent(): string {
    const sid = `SM${++sids}`;
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: sid }], T0);
    return sid;
  }
  /** Its report, at `at`; by default at the clock, which then moves on 13 hours: three in a row span more than a day. */
  function report(sid: string, delivery: Parameters<typeof applyDeliveryReport>[2]['delivery'] = INVALID, at?: number) {
    if (at !== undefined) return applyDeliveryReport(db, vault, { providerId: sid, delivery }, at);
    const applied = applyDeliveryReport(db, vault, { providerId: sid, delivery }, clock);
    clock += 13 * HOUR;
    return applied;
  }
  const failedRows = () => (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'failed' AND error = 'invalid:undelivered:30006'").get() as { n: number }).n;

  it('fails each message for good but leaves her active, with her areas, after two; the third in a row marks her invalid and keeps her areas', () => {
    expect(report(sent())).toEqual({ matched: true, kind: 'invalid' });
    expect(report(sent())).toEqual({ matched: true, kind: 'invalid' });
    expect(failedRows()).toBe(2);
    expect(memberStatus(db, member)).toBe('active');
    expect(listAreas(db, member)).toEqual(['415', '628']);
    report(sent());
    expect(failedRows()).toBe(3);
    expect(memberStatus(db, member)).toBe('invalid');
    expect(listAreas(db, member)).toEqual(['415', '628']);
  });

  it('starts the count again at a delivered message', () => {
    report(sent());
    report(sent());
    expect(report(sent(), { kind: 'delivered' })).toEqual({ matched: true, kind: 'delivered' });
    report(sent());
    report(sent());
    expect(memberStatus(db, member)).toBe('active');
    report(sent());
    expect(memberStatus(db, member)).toBe('invalid');
  });

  it('does not mark her for a burst (one carrier blip in a fan-out): only a refusal a day or more after the first of the streak does', () => {
    for (let i = 0; i < 4; i++) report(sent(), INVALID, T0 + 5 + i * 1000);
    // Just under a day after the first: still one bad day.
    report(sent(), INVALID, T0 + 24 * HOUR);
    expect(failedRows()).toBe(5);
    expect(memberStatus(db, member)).toBe('active');
    report(sent(), INVALID, T0 + 25 * HOUR);
    expect(memberStatus(db, member)).toBe('invalid');
  });

  it('counts one message once, however often its report is replayed', () => {
    const first = sent();
    for (let i = 0; i < 4; i++) report(first);
    const second = sent();
    for (let i = 0; i < 4; i++) report(second);
    expect(memberStatus(db, member)).toBe('active');
    expect(failedRows()).toBe(2);
  });

  it('does not take her off the list again for a late report of an older message delivered before', () => {
    const older = sent();
    report(sent());
    report(sent());
    report(sent());
    expect(memberStatus(db, member)).toBe('invalid');
    // Delivered long ago, reported late: no proof that the number works now, and the mark stays.
    report(older, { kind: 'delivered' });
    expect(memberStatus(db, member)).toBe('invalid');
  });

  it.each(['stopped', 'pending'] as const)('does not mark a member %s meanwhile (STOP; back under approval): she stays so', (kept) => {
    const a = sent();
    const b = sent();
    const c = sent();
    setMemberStatus(db, member, kept);
    for (const sid of [a, b, c]) report(sid);
    expect(memberStatus(db, member)).toBe(kept);
  });
});
