/**
 * Group commit on the one inbound path: messages of one event-loop turn
 * share a transaction, each under its own savepoint. One that fails is
 * undone alone and kept to be tried again; copies of one provider id never
 * share a batch; every caller is answered after the commit that holds its
 * effect. Real SQLite file, real crypto, real HTTP.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { Regions } from '../../src/alerts/regions';
import { Bot } from '../../src/bot/bot';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import type { Handled, Inbound } from '../../src/inbound/inbound';
import { InboundPath } from '../../src/inbound/inbound-path';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid, startHarness, tempDir, type Harness } from '../helpers/harness';

/** Regions where one token's resolution fails, as a bug would. */
class RegionsWithAFault extends Regions {
  override resolve(tokens: string[]) {
    if (tokens.includes('BOOM')) throw new Error('resolution failed');
    return super.resolve(tokens);
  }
}

function sms(phone: string, text: string, providerId = newSid()): Inbound {
  return { sender: { channel: 'sms', address: phone, phone }, text, providerId };
}

describe('a batch of messages in one transaction', () => {
  let db: Db;
  let vault: Vault;
  let bot: Bot;
  let inbound: InboundPath;

  beforeAll(async () => {
    await cryptoReady();
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    vault = new Vault(new Uint8Array(32).fill(7));
    bot = new Bot({
      db,
      vault,
      regions: new RegionsWithAFault({ 'san-francisco': ['415', '628'] }),
      moderators: new Set(),
      moderatorContacts: [],
      subscribeMode: 'open',
      retentionDays: 90,
      limits: DEFAULT_LIMITS,
      now: () => Date.now(),
      onQueued: () => {},
      onAlert: () => {},
    });
    const log = createLogger('info', new Writable({ write: (_chunk, _enc, done) => done() }));
    inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now: () => Date.now() });
  });
  afterAll(() => db.close());

  const langOf = (phone: string) => findMember(db, vault, { channel: 'sms', address: phone })?.lang;
  const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const batch = (msgs: Inbound[]) => inbound.handleNow(msgs.map((msg) => ({ msg, way: 'response' as const })));

  it('undoes only the message that failed, and reports it in its place', () => {
    bot.handle(sms('+14155550301', 'JOIN 415'));
    const before = { members: count('members'), logged: count('inbound_messages') };
    expect(langOf('+14155550301')).toBe('en');
    const failing = sms('+14155550301', 'UNIRSE BOOM');
    const outcomes = batch([
      sms('+14155550302', 'JOIN 415'),
      // Sets the member's language to Spanish (a write), then fails.
      failing,
      sms('+12125550303', 'JOIN 212'),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: expect.objectContaining({ message: 'resolution failed' }) });
    expect(count('members')).toBe(before.members + 2);
    expect(count('inbound_messages')).toBe(before.logged + 2);
    expect(langOf('+14155550301')).toBe('en');
    // Its provider id was not recorded: the same message, once the fault is gone, is acted on.
    const retried = bot.handle({ ...failing, text: 'UNIRSE 628' });
    expect(retried.duplicate).toBe(false);
    expect(retried.reply).toContain('628');
  });

  it('keeps the order of the messages of one sender', () => {
    const phone = '+16175550304';
    const replies = batch([sms(phone, 'JOIN 617'), sms(phone, 'LEAVE 617'), sms(phone, 'AREAS')]).map((o) => (o.ok ? o.handled.reply : null));
    expect(replies[0]).toContain('617');
    expect(replies[2]).toMatch(/no alert areas/);
  });

  describe('submitted messages', () => {
    it('of one turn are handled in one batch, each answered after the commit', async () => {
      const spy = jest.spyOn(inbound, 'handleNow');
      try {
        const before = count('members');
        const results = await Promise.all(['+13055550310', '+13055550311', '+13055550312'].map((p) => inbound.submit(sms(p, 'JOIN'), 'response')));
        expect(spy.mock.calls.map(([b]) => b.length)).toEqual([3]);
        expect(results.every((r) => r.reply?.includes('305'))).toBe(true);
        expect(count('members')).toBe(before + 3);
      } finally {
        spy.mockRestore();
      }
    });

    it('of one turn beyond 64 wait for the next batch, and are all answered', async () => {
      const spy = jest.spyOn(inbound, 'handleNow');
      try {
        const phones = Array.from({ length: 65 }, (_, i) => `+1305555${String(4000 + i)}`);
        const results = await Promise.all(phones.map((p) => inbound.submit(sms(p, 'JOIN'), 'response')));
        expect(spy.mock.calls.map(([b]) => b.length)).toEqual([64, 1]);
        expect(results.every((r) => r.reply?.includes('305'))).toBe(true);
      } finally {
        spy.mockRestore();
      }
    });

    it('see a second copy of a provider id in the same batch as a duplicate of the first', async () => {
      const spy = jest.spyOn(inbound, 'handleNow');
      try {
        const sid = newSid();
        const before = count('members');
        const [first, second] = (await Promise.all([
          inbound.submit(sms('+13055550320', 'JOIN', sid), 'response'),
          inbound.submit(sms('+13055550320', 'JOIN', sid), 'response'),
        ])) as [Handled, Handled];
        expect(spy.mock.calls.map(([b]) => b.length)).toEqual([2]);
        expect(first.duplicate).toBe(false);
        expect(second.duplicate).toBe(true);
        expect(second.reply).toBe(first.reply);
        expect(count('members')).toBe(before + 1);
      } finally {
        spy.mockRestore();
      }
    });

    it('include a HELP the carrier answered, settled at once without a transaction', () => {
      const result = inbound.submit({ ...sms('+13055550330', 'HELP'), answered: true }, 'response');
      expect(result).not.toBeInstanceOf(Promise);
      expect((result as Handled).reply).toBeNull();
    });

    it('that fail are kept to be tried again, and the rest of the batch is answered', async () => {
      const parkedBefore = count('inbound_retry');
      const results = await Promise.all([
        inbound.submit(sms('+13055550340', 'JOIN'), 'response'),
        inbound.submit(sms('+13055550341', 'JOIN BOOM'), 'response'),
        inbound.submit(sms('+13055550342', 'JOIN'), 'response'),
      ]);
      expect(results.map((r) => r.parked === true)).toEqual([false, true, false]);
      expect(results[1]?.reply).toBeNull();
      expect(count('inbound_retry')).toBe(parkedBefore + 1);
    });
  });
});

describe('concurrent webhooks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('are each answered with their own reply, and every effect is there', async () => {
    const phones = Array.from({ length: 40 }, (_, i) => `+1415555${String(400 + i).padStart(4, '0')}`);
    const replies = await Promise.all(phones.map((p, i) => h.sms(p, i % 2 ? 'JOIN 628' : 'JOIN')));
    replies.forEach((r, i) => {
      expect(r.status).toBe(200);
      expect(r.message).toContain(i % 2 ? '628' : '415');
    });
    const areas = await Promise.all(phones.map((p) => h.sms(p, 'AREAS')));
    areas.forEach((r, i) => expect(r.message).toContain(i % 2 ? '628' : '415'));
  });

  it('act once on two copies of one MessageSid sent together, and answer both the same', async () => {
    await h.sms('+14155550480', 'JOIN');
    const count = () => (h.server.db.sqlite.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n;
    const before = count();
    const sid = newSid();
    const [a, b] = await Promise.all([h.sms('+14155550480', 'REPORT 415 blue car, hit me', { sid }), h.sms('+14155550480', 'REPORT 415 blue car, hit me', { sid })]);
    expect(a.message).toMatch(/#[A-Z0-9]{4,6}/);
    expect(b.message).toBe(a.message);
    expect(count()).toBe(before + 1);
  });
});

// SQLite answers a full disk by undoing the whole transaction, not one statement: the messages after
// the one that hit it must not run outside any transaction, each committed on its own while the batch
// is reported failed. (The database's size limit stands in for the disk.)
describe('a disk that fills up during a group commit', () => {
  it('never commits the effect of a message whose caller is told it failed', async () => {
    await cryptoReady();
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(7));
    const bot = new Bot({
      db, vault, regions: new Regions({ 'san-francisco': ['415', '628'] }), moderators: new Set(), moderatorContacts: [], subscribeMode: 'open',
      retentionDays: 90, limits: DEFAULT_LIMITS, now: () => Date.now(), onQueued: () => {}, onAlert: () => {},
    });
    const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
    const inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now: () => Date.now() });
    const violations: string[] = [];
    try {
      // The disk holds what is there now and not a page more.
      db.sqlite.pragma(`max_page_count = ${db.sqlite.pragma('page_count', { simple: true }) as number}`);
      for (let i = 0; i < 20; i++) {
        const joiner = `+1628555${String(1000 + i)}`;
        // Three webhooks of one event-loop turn: a JOIN, a long REPORT, a JOIN.
        const results = await Promise.all(
          [sms(`+1415555${String(1000 + i)}`, 'JOIN 415'), sms(`+1415556${String(1000 + i)}`, `REPORT 415 ${'grey van, knife, Mission St. '.repeat(40)}`), sms(joiner, 'JOIN 628')].map((m) =>
            Promise.resolve(inbound.submit(m, 'response')).then(
              (h: Handled) => (h.parked ? 'parked' : 'handled'),
              () => 'rejected (500)',
            ),
          ),
        );
        const joined = findMember(db, vault, { channel: 'sms', address: joiner }) !== undefined;
        if (joined && results[2] !== 'handled') violations.push(`batch ${i}: the last JOIN is committed, its webhook was ${results[2]}`);
      }
    } finally {
      inbound.close();
      db.close();
    }
    expect(violations).toEqual([]);
  });
});
