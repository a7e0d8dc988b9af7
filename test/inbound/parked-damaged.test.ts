/**
 * One parked message whose sealed value no longer opens (a damaged
 * value) must not hold back every other parked message, nor stay for ever
 * (README: a message whose handling failed waits, encrypted, at most about 18 hours).
 */
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

class FlakyRegions extends Regions {
  broken = true;
  override resolve(tokens: string[]) {
    if (this.broken) throw new Error('regions unavailable');
    return super.resolve(tokens);
  }
}

const RETRY = { firstMs: 1_000, maxMs: 8_000, maxAttempts: 4, pollMs: 60_000 };

describe('a damaged parked message', () => {
  let db: Db;
  let vault: Vault;
  let regions: FlakyRegions;
  let inbound: InboundPath;
  let clock = Date.UTC(2026, 10, 22, 3);
  const logged: string[] = [];

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    vault = new Vault(new Uint8Array(32).fill(11));
    regions = new FlakyRegions({ 'san-francisco': ['415', '628'] });
    const log = createLogger('info', new Writable({ write: (c, _e, done) => (logged.push(String(c)), done()) }));
    const now = () => clock;
    const bot = new Bot({
      db, vault, regions, moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: DEFAULT_LIMITS, now, onQueued: () => {}, onAlert: () => {},
    });
    inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now, retry: RETRY });
  });
  afterAll(() => {
    inbound.close();
    db.close();
  });

  const receive = (item: unknown) => inbound.submit(parseSignalItem(item) as NonNullable<ReturnType<typeof parseSignalItem>>, 'outbox');

  it('holds back neither the other parked messages nor stays past its last attempt', async () => {
    const first = { uuid: '1a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', number: '+14155550701' };
    const second = { uuid: '2a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', number: '+14155550702' };
    await receive(textEnvelope(SIGNAL_NUMBER, first, 'JOIN 415'));
    await receive(textEnvelope(SIGNAL_NUMBER, second, 'JOIN 628'));
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM inbound_retry').get() as { n: number }).n).toBe(2);
    // The first one's sealed value is damaged (one flipped byte).
    const row = db.sqlite.prepare('SELECT id, item_ct FROM inbound_retry ORDER BY id LIMIT 1').get() as { id: number; item_ct: Buffer };
    const damaged = Buffer.from(row.item_ct);
    damaged.writeUInt8((damaged.at(-1) ?? 0) ^ 1, damaged.length - 1);
    db.sqlite.prepare('UPDATE inbound_retry SET item_ct = ? WHERE id = ?').run(damaged, row.id);

    regions.broken = false;
    for (let i = 0; i < RETRY.maxAttempts + 1; i++) {
      clock += RETRY.maxMs + 1;
      try {
        inbound.retryDue();
      } catch {
        // the server's tick logs this and tries again
      }
    }
    // The intact message is handled: the second sender joined.
    const m = findMember(db, vault, { channel: 'signal', address: second.uuid });
    expect(m ? listAreas(db, m.id) : null).toEqual(['628']);
    // Dropped, and said so (without who sent it).
    expect(logged.filter((l) => l.includes('no longer opens'))).toHaveLength(1);
    // Nothing stays parked after the last attempt.
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM inbound_retry').get() as { n: number }).n).toBe(0);
  });
});
