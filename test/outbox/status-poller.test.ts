/**
 * Lost status callbacks: an SMS Twilio took whose final status never came
 * back is asked about (GET Messages/{Sid}.json, the real adapter against the
 * fake Twilio API on loopback), and a final status found is applied as the
 * callback's would be: "delivered" settles it, 30003 sends it again. Asked
 * about only from 30 minutes after its send, at most three times an hour
 * apart, never once it was sent 4 hours ago, and never again once Twilio
 * says it has no such message. The poller's clock is the test's.
 */
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../../src/outbox/status-poller';
import type { Db } from '../../src/store/db';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { openBody } from '../../src/store/outbox-rows';
import type { Vault } from '../../src/store/vault';
import { TWILIO_ERRORS } from '../fakes/fake-twilio';
import { sentUnreported } from './sent-unreported';
import { pollerLine } from './poller-line';
import type { TwilioLoopback } from './twilio-loopback';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MEMBER = '+14155550161';
const TEXT = 'ALERT 415: grey van, plate 7ABC123';

describe('the status poller against Twilio', () => {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  let metrics: Metrics;
  let logs: string[];
  let t: number;
  let poller: StatusPoller;
  let member: number;

  pollerLine({ key: 8, account: '6', token: 'status-poller-test-token-0123456', member: MEMBER, joinedBefore: T0 }, (line) => ({ twilio, vault, db, member } = line));
  beforeEach(() => {
    metrics = new Metrics(db);
    logs = [];
    t = T0;
    poller = new StatusPoller(db, vault, twilio.sender, createLogger('debug', { write: (l: string) => void logs.push(l) }), metrics, null, DEFAULT_STATUS_POLL, () => t);
  });

  /** Queued and sent through Twilio at `at`; no status callback comes (the fake posts none with no callbackBase). Returns the row and Twilio's sid. */
  const sendAt = (at: number) => sentUnreported(db, vault, twilio, { member, address: MEMBER }, TEXT, at);
  const row = (id: number) =>
    db.sqlite.prepare('SELECT state, provider_id AS providerId, error, due_at AS dueAt FROM outbox WHERE id = ?').get(id) as {
      state: string;
      providerId: string | null;
      error: string | null;
      dueAt: number;
    };
  const fetchesOf = (sid: string) => twilio.fake.fetches.fetched.filter((s) => s === sid).length;
  const polledMetric = async () => (await metrics.registry.getSingleMetricAsString('headsup_delivery_reports_polled_total')).split('\n').filter((l) => l.startsWith('headsup_'));

  it('fetches the status of an SMS whose callback never came, 30 minutes after its send, and settles it delivered', async () => {
    const { id, sid } = await sendAt(T0);
    twilio.fake.fetches.settleUnreported(sid, 'delivered');

    t = T0 + 29 * MINUTE;
    expect(await poller.pollOnce()).toBe('none');
    expect(fetchesOf(sid)).toBe(0);

    t = T0 + 31 * MINUTE;
    expect(await poller.pollOnce()).toBe('applied');
    expect(fetchesOf(sid)).toBe(1);
    expect(row(id)).toMatchObject({ state: 'delivered', providerId: null });
    expect(await polledMetric()).toEqual([
      'headsup_delivery_reports_polled_total{status="delivered"} 1',
      'headsup_delivery_reports_polled_total{status="failed"} 0',
      'headsup_delivery_reports_polled_total{status="undelivered"} 0',
    ]);
    // Settled: never asked about again.
    t = T0 + 2 * HOUR;
    expect(await poller.pollOnce()).toBe('none');
    expect(fetchesOf(sid)).toBe(1);
  });

  it('counts a polled "read" (a message its recipient opened) as delivered', async () => {
    const { id, sid } = await sendAt(T0);
    twilio.fake.fetches.settleUnreported(sid, 'read');
    t = T0 + 31 * MINUTE;
    expect(await poller.pollOnce()).toBe('applied');
    expect(row(id)).toMatchObject({ state: 'delivered' });
    expect(await polledMetric()).toContain('headsup_delivery_reports_polled_total{status="delivered"} 1');
  });

  it('sends again an SMS Twilio reports undelivered (30003) only when asked, and logs neither the number nor the sid', async () => {
    const { id, sid } = await sendAt(T0);
    twilio.fake.fetches.settleUnreported(sid, 'undelivered', 30003);

    t = T0 + 31 * MINUTE;
    expect(await poller.pollOnce()).toBe('applied');

    expect(row(id)).toMatchObject({ state: 'pending', error: 'unreachable:undelivered:30003' });
    const due = row(id).dueAt;
    expect(due).toBeGreaterThan(t);
    const [again] = claimLane(db, 'sms', due, 10, due + MINUTE);
    expect(again?.id).toBe(id);
    expect(openBody(vault, again!)).toBe(TEXT);
    const resent = await twilio.sender.send(MEMBER, openBody(vault, again!));
    recordOutcomes(db, [{ id, kind: 'sent', providerId: resent.providerId }], due);
    // The fake is the file's: earlier cases' messages come first.
    expect(twilio.fake.to(MEMBER).map((m) => m.sid).slice(-2)).toEqual([sid, resent.providerId]);
    expect(twilio.fake.to(MEMBER).at(-1)?.body).toBe(TEXT);
    expect(await polledMetric()).toEqual([
      'headsup_delivery_reports_polled_total{status="delivered"} 0',
      'headsup_delivery_reports_polled_total{status="failed"} 0',
      'headsup_delivery_reports_polled_total{status="undelivered"} 1',
    ]);
    const logged = logs.join('\n');
    expect(logged).toContain('was fetched from Twilio');
    expect([MEMBER, MEMBER.slice(2), sid].filter((needle) => logged.includes(needle))).toEqual([]);
  });

  it('asks about a message Twilio never settles three times, an hour apart, and none sent 4 hours ago', async () => {
    const { id, sid } = await sendAt(T0);
    const results: string[] = [];
    for (const minutes of [31, 40, 91, 100, 151, 211, 235]) {
      t = T0 + minutes * MINUTE;
      results.push(await poller.pollOnce());
    }
    expect(results).toEqual(['not_final', 'none', 'not_final', 'none', 'not_final', 'none', 'none']);
    expect(fetchesOf(sid)).toBe(3);
    expect(row(id)).toMatchObject({ state: 'sent', providerId: sid });

    // Sent over 4 hours ago: no report can send it again, so it is never asked about, even once.
    const late = await sendAt(T0 + HOUR);
    t = T0 + 5 * HOUR + MINUTE;
    expect(await poller.pollOnce()).toBe('none');
    expect(fetchesOf(late.sid)).toBe(0);
  });

  it('spends none of a message\'s three polls on fetches failed in an outage: once Twilio answers, its 30003 sends it again', async () => {
    const { id, sid } = await sendAt(T0);
    twilio.fake.fetches.failWith = TWILIO_ERRORS.serverError;
    const results: string[] = [];
    for (const minutes of [31, 91, 151]) {
      t = T0 + minutes * MINUTE;
      results.push(await poller.pollOnce());
    }
    twilio.fake.fetches.failWith = null;
    twilio.fake.fetches.settleUnreported(sid, 'undelivered', 30003);
    t = T0 + 157 * MINUTE;
    results.push(await poller.pollOnce());

    expect(results).toEqual(['failed', 'failed', 'failed', 'applied']);
    expect(row(id)).toMatchObject({ state: 'pending', error: 'unreachable:undelivered:30003' });
  });

  it('asks about the next message while one whose fetch failed waits a few minutes, its polls unspent', async () => {
    const first = await sendAt(T0);
    const second = await sendAt(T0 + MINUTE);
    twilio.fake.fetches.failWith = TWILIO_ERRORS.serverError;
    t = T0 + 32 * MINUTE;
    expect(await poller.pollOnce()).toBe('failed');
    t += 10_000;
    expect(await poller.pollOnce()).toBe('failed');
    // One failing message was asked about at every tick, and no other ever was.
    expect([fetchesOf(first.sid), fetchesOf(second.sid)]).toEqual([1, 1]);

    twilio.fake.fetches.failWith = null;
    twilio.fake.fetches.settleUnreported(first.sid, 'delivered');
    t += 10_000;
    expect(await poller.pollOnce()).toBe('none');
    t = T0 + 38 * MINUTE;
    expect(await poller.pollOnce()).toBe('applied');
    expect(row(first.id)).toMatchObject({ state: 'delivered' });
  });

  it('asks about a message sent again (a new Twilio id) afresh: the earlier send\'s three polls are not its own', async () => {
    const { id, sid } = await sendAt(T0);
    const results: string[] = [];
    for (const minutes of [31, 91, 151]) {
      t = T0 + minutes * MINUTE;
      results.push(await poller.pollOnce());
    }
    // The first send's 30003 comes by its callback at 2 h 40: due again, and sent again at 2 h 55.
    t = T0 + 160 * MINUTE;
    expect(applyDeliveryReport(db, vault, { providerId: sid, delivery: { kind: 'unreachable', code: 'undelivered:30003' } }, t)).toEqual({ matched: true, kind: 'retry' });
    const due = row(id).dueAt;
    expect(claimLane(db, 'sms', due, 10, due + MINUTE).map((r) => r.id)).toEqual([id]);
    const resent = await twilio.sender.send(MEMBER, TEXT);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: resent.providerId }], T0 + 175 * MINUTE);
    // The second send's 30003 callback is lost: only a fetch finds it.
    twilio.fake.fetches.settleUnreported(resent.providerId, 'undelivered', 30003);
    t = T0 + 206 * MINUTE;
    results.push(await poller.pollOnce());

    expect(results).toEqual(['not_final', 'not_final', 'not_final', 'applied']);
    expect(fetchesOf(resent.providerId)).toBe(1);
    expect(row(id)).toMatchObject({ state: 'pending', error: 'unreachable:undelivered:30003' });
  });

  it('asks about a message never asked about before one asked about already, however much older that one is', async () => {
    const older = await sendAt(T0);
    const newer = await sendAt(T0 + 40 * MINUTE);
    for (const minutes of [31, 91, 92]) {
      t = T0 + minutes * MINUTE;
      expect(await poller.pollOnce()).toBe('not_final');
    }
    // At 1 h 31 the older one's second poll was due, the newer one's first (the one that can still find a 30003 in time).
    expect(twilio.fake.fetches.fetched.slice(-3)).toEqual([older.sid, newer.sid, older.sid]);
  });

  it("warns, as the status route does, of a polled 30034 (the line's own unregistered sender): the code only, once an hour", async () => {
    const first = await sendAt(T0);
    const second = await sendAt(T0 + MINUTE);
    twilio.fake.fetches.settleUnreported(first.sid, 'undelivered', 30034);
    twilio.fake.fetches.settleUnreported(second.sid, 'undelivered', 30034);
    for (const minutes of [31, 32]) {
      t = T0 + minutes * MINUTE;
      expect(await poller.pollOnce()).toBe('applied');
    }

    const warnings = logs.map((l) => JSON.parse(l) as { level: number; code?: string; msg: string }).filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ code: '30034', msg: expect.stringContaining('Twilio reports messages undelivered (30034): the sending number is a US long code not registered') })]);
    const logged = logs.join('\n');
    expect([MEMBER, MEMBER.slice(2), first.sid, second.sid].filter((needle) => logged.includes(needle))).toEqual([]);
  });

  it("stops asking about a message Twilio answers 404 (20404) for, and leaves its row as it was", async () => {
    const id = enqueueMessage(db, vault, member, TEXT, T0);
    claimLane(db, 'sms', T0, 10, T0 + MINUTE);
    const unknown = `SM${'0'.repeat(32)}`;
    recordOutcomes(db, [{ id, kind: 'sent', providerId: unknown }], T0);

    t = T0 + 31 * MINUTE;
    expect(await poller.pollOnce()).toBe('gone');
    t = T0 + 2 * HOUR;
    expect(await poller.pollOnce()).toBe('none');

    expect(fetchesOf(unknown)).toBe(1);
    expect(row(id)).toMatchObject({ state: 'sent', providerId: unknown });
  });
});
