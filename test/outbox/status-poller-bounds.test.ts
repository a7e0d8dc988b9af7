/**
 * The status poller's bounds and what it tells (outbox/status-poller.ts),
 * beside status-poller.test.ts: a message whose fetch failed waits exactly
 * its few minutes, a clock stepped back holds nothing for the step's length,
 * a polled failure is counted and logged by its kind (never by number or
 * sid), a final status fetched queues Twilio's redaction (TWILIO_REDACT),
 * and a poll that throws is logged and the loop goes on. The real adapter
 * against the fake Twilio API on loopback; the poller's clock is the test's.
 */
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { ProviderCleanup } from '../../src/outbox/provider-cleanup';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../../src/outbox/status-poller';
import type { Db } from '../../src/store/db';
import { claimProviderTasks } from '../../src/store/provider-tasks';
import type { Vault } from '../../src/store/vault';
import { TWILIO_ERRORS } from '../fakes/fake-twilio';
import { waitFor } from '../helpers/wait-for';
import { sentUnreported } from './sent-unreported';
import { pollerLine } from './poller-line';
import type { TwilioLoopback } from './twilio-loopback';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MEMBER = '+14155550164';
const TEXT = 'ALERT 415: silver sedan';

describe("the status poller's bounds", () => {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  let metrics: Metrics;
  let logs: string[];
  let t: number;
  let member: number;
  const log = () => createLogger('debug', { write: (l: string) => void logs.push(l) });
  const poller = (cleanup: ProviderCleanup | null = null, perMinute = DEFAULT_STATUS_POLL.perMinute) =>
    new StatusPoller(db, vault, twilio.sender, log(), metrics, cleanup, { ...DEFAULT_STATUS_POLL, perMinute }, () => t);

  pollerLine({ key: 12, account: '4', token: 'status-poller-bounds-token-0123', member: MEMBER, joinedBefore: T0 }, (line) => ({ twilio, vault, db, member } = line));
  beforeEach(() => {
    metrics = new Metrics(db);
    logs = [];
    t = T0;
  });

  const sendAt = (at: number) => sentUnreported(db, vault, twilio, { member, address: MEMBER }, TEXT, at);
  const fetchesOf = (sid: string) => twilio.fake.fetches.fetched.filter((s) => s === sid).length;
  const parsed = () => logs.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string; kind?: string; err?: unknown });
  const outcomes = async () => (await metrics.registry.getSingleMetricAsString('headsup_outbox_outcomes_total')).split('\n').filter((l) => l.startsWith('headsup_') && !l.endsWith(' 0'));

  it('asks again about a message whose fetch failed exactly 5 minutes after, not before, not even at the same instant', async () => {
    const { sid } = await sendAt(T0);
    const p = poller();
    twilio.fake.fetches.failWith = TWILIO_ERRORS.serverError;
    t = T0 + 31 * MINUTE;
    expect(await p.pollOnce()).toBe('failed');
    expect(await p.pollOnce()).toBe('none');
    twilio.fake.fetches.failWith = null;
    t = T0 + 36 * MINUTE - 1;
    expect(await p.pollOnce()).toBe('none');
    t = T0 + 36 * MINUTE;
    expect(await p.pollOnce()).toBe('not_final');
    expect(fetchesOf(sid)).toBe(2);
  });

  it('logs why a fetch failed by its kind and code only: not the number, not the sid', async () => {
    const { sid } = await sendAt(T0);
    twilio.fake.fetches.failWith = TWILIO_ERRORS.serverError;
    t = T0 + 31 * MINUTE;
    expect(await poller().pollOnce()).toBe('failed');
    expect(parsed().filter((l) => l.msg.startsWith('could not fetch the status'))).toEqual([expect.objectContaining({ reason: 'server:20500' })]);
    expect([MEMBER, MEMBER.slice(2), sid].filter((needle) => logs.join('\n').includes(needle))).toEqual([]);
  });

  it('asks at once after the clock stepped back, rather than holding a message for the length of the step', async () => {
    const { sid } = await sendAt(T0);
    const p = poller();
    // A failed fetch at 1 h 40, then the clock back to 40 minutes: its 5-minute wait does not last an hour.
    twilio.fake.fetches.failWith = TWILIO_ERRORS.serverError;
    t = T0 + 100 * MINUTE;
    expect(await p.pollOnce()).toBe('failed');
    twilio.fake.fetches.failWith = null;
    t = T0 + 40 * MINUTE;
    expect(await p.pollOnce()).toBe('not_final');
    // An answered fetch at 40 minutes, then the clock back to 35: its next poll is not an hour and 5 minutes away.
    t = T0 + 35 * MINUTE;
    expect(await p.pollOnce()).toBe('not_final');
    expect(fetchesOf(sid)).toBe(3);
  });

  it('counts a polled 30003 as a retry and a polled 30005 as a failure, a delivery as neither, and logs each by its kind', async () => {
    const retried = await sendAt(T0);
    const invalid = await sendAt(T0 + MINUTE);
    const delivered = await sendAt(T0 + 2 * MINUTE);
    twilio.fake.fetches.settleUnreported(retried.sid, 'undelivered', 30003);
    twilio.fake.fetches.settleUnreported(invalid.sid, 'undelivered', 30005);
    twilio.fake.fetches.settleUnreported(delivered.sid, 'delivered');
    const p = poller();
    for (const minutes of [33, 34, 35]) {
      t = T0 + minutes * MINUTE;
      expect(await p.pollOnce()).toBe('applied');
    }
    expect(await outcomes()).toEqual(['headsup_outbox_outcomes_total{channel="sms",outcome="retry",reason="retry"} 1', 'headsup_outbox_outcomes_total{channel="sms",outcome="failed",reason="invalid"} 1']);
    expect(parsed().filter((l) => l.msg.includes('was fetched from Twilio')).map((l) => l.kind)).toEqual(['retry', 'invalid', 'delivered']);
  });

  it('with TWILIO_REDACT, queues the redaction of a message whose final status it fetched', async () => {
    const { sid } = await sendAt(T0);
    twilio.fake.fetches.settleUnreported(sid, 'delivered');
    const cleanup = new ProviderCleanup(db, vault, twilio.sender, log(), undefined, () => t);
    t = T0 + 31 * MINUTE;
    expect(await poller(cleanup).pollOnce()).toBe('applied');
    expect(claimProviderTasks(db, vault, t + HOUR, 10, t + 2 * HOUR).map((task) => ({ kind: task.kind, sids: task.sids }))).toEqual([{ kind: 'redact', sids: [sid] }]);
  });

  it('logs a poll that throws and polls again at the next tick', async () => {
    const { sid } = await sendAt(T0);
    twilio.fake.fetches.settleUnreported(sid, 'delivered');
    t = T0 + 31 * MINUTE;
    // The poll's query fails (its index gone) until the index is back.
    db.sqlite.exec('DROP INDEX outbox_sms_unreported');
    const p = poller(null, 6_000);
    p.start();
    try {
      await waitFor(() => parsed().some((l) => l.level === 50), 10_000, 'the failed poll logged');
      expect(parsed().filter((l) => l.level === 50)[0]).toMatchObject({ msg: 'polling a delivery status failed; trying again at the next tick', err: { type: 'SqliteError' } });
      db.sqlite.exec("CREATE INDEX outbox_sms_unreported ON outbox (updated_at) WHERE state = 'sent' AND channel = 'sms' AND provider_id IS NOT NULL");
      await waitFor(() => parsed().some((l) => l.msg.includes('was fetched from Twilio')), 10_000, 'the next poll');
    } finally {
      await p.stop();
    }
    expect(fetchesOf(sid)).toBe(1);
  });
});
