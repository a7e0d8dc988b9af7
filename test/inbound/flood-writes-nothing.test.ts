/**
 * Messages dropped by the per-sender limit (or a block) write nothing: a
 * flood from one number costs no row, as the limiter itself costs none
 * (sender-limits.ts).
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
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid } from '../helpers/provider-ids';
import { tempDir } from '../helpers/temp-dir';

describe('a flood past the message limit', () => {
  let db: Db;
  let inbound: InboundPath;
  const clock = Date.UTC(2026, 11, 2, 6, 10);

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(13));
    const now = () => clock;
    const bot = new Bot({
      db, vault, regions: new Regions({ 'san-francisco': ['415', '628'] }), moderators: new Set(), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
      limits: { ...DEFAULT_LIMITS, messages: { max: 5, windowMs: 3_600_000 } }, now, onQueued: () => undefined, onAlert: () => undefined,
    });
    const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
    inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now });
  });
  afterAll(() => {
    inbound.close();
    db.close();
  });

  const rows = () => (db.stmt('SELECT (SELECT count(*) FROM inbound_seen) + (SELECT count(*) FROM inbound_messages) AS n').get() as { n: number }).n;

  it('writes nothing for the messages it drops', async () => {
    const phone = '+14155550761';
    const send = (text: string) => inbound.submit({ sender: { channel: 'sms', address: phone, phone }, text, providerId: newSid() }, 'response');
    await send('JOIN 415');
    for (let i = 0; i < 4; i++) await send('AREAS');
    const before = rows();
    const dropped = [];
    for (let i = 0; i < 200; i++) dropped.push(await send(`spam ${i}`));
    expect(dropped.every((d) => d.dropped === 'rate_limited')).toBe(true);
    expect(rows()).toBe(before);
  });
});
