/**
 * doctor's warning that status callbacks are lost (found by a hunt on the
 * operator's tools): it counted any delivery reported in the last day, so
 * callbacks that stopped after one came 20 hours ago kept it silent for the
 * rest of the day. It now counts only deliveries reported since the oldest
 * SMS left without one was taken, and never those the status poller fetched
 * itself: on a line whose status URL is broken, the poller's deliveries
 * would hide the warning for good.
 */
import path from 'node:path';
import { runDoctor } from '../../src/cli/doctor';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../../src/outbox/status-poller';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { twilioLoopback, type TwilioLoopback } from '../outbox/twilio-loopback';
import { tempDir } from '../helpers/temp-dir';

const KEY = Buffer.alloc(32, 5).toString('base64');
const HOUR = 3_600_000;
const TEXT = 'Heads Up: hello';

describe('doctor on status callbacks that stopped', () => {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  let file: string;
  let n = 0;

  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
    twilio = await twilioLoopback('7', 'doctor-reports-since-token-01234');
  });
  afterAll(async () => twilio.close());
  beforeEach(() => {
    file = path.join(tempDir(), 'heads-up.db');
    db = new Db(file);
    migrate(db);
  });
  afterEach(() => db.close());

  /** `count` SMS sent through Twilio at `at`, each to a member of its own; their Twilio ids. */
  async function sendAt(at: number, count: number): Promise<string[]> {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const phone = `+1415555${String(2000 + n++)}`;
      ids.push(enqueueMessage(db, vault, ensureMember(db, vault, { channel: 'sms', address: phone, phone }, 'en', at).id, TEXT, at));
    }
    expect(claimLane(db, 'sms', at, count, at + 60_000).map((r) => r.id)).toEqual(ids);
    const sids: string[] = [];
    for (const id of ids) {
      const { providerId } = await twilio.sender.send('+14155550100', TEXT);
      recordOutcomes(db, [{ id, kind: 'sent', providerId }], at);
      sids.push(providerId);
    }
    return sids;
  }

  const warning = async () => {
    const results = await runDoctor({ NODE_ENV: 'test', DATA_DIR: path.dirname(file), HEADSUP_MASTER_KEY: KEY });
    return results.filter((r) => r.name === 'sms delivery reports').map((r) => [r.ok, r.warn, r.detail.slice(0, 40)]);
  };
  const WARNED = [[true, true, '20 SMS Twilio took between 24 and 2 hour']];

  it('warns of 20 SMS taken 3 hours ago with no report, though a callback reported a delivery 20 hours ago', async () => {
    const now = Date.now();
    const [earlier] = await sendAt(now - 20 * HOUR, 1);
    applyDeliveryReport(db, vault, { providerId: earlier!, delivery: { kind: 'delivered' } }, now - 20 * HOUR + 60_000);
    await sendAt(now - 3 * HOUR, 20);
    expect(await warning()).toEqual(WARNED);
  });

  it('still warns once the status poller has fetched their deliveries itself, and not once a callback reports one', async () => {
    const now = Date.now();
    const sids = await sendAt(now - 3 * HOUR, 20);
    for (const sid of sids) twilio.fake.fetches.settleUnreported(sid, 'delivered');
    const poller = new StatusPoller(db, vault, twilio.sender, createLogger('silent'), new Metrics(db), null, DEFAULT_STATUS_POLL, () => now - 2 * HOUR - 20 * 60_000);
    for (let i = 0; i < 5; i++) expect(await poller.pollOnce()).toBe('applied');
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'delivered'").get()).toEqual({ n: 5 });
    expect(await warning()).toEqual(WARNED);
    // A callback's delivery since: they arrive.
    const [later] = await sendAt(now - 90 * 60_000, 1);
    applyDeliveryReport(db, vault, { providerId: later!, delivery: { kind: 'delivered' } }, now - 80 * 60_000);
    expect(await warning()).toEqual([]);
  });

  it('reads a line the server has not yet brought to migration 0066 (doctor before the first start of an upgrade)', async () => {
    await sendAt(Date.now() - 3 * HOUR, 20);
    db.sqlite.exec("ALTER TABLE outbox DROP COLUMN polled; DELETE FROM schema_migrations WHERE name LIKE '0066%'");
    expect(await warning()).toEqual(WARNED);
  });
});
