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
import { OPT_OUTS_PAST_LIMIT } from '../../src/inbound/steps/block-and-limit';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { blockIdentity } from '../../src/store/blocks';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid } from '../helpers/provider-ids';
import { tempDir } from '../helpers/temp-dir';

describe('a flood past the message limit', () => {
  let db: Db;
  let inbound: InboundPath;
  let vault: Vault;
  const clock = Date.UTC(2026, 11, 2, 6, 10);

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    vault = new Vault(new Uint8Array(32).fill(13));
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

  /** A Signal account (its number showing) writing from `uuid`; each message a new id unless `providerId` is given. */
  const signal = (uuid: string, phone: string) => {
    let ts = 1_764_000_000_000;
    return (text: string, providerId = `${uuid}:${++ts}`) => inbound.submit({ sender: { channel: 'signal', address: uuid, phone }, text, providerId }, 'outbox');
  };

  it('over Signal too, writes nothing for the messages it drops; one redelivered is dropped again', async () => {
    const send = signal('5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e', '+14155550762');
    await send('JOIN 415');
    for (let i = 0; i < 4; i++) await send('AREAS');
    const before = rows();
    const dropped = [];
    for (let i = 0; i < 200; i++) dropped.push(await send(`spam ${i}`));
    expect(dropped.every((d) => d.dropped === 'rate_limited')).toBe(true);
    expect(rows()).toBe(before);
    // A dropped message delivered again is not let through by it: the window's count still holds.
    const again = await send('spam 0', '5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e:1764000000006');
    expect(again.dropped).toBe('rate_limited');
    expect(rows()).toBe(before);
  });

  it("past the limit, acts on a member's STOP and DELETE, drops her STOPs once stopped, and a few from no member, then writes nothing", async () => {
    const send = signal('7f8091a2-b3c4-4d5e-9f6a-7b8c9d0e1f2a', '+14155550764');
    await send('JOIN 415');
    for (let i = 0; i < 4; i++) await send('AREAS');
    // Past the limit, her STOP still acts: she is no longer sent alerts.
    expect((await send('STOP')).dropped).toBeUndefined();
    // Stopped, her STOPs have nothing left to stop: dropped, writing nothing.
    let before = rows();
    const stops = [];
    for (let i = 0; i < 50; i++) stops.push(await send(i % 2 === 0 ? 'STOP' : 'please stop texting me'));
    expect(stops.every((d) => d.dropped === 'rate_limited')).toBe(true);
    expect(rows()).toBe(before);
    // Her DELETE erases her (stopped) membership past the limit, however many STOPs came before.
    expect((await send('DELETE')).dropped).toBeUndefined();
    // With no membership left (a buddy, a reporter who never joined look the same here), a few more act, then none.
    for (let i = 0; i < OPT_OUTS_PAST_LIMIT; i++) expect((await send(i % 2 === 0 ? 'STOP' : 'DELETE')).dropped).toBeUndefined();
    before = rows();
    const rest = [];
    for (let i = 0; i < 50; i++) rest.push(await send(['STOP', 'please stop texting me', 'DELETE'][i % 3] as string));
    expect(rest.every((d) => d.dropped === 'rate_limited')).toBe(true);
    expect(rows()).toBe(before);
  });

  it("over Signal, writes nothing for a blocked sender's messages", async () => {
    const uuid = '6e7f8091-a2b3-4c4d-8e5f-6a7b8c9d0e1f';
    const send = signal(uuid, '+14155550763');
    await send('JOIN 415');
    blockIdentity(db, vault, `signal:${uuid}`, clock);
    const before = rows();
    const dropped = [];
    for (let i = 0; i < 100; i++) dropped.push(await send(`junk ${i}`));
    expect(dropped.every((d) => d.dropped === 'blocked')).toBe(true);
    expect(rows()).toBe(before);
  });
});
