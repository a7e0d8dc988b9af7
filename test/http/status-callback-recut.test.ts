/**
 * A status callback names its try in its signed URL (?o=row&a=try). Twilio's
 * signature runs the URL straight into the first field's name, so "&a=1" can
 * be moved out of the URL into a field name and the signature still holds:
 * a captured report of an earlier try then settles the try in flight.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import twilio from 'twilio';
import { Regions } from '../../src/alerts/regions';
import { buildApp } from '../../src/app';
import { Bot } from '../../src/bot/bot';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, tempDir } from '../helpers/harness';

const STATUS = '/webhooks/twilio/status';
const T0 = Date.now();

async function setup() {
  await cryptoReady();
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const vault = new Vault(new Uint8Array(32).fill(3));
  const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
  const metrics = new Metrics(db);
  let now = T0;
  const bot = new Bot({
    db, vault, regions: Regions.load(), moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
    limits: DEFAULT_LIMITS, now: () => now, onQueued: () => undefined, onAlert: () => undefined,
  });
  const inbound = new InboundPath({ message: bot.message, log, metrics, now: () => now });
  const app = buildApp({
    log, metrics,
    twilio: { inbound, db, vault, metrics, publicUrl: PUBLIC_URL, authToken: AUTH_TOKEN, carrier: true, now: () => now },
    health: { database: () => 'ready', providers: async () => ({}), channels: () => ({}) },
  });
  return { db, vault, app, metrics, setNow: (t: number) => void (now = t) };
}

describe('a status callback re-cut between its URL and its fields', () => {
  it("does not let the first try's report settle the second try in flight", async () => {
    const { db, vault, app, setNow } = await setup();
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    const id = enqueueMessage(db, vault, member, 'ALERT 415: grey van', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    const SMA = `SM${'a'.repeat(32)}`;
    recordOutcomes(db, [{ id, kind: 'sent', providerId: SMA }], T0);

    // Try 1's real report, as Twilio signs and posts it: the handset was off, so the row is tried again later.
    const fields = { AccountSid: ACCOUNT_SID, ErrorCode: '30003', MessageSid: SMA, MessageStatus: 'undelivered' };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${STATUS}?o=${id}&a=1`, fields);
    const real = await app.inject({
      method: 'POST', url: `${STATUS}?o=${id}&a=1`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(real.statusCode).toBe(204);
    const row = () => db.sqlite.prepare('SELECT state, attempts, provider_id FROM outbox WHERE id = ?').get(id) as { state: string; attempts: number; provider_id: string | null };
    expect(row()).toMatchObject({ state: 'pending', provider_id: SMA });

    // Try 2 is claimed and its send is in flight.
    const now = T0 + 3_600_000;
    setNow(now);
    expect(claimLane(db, 'sms', now, 10, now + 60_000)).toHaveLength(1);
    expect(row()).toMatchObject({ state: 'pending', attempts: 2, provider_id: null });

    // Try 1's captured report, replayed with "&a=1" moved from the URL into the first field's name: the same signed text.
    const forged = await app.inject({
      method: 'POST', url: `${STATUS}?o=${id}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: `${encodeURIComponent('&a=1AccountSid')}=${ACCOUNT_SID}&ErrorCode=30003&MessageSid=${SMA}&MessageStatus=undelivered`,
    });
    // Try 2 must be unaffected: it is still in flight (no provider id), so its own outcome can land.
    expect(row()).toMatchObject({ state: 'pending', attempts: 2, provider_id: null });
    expect([400, 403]).toContain(forged.statusCode);
    db.close();
  });

  it("does not let one member's report ('unknown number') land on another member's queued alert", async () => {
    const { db, vault, app } = await setup();
    // Row 1: Ana's alert, still waiting in a long fan-out. Rows 2 to 12: other members'; row 12 is sent to a lapsed number.
    const ana = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    subscribe(db, ana, ['415'], T0);
    const first = enqueueMessage(db, vault, ana, 'ALERT 415: grey van', T0);
    expect(first).toBe(1);
    let last = first;
    for (let i = 2; i <= 12; i++) {
      const m = ensureMember(db, vault, { channel: 'sms', address: `+141555502${String(i).padStart(2, '0')}`, phone: `+141555502${String(i).padStart(2, '0')}` }, 'en', T0).id;
      last = enqueueMessage(db, vault, m, 'ALERT 415: grey van', T0);
    }
    expect(last).toBe(12);
    db.sqlite.prepare('UPDATE outbox SET attempts = 1, provider_id = ?, state = ? WHERE id = 12').run(`SM${'c'.repeat(32)}`, 'sent');

    // Row 12's real report: the number is no longer in service (30005). Signed over ?o=12&a=1.
    const fields = { AccountSid: ACCOUNT_SID, ErrorCode: '30005', MessageSid: `SM${'c'.repeat(32)}`, MessageStatus: 'undelivered' };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${STATUS}?o=12&a=1`, fields);
    // Replayed as ?o=1, with "2&a=1" moved into the first field's name: the same signed text.
    const forged = await app.inject({
      method: 'POST', url: `${STATUS}?o=1`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      payload: `${encodeURIComponent('2&a=1AccountSid')}=${ACCOUNT_SID}&ErrorCode=30005&MessageSid=SM${'c'.repeat(32)}&MessageStatus=undelivered`,
    });
    const status = (db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(ana) as { status: string }).status;
    const areas = (db.sqlite.prepare('SELECT count(*) AS n FROM subscriptions WHERE member_id = ?').get(ana) as { n: number }).n;
    expect({ status, areas, row1: (db.sqlite.prepare('SELECT state FROM outbox WHERE id = 1').get() as { state: string }).state }).toEqual({ status: 'active', areas: 1, row1: 'pending' });
    expect([400, 403]).toContain(forged.statusCode);
    db.close();
  });

  it('counts a report once however often its signed form is posted again, answering each with 204', async () => {
    const { db, vault, app, metrics } = await setup();
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    const id = enqueueMessage(db, vault, member, 'ALERT 415: grey van', T0);
    claimLane(db, 'sms', T0, 10, T0 + 60_000);
    const SMA = `SM${'d'.repeat(32)}`;
    recordOutcomes(db, [{ id, kind: 'sent', providerId: SMA }], T0);
    const post = async (fields: Record<string, string>) =>
      (
        await app.inject({
          method: 'POST', url: `${STATUS}?o=${id}&a=1`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${STATUS}?o=${id}&a=1`, fields) },
          payload: new URLSearchParams(fields).toString(),
        })
      ).statusCode;
    const counted = async () => Object.fromEntries((await metrics.deliveryReports.get()).values.map((v) => [v.labels.status, v.value]));
    // Twilio's 'sent' for a try already recorded sent changes nothing (as every send's does), nor does a report for no row of ours.
    expect(await post({ AccountSid: ACCOUNT_SID, MessageSid: SMA, MessageStatus: 'sent' })).toBe(204);
    expect(await post({ AccountSid: ACCOUNT_SID, MessageSid: `SM${'e'.repeat(32)}`, MessageStatus: 'delivered' })).toBe(204);
    const undelivered = { AccountSid: ACCOUNT_SID, ErrorCode: '30003', MessageSid: SMA, MessageStatus: 'undelivered' };
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await post(undelivered));
    expect(answers).toEqual([204, 204, 204, 204, 204]);
    expect(await counted()).toEqual({ delivered: 0, failed: 0, progress: 0, undelivered: 1 });
    db.close();
  });
});
