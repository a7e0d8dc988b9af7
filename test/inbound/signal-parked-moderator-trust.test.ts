/**
 * What was wrong: a Signal moderator's message whose identity could not be
 * checked when it arrived (so it counted as a member's), and whose handling
 * then failed, was parked without that verdict. After a restart the gate's
 * memory of "unchecked" was gone and the retry trusted the message on the
 * record alone, though the sender's identity had changed: an account taken
 * over could put out an ALERT. The verdict at arrival now goes with the
 * parked message, and a retry never upgrades it.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { Regions } from '../../src/alerts/regions';
import { Bot } from '../../src/bot/bot';
import { DEFAULT_LIMITS } from '../../src/bot/context';
import { ModeratorIdentityGate } from '../../src/channels/signal/moderator-identity-gate';
import { SignalIdentities } from '../../src/channels/signal/signal-identities';
import { InboundPath } from '../../src/inbound/inbound-path';
import { receiveSignal } from '../../src/inbound/receive-signal';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { Db } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, tempDir } from '../helpers/harness';

const MOD = { uuid: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', number: null };
const RETRY = { firstMs: 1_000, maxMs: 8_000, maxAttempts: 4, pollMs: 60_000 };

describe('a parked message from a Signal moderator whose identity was not checked', () => {
  it('is not trusted for moderator commands after a restart (the identity had changed)', async () => {
    await cryptoReady();
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(12));
    const regions = new Regions({ 'san-francisco': ['415', '628'] });
    const log = createLogger('info', new Writable({ write: (_c, _e, done) => done() }));
    let clock = Date.UTC(2026, 10, 22, 3);
    const now = () => clock;
    // signal-cli-rest-api on loopback (normal mode: what it receives waits for a poll nobody makes here).
    const signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'normal' });
    await signal.start();
    const identities = new SignalIdentities(signal.url, SIGNAL_NUMBER, 2_000);
    /** signal-cli decrypts a message (learning its sender's key) and hands it over. */
    const arrives = (text: string) => {
      const item = textEnvelope(SIGNAL_NUMBER, MOD, text);
      signal.push(item);
      return item;
    };

    const boot = () => {
      const gate = new ModeratorIdentityGate({ db, vault, log, identities, moderators: [MOD.uuid], contacts: [], notice: () => '', readmitNote: () => '', wake: () => {}, now });
      const bot = new Bot({
        db, vault, regions, moderators: new Set([MOD.uuid]), moderatorTrusted: (s) => gate.trusted(s), moderatorContacts: [], subscribeMode: 'open', retentionDays: 90,
        limits: DEFAULT_LIMITS, now, onQueued: () => {}, onAlert: () => {},
      });
      const inbound = new InboundPath({ message: bot.message, log, metrics: new Metrics(db), now, retry: RETRY });
      // As src/parts/inbound.ts wires the receiver: the gate first, then the path.
      const toInbound = receiveSignal(inbound, log);
      const receive = async (item: unknown) => {
        await gate.observe(item);
        await toInbound(item);
      };
      return { inbound, receive };
    };
    const alerts = () => (db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;

    // The moderator writes: their identity is recorded.
    const first = boot();
    await first.receive(arrives('STATS'));
    expect(alerts()).toBe(0);

    // Their account is taken over (a new key, which signal-cli run with --trust-new-identities always
    // decrypts); the takeover's first message arrives while signal-cli's identities list answers an error,
    // and its handling fails too: it is parked.
    signal.changeIdentity(MOD.uuid).status = 'TRUSTED_UNVERIFIED';
    signal.identityListAnswer = () => ({ status: 500, body: { error: 'Internal Server Error' } });
    // A transient write fault (a full disk, an I/O error) while it is handled.
    db.sqlite.exec("CREATE TEMP TRIGGER fault BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    await first.receive(arrives('ALERT 415 fake warning: meet at 5th and Main'));
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM inbound_retry').get() as { n: number }).n).toBe(1);
    // In the same process it would be refused (the gate remembers it was unchecked).
    first.inbound.close();

    // A restart (a deploy); signal-cli answers again, with the new identity.
    signal.identityListAnswer = undefined;
    db.sqlite.exec('DROP TRIGGER fault');
    const second = boot();
    clock += RETRY.firstMs;
    expect(second.inbound.retryDue()).toBe(1);
    second.inbound.close();
    // The sender's identity was never checked for that message: no alert may go out on it.
    expect(alerts()).toBe(0);
    db.close();
    await signal.stop();
  });
});
