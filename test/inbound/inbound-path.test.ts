/**
 * The inbound path keeps an SMS whose handling failed, as it does a Signal
 * message, and once the fault is gone handles it and sends the reply
 * through the outbox (the webhook got an empty answer long ago).
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { Regions } from '../../src/alerts/regions';
import { Bot } from '../../src/bot/bot';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, openBody } from '../../src/store/outbox';
import { listAreas } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid } from '../helpers/provider-ids';
import { tempDir } from '../helpers/temp-dir';

class FlakyRegions extends Regions {
  broken = true;
  override resolve(tokens: string[]) {
    if (this.broken) throw new Error('regions unavailable');
    return super.resolve(tokens);
  }
}

describe('an SMS whose handling fails', () => {
  let db: Db;
  let vault: Vault;
  let regions: FlakyRegions;
  let inbound: InboundPath;
  let clock = Date.UTC(2026, 11, 2, 6);
  let wakes = 0;

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    vault = new Vault(new Uint8Array(32).fill(13));
    regions = new FlakyRegions({ 'san-francisco': ['415', '628'] });
    const now = () => clock;
    const bot = new Bot({
      db, vault, regions, moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: DEFAULT_LIMITS, now, onQueued: () => void wakes++, onAlert: () => undefined,
    });
    const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
    inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now, retry: { firstMs: 1_000, maxMs: 8_000, maxAttempts: 4, pollMs: 60_000 } });
  });
  afterAll(() => {
    inbound.close();
    db.close();
  });

  it('is answered empty at once, then handled on retry with its reply queued on the SMS lane', async () => {
    const phone = '+14155550761';
    const sid = newSid();
    const first = await inbound.submit({ sender: { channel: 'sms', address: phone, phone }, text: 'JOIN 628', providerId: sid }, 'response');
    expect(first).toMatchObject({ parked: true, reply: null });
    expect(findMember(db, vault, { channel: 'sms', address: phone })).toBeUndefined();

    regions.broken = false;
    clock += 1_000;
    const wakesBefore = wakes;
    expect(inbound.retryDue()).toBe(1);
    const member = findMember(db, vault, { channel: 'sms', address: phone });
    expect(member && listAreas(db, member.id)).toEqual(['628']);
    expect(wakes).toBe(wakesBefore + 1);
    const rows = claimLane(db, 'sms', clock + 1, 10, clock + 60_000);
    expect(rows.map((r) => openBody(vault, r))).toEqual([expect.stringContaining('alerts for 628')]);

    // Twilio retrying the same webhook now gets the reply, and nothing is done twice.
    const again = await inbound.submit({ sender: { channel: 'sms', address: phone, phone }, text: 'JOIN 628', providerId: sid }, 'response');
    expect(again).toMatchObject({ duplicate: true, reply: expect.stringContaining('alerts for 628') });
    expect(claimLane(db, 'sms', clock + 1, 10, clock + 60_000)).toEqual([]);
  });

  it('is not tried again after its sender’s STOP: a parked JOIN would subscribe them again', async () => {
    const phone = '+14155550763';
    const sender = { channel: 'sms' as const, address: phone, phone };
    expect(await inbound.submit({ sender, text: 'JOIN 415', providerId: newSid() }, 'response')).toMatchObject({ reply: expect.stringContaining('alerts for 415') });
    regions.broken = true;
    expect(await inbound.submit({ sender, text: 'JOIN 628', providerId: newSid() }, 'response')).toMatchObject({ parked: true });
    regions.broken = false;
    await inbound.submit({ sender, text: 'STOP', providerId: newSid(), answered: true }, 'response');
    clock += 1_000;
    expect(inbound.retryDue()).toBe(0);
    const member = findMember(db, vault, { channel: 'sms', address: phone });
    expect(member?.status).toBe('stopped');
    expect(member && listAreas(db, member.id)).toEqual([]);
  });
});

describe('a provider retry after its sender’s DELETE', () => {
  let db: Db;
  let inbound: InboundPath;

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(14));
    const bot = new Bot({
      db, vault, regions: Regions.load(), moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: DEFAULT_LIMITS, now: Date.now, onQueued: () => undefined, onAlert: () => undefined,
    });
    const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
    inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now: Date.now });
  });
  afterAll(() => {
    inbound.close();
    db.close();
  });

  it('neither repeats the reply DELETE erased nor brings the member back', async () => {
    const sender = { channel: 'sms' as const, address: '+14155550762', phone: '+14155550762' };
    const sid = newSid();
    expect((await inbound.submit({ sender, text: 'JOIN 415', providerId: sid }, 'response')).reply).toContain('alerts for 415');
    expect((await inbound.submit({ sender, text: 'DELETE', providerId: newSid() }, 'response')).reply).not.toBeNull();

    const again = await inbound.submit({ sender, text: 'JOIN 415', providerId: sid }, 'response');
    expect(again).toMatchObject({ duplicate: true, reply: null });
    expect((await inbound.submit({ sender, text: 'AREAS', providerId: newSid() }, 'response')).reply).toContain('not subscribed');
  });
});
