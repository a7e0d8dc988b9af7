/**
 * The status poller stops at once, whatever Twilio does: stop() does not
 * wait for a fetch Twilio has not answered (the server's close, and the
 * dispatcher's sends meanwhile, would wait up to the client's time-out),
 * and an answer that comes after stop() is not applied. The real adapter
 * against the fake Twilio API on loopback, its fetches held unanswered.
 */
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../../src/outbox/status-poller';
import type { Db } from '../../src/store/db';
import type { Vault } from '../../src/store/vault';
import { waitFor } from '../helpers/wait-for';
import { sentUnreported } from './sent-unreported';
import { pollerLine } from './poller-line';
import type { TwilioLoopback } from './twilio-loopback';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const MEMBER = '+14155550163';
const TEXT = 'ALERT 415: white truck';

describe('stopping the status poller', () => {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  let member: number;
  const log = createLogger('silent');

  pollerLine({ key: 10, account: '8', token: 'status-poller-stop-token-012345', member: MEMBER, joinedBefore: T0 }, (line) => ({ twilio, vault, db, member } = line));

  /** Sent through Twilio at T0, no callback; its row and sid. */
  const sent = () => sentUnreported(db, vault, twilio, { member, address: MEMBER }, TEXT, T0);
  const row = (id: number) => db.sqlite.prepare('SELECT state, provider_id AS providerId FROM outbox WHERE id = ?').get(id);
  /** Until Twilio holds a fetch unanswered (a poller that never fetches fails here, and under Stryker within 2 s). */
  const fetchHeld = () => waitFor(() => twilio.fake.fetches.waiting() > 0, 10_000, 'a fetch held by Twilio');

  it('returns from stop() while a fetch Twilio never answers is still open', async () => {
    await sent();
    twilio.fake.fetches.hold = true;
    const logs: string[] = [];
    const debug = createLogger('debug', { write: (l: string) => void logs.push(l) });
    // A tick of 10 ms: the loop fetches at once.
    const poller = new StatusPoller(db, vault, twilio.sender, debug, new Metrics(db), null, { ...DEFAULT_STATUS_POLL, perMinute: 6_000 }, () => T0 + 31 * MINUTE);
    poller.start();
    const held = fetchHeld();
    // A poller that never fetched is stopped all the same, so that the failure is the wait's, not a loop left running.
    await held.catch(() => poller.stop());
    await held;
    await poller.stop();
    // stop() ends with the fetch still held, and logs no failure for it. A stop() that waited for the fetch would
    // also end here, at this client's 5 s time-out, inside the test's: the last test, whose client waits 2 minutes, guards that.
    expect(twilio.fake.fetches.waiting()).toBe(1);
    expect(logs.filter((l) => l.includes('could not fetch'))).toEqual([]);
  }, 15_000);

  it("applies nothing of an answer that comes after stop()", async () => {
    const { id, sid } = await sent();
    twilio.fake.fetches.hold = true;
    const poller = new StatusPoller(db, vault, twilio.sender, log, new Metrics(db), null, DEFAULT_STATUS_POLL, () => T0 + 31 * MINUTE);
    const polled = poller.pollOnce();
    await fetchHeld();
    twilio.fake.fetches.settleUnreported(sid, 'delivered');
    await poller.stop();
    twilio.fake.fetches.release();
    expect(await polled).toBe('stopped');
    expect(row(id)).toEqual({ state: 'sent', providerId: sid });
  }, 15_000);

  it("returns from stop() with a fetch held open longer than the test may last: it never waits for Twilio's answer or the client's time-out", async () => {
    await sent();
    twilio.fake.fetches.hold = true;
    // The client gives up after two minutes, past the test's own time-out: a stop() that waited for the fetch would fail the test.
    const patient = new TwilioSender({
      config: { accountSid: `AC${'8'.repeat(32)}`, fromNumber: '+15005550006', apiBaseUrl: twilio.fake.url, redact: false },
      authToken: 'status-poller-stop-token-012345',
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 120_000,
    });
    const poller = new StatusPoller(db, vault, patient, log, new Metrics(db), null, { ...DEFAULT_STATUS_POLL, perMinute: 6_000 }, () => T0 + 31 * MINUTE);
    try {
      poller.start();
      const held = fetchHeld();
      await held.catch(() => poller.stop());
      await held;
      await poller.stop();
      expect(twilio.fake.fetches.waiting()).toBe(1);
    } finally {
      twilio.fake.fetches.release();
      await patient.close();
    }
  });
});
