/**
 * A Signal edit whose handling fails is parked like any message, and keeps
 * being an edit: tried again, it is answered as one, never as an empty
 * message (the "didn't understand" hint that would not tell her to send it again).
 * Real SQLite file, real crypto; the fault is a region whose country cannot be read.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { Bot } from '../../src/bot/bot';
import { catalog } from '../../src/bot/catalog';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { parseSignalItem } from '../../src/channels/signal/signal-envelope';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { openBody, openRowAddress } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, tempDir } from '../helpers/harness';

const RETRY = { firstMs: 1_000, maxMs: 8_000, maxAttempts: 4, pollMs: 60_000 };
const WHO = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8e', number: null };

it('a parked Signal edit is answered as an edit when tried again', async () => {
  await cryptoReady();
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  const vault = new Vault(new Uint8Array(32).fill(12));
  const regions = new Regions({ 'san-francisco': ['415', '628'] });
  let broken = false;
  Object.defineProperty(regions, 'country', {
    get: () => {
      if (broken) throw new Error('regions unavailable');
      return 'US';
    },
  });
  let clock = Date.UTC(2026, 10, 22, 3);
  const now = () => clock;
  const bot = new Bot({
    db, vault, regions, moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
    limits: DEFAULT_LIMITS, now, onQueued: () => {}, onAlert: () => {},
  });
  const inbound = new InboundPath({ message: bot.message, log: createLogger('silent'), metrics: new Metrics(db), now, retry: RETRY });
  try {
    const item = textEnvelope(SIGNAL_NUMBER, WHO, 'JOIN 415', clock) as { envelope: Record<string, unknown> };
    const { dataMessage, ...envelope } = item.envelope;
    const edit = parseSignalItem({ ...item, envelope: { ...envelope, editMessage: { targetSentTimestamp: clock - 60_000, dataMessage } } });
    expect(edit).toMatchObject({ edited: true, text: '' });
    broken = true;
    await inbound.submit(edit as NonNullable<typeof edit>, 'outbox');
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM inbound_retry').get() as { n: number }).n).toBe(1);
    broken = false;
    clock += 1_000;
    expect(inbound.retryDue()).toBe(1);
    const rows = db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE member_id IS NULL AND address_ct IS NOT NULL ORDER BY id').all() as Array<{
      id: number;
      address_ct: Buffer;
      body_ct: Buffer;
      key_version: number;
    }>;
    expect(rows.filter((r) => openRowAddress(vault, r) === WHO.uuid).map((r) => openBody(vault, r))).toEqual([catalog('en').editNotRead(false)]);
  } finally {
    inbound.close();
    db.close();
  }
});
