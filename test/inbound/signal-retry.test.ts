/**
 * Signal delivers a message once, so one whose handling fails is parked,
 * sealed, and tried again with backoff by the inbound path: handled once the
 * fault is gone, dropped after the last attempt, never readable in the
 * database file. Real SQLite file, real crypto, real Signal envelopes; the
 * fault is a region lookup that throws.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Regions } from '../../src/alerts/regions';
import { Bot } from '../../src/bot/bot';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { parseSignalItem } from '../../src/channels/signal/signal-envelope';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { listAreas } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, tempDir } from '../helpers/harness';

/** Regions whose look-up fails while `broken` is set, as a bug or a lost file would. */
class FlakyRegions extends Regions {
  broken = true;
  override resolve(tokens: string[]) {
    if (this.broken) throw new Error('regions unavailable');
    return super.resolve(tokens);
  }
}

const RETRY = { firstMs: 1_000, maxMs: 8_000, maxAttempts: 4, pollMs: 60_000 };

describe('a Signal message whose handling fails', () => {
  let file: string;
  let db: Db;
  let vault: Vault;
  let regions: FlakyRegions;
  let inbound: InboundPath;
  let clock = Date.UTC(2026, 10, 22, 3);
  const logs: string[] = [];

  beforeAll(async () => {
    await cryptoReady();
    file = path.join(tempDir(), 'heads-up.db');
    db = new Db(file);
    migrate(db);
    vault = new Vault(new Uint8Array(32).fill(11));
    regions = new FlakyRegions({ 'san-francisco': ['415', '628'] });
    const log = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
    const now = () => clock;
    const bot = new Bot({
      db, vault, regions, moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: DEFAULT_LIMITS, now, onQueued: () => {}, onAlert: () => {},
    });
    inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now, retry: RETRY });
  });
  afterAll(async () => {
    inbound.close();
    db.close();
  });

  /** What the Signal entry does with a received item: the adapter, then the path, the reply by the outbox. */
  const receive = (item: unknown) => inbound.submit(parseSignalItem(item) as NonNullable<ReturnType<typeof parseSignalItem>>, 'outbox');
  const parked = () => db.sqlite.prepare('SELECT attempts, due_at FROM inbound_retry ORDER BY id').all() as Array<{ attempts: number; due_at: number }>;
  const areasOf = (uuid: string) => {
    const m = findMember(db, vault, { channel: 'signal', address: uuid });
    return m ? listAreas(db, m.id) : null;
  };

  it('is kept sealed, tried again with backoff, and handled once the fault is gone', async () => {
    const who = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', number: '+14155550777' };
    regions.broken = true;
    const envelope = textEnvelope(SIGNAL_NUMBER, who, 'JOIN 415 628');
    await receive(envelope);
    expect(areasOf(who.uuid)).toBeNull();
    expect(parked()).toEqual([{ attempts: 1, due_at: clock + 1_000 }]);
    expect(logs.some((l) => l.includes('it will be tried again'))).toBe(true);

    // Neither the number nor the text can be read from the file.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('4155550777'))).toBe(false);
    expect(bytes.includes(Buffer.from('JOIN 415 628'))).toBe(false);

    // Not due yet: nothing happens.
    expect(inbound.retryDue()).toBe(0);
    expect(parked()[0]?.attempts).toBe(1);
    // Due, still failing: postponed, the wait doubled.
    clock += 1_000;
    expect(inbound.retryDue()).toBe(0);
    expect(parked()).toEqual([{ attempts: 2, due_at: clock + 2_000 }]);

    regions.broken = false;
    clock += 2_000;
    expect(inbound.retryDue()).toBe(1);
    expect(areasOf(who.uuid)).toEqual(['415', '628']);
    expect(parked()).toEqual([]);
    // Handled once: trying again finds nothing, and the same message delivered again is not acted on.
    expect(inbound.retryDue()).toBe(0);
    const queued = () => (db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
    expect(queued()).toBe(1);
    await receive(envelope);
    expect(queued()).toBe(1);
    expect(parked()).toEqual([]);
  });

  it('keeps when Signal received it: an answer sent before its question lapsed is still an answer when tried again after', async () => {
    // Her number hidden: JOIN asks which area (an hour to answer).
    const who = { uuid: '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', number: null };
    regions.broken = false;
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN', clock, clock));
    regions.broken = true;
    clock += 50 * 60_000;
    await receive(textEnvelope(SIGNAL_NUMBER, who, '415', clock, clock));
    expect(parked()).toHaveLength(1);
    // Fixed 20 minutes on: the question has lapsed since, not when she answered.
    regions.broken = false;
    clock += 20 * 60_000;
    expect(inbound.retryDue()).toBe(1);
    expect(areasOf(who.uuid)).toEqual(['415']);
  });

  it('at start is tried whether due or not; failing there, keeps its tries and its next time', async () => {
    const who = { uuid: '0f1a2b3c-4d5e-4f6a-9b7c-8d9e0f1a2b3c', number: null };
    regions.broken = true;
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 212'));
    expect(parked()).toEqual([{ attempts: 1, due_at: clock + 1_000 }]);
    // Still failing, not due: left as it was (a server restarting in a loop must not use up its tries).
    expect(await inbound.retryAllParked(() => true)).toBe(0);
    expect(parked()).toEqual([{ attempts: 1, due_at: clock + 1_000 }]);
    // Fixed, still not due: handled now, not at its time.
    regions.broken = false;
    expect(await inbound.retryAllParked(() => true)).toBe(1);
    expect(parked()).toEqual([]);
    expect(areasOf(who.uuid)).toEqual(['212']);
  });

  it('at start: more than a batch of them, all handled', async () => {
    const senders = Array.from({ length: 55 }, (_, n) => ({ uuid: `2b3c4d5e-6f70-4a8b-9c0d-${String(n).padStart(12, '0')}`, number: null }));
    regions.broken = true;
    for (const who of senders) await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 212'));
    expect(parked()).toHaveLength(55);
    regions.broken = false;
    expect(await inbound.retryAllParked(() => true)).toBe(55);
    expect(parked()).toEqual([]);
    expect(senders.map((who) => areasOf(who.uuid))).toEqual(senders.map(() => ['212']));
  });

  it('at start is tried only while the bound allows', async () => {
    const who = { uuid: '1a2b3c4d-5e6f-4a7b-8c8d-9e0f1a2b3c4d', number: null };
    regions.broken = true;
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 212'));
    regions.broken = false;
    expect(await inbound.retryAllParked(() => false)).toBe(0);
    expect(parked()).toHaveLength(1);
    clock += 1_000;
    expect(inbound.retryDue()).toBe(1);
    expect(parked()).toEqual([]);
  });

  it('is dropped, and says so, after the last attempt', async () => {
    const who = { uuid: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', number: null };
    regions.broken = true;
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 212'));
    for (let attempt = 2; attempt <= RETRY.maxAttempts; attempt++) {
      clock += RETRY.maxMs;
      inbound.retryDue();
    }
    expect(parked()).toEqual([]);
    expect(areasOf(who.uuid)).toBeNull();
    expect(logs.some((l) => l.includes('failed every attempt and was dropped') && l.includes(`"attempts":${RETRY.maxAttempts}`))).toBe(true);
    regions.broken = false;
  });

  it('is erased by its sender’s DELETE, so a parked JOIN cannot bring back who just left', async () => {
    const who = { uuid: '7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f', number: '+14155550778' };
    regions.broken = true;
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 415'));
    expect(parked()).toHaveLength(1);
    // DELETE needs no region: it is handled at once, and takes the parked JOIN with it.
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'DELETE'));
    expect(parked()).toEqual([]);
    regions.broken = false;
    clock += RETRY.maxMs;
    expect(inbound.retryDue()).toBe(0);
    expect(areasOf(who.uuid)).toBeNull();
  });

  it('logs no number, UUID or text while failing', async () => {
    // Its own failing message, parked then dropped, so this test stands alone.
    const who = { uuid: '8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a', number: '+14155550779' };
    regions.broken = true;
    await receive(textEnvelope(SIGNAL_NUMBER, who, 'JOIN 415'));
    for (let attempt = 2; attempt <= RETRY.maxAttempts; attempt++) {
      clock += RETRY.maxMs;
      inbound.retryDue();
    }
    regions.broken = false;
    expect(logs.some((l) => l.includes('it will be tried again'))).toBe(true);
    expect(logs.some((l) => l.includes('failed every attempt and was dropped'))).toBe(true);
    for (const line of logs) {
      expect(line).not.toMatch(/415555\d{4}|5a6b7c8d|6b7c8d9e|7c8d9e0f|8d9e0f1a|JOIN/);
    }
  });
});
