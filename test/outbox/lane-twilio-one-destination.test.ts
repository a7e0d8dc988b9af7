/**
 * Twilio's 21606 and 21659 can be about one destination, not the line: a
 * short code reaches only its own country ("If the number is a Short Code,
 * it must be associated with the same country as the destination address"),
 * so a US short code is refused for one Canadian member (+1 604 joins like
 * any area code) and takes everyone else. Both were taken for a fault of the
 * line's own sender: that one refusal held the whole SMS lane 15 s (up to
 * 120 s), the row went back without using a try, and came back to hold it
 * again, for ever. Now it fails that one message and keeps the member.
 *
 * The real Twilio adapter (twilio-node) against the fake Twilio API on
 * loopback; real SQLite file, real crypto, real clock, the default hold.
 */
import path from 'node:path';
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { Db } from '../../src/store/db';
import { ensureMember, memberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT_SID = `AC${'7'.repeat(32)}`;
const AUTH_TOKEN = 'lane-one-destination-token-0123456';
const CANADIAN = '+16045550123';
const home = Array.from({ length: 20 }, (_, i) => `+141555501${String(i).padStart(2, '0')}`);

describe('a Twilio refusal that can be about one destination (21606, 21659)', () => {
  let fake: FakeTwilio;
  let sender: TwilioSender;
  let refusal: (typeof TWILIO_ERRORS)['fromNotCapable' | 'fromNotTwilio'];

  beforeAll(async () => {
    await cryptoReady();
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, answer: (msg) => (msg.to === CANADIAN ? refusal : 'accept') });
    await fake.start();
    sender = new TwilioSender({
      config: { accountSid: ACCOUNT_SID, fromNumber: '+15005550006', apiBaseUrl: fake.url, redact: false },
      authToken: AUTH_TOKEN,
      statusCallbackUrl: 'https://headsup.example.org/webhooks/twilio/status',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await sender.close();
    await fake.stop();
  });

  it.each(['fromNotCapable', 'fromNotTwilio'] as const)(
    'fails only the refused message (%s) and does not hold the fan-out behind it',
    async (which) => {
      refusal = TWILIO_ERRORS[which];
      const vault = new Vault(new Uint8Array(32).fill(5));
      const db = new Db(path.join(tempDir(), 'heads-up.db'));
      migrate(db);
      const dispatcher = new Dispatcher(db, vault, new Map([['sms', sender]]), createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: 20 });
      const member = (n: string) => {
        const id = ensureMember(db, vault, { channel: 'sms', address: n, phone: n }, 'en', Date.now()).id;
        subscribe(db, id, [n.slice(2, 5)], Date.now());
        return id;
      };
      const sentTo = (n: string) => fake.to(n).length;
      const before = home.map(sentTo);
      try {
        // The Canadian member first in line, then 20 in the US (SEND_RATE 10: about 2 s of sending).
        const canadian = member(CANADIAN);
        const hers = enqueueMessage(db, vault, canadian, 'You are subscribed.', Date.now());
        for (const n of home) enqueueMessage(db, vault, member(n), 'You are subscribed.', Date.now());
        dispatcher.start();
        // A hold would be 15 s at the first refusal.
        await waitFor(() => home.every((n, i) => sentTo(n) === before[i]! + 1), 6_000, 'the fan-out sent');
        const row = db.sqlite.prepare('SELECT state, error FROM outbox WHERE id = ?').get(hers);
        expect(row).toEqual({ state: 'failed', error: `rejected:${refusal.code}` });
        // Her number is not bad: she stays, and the next alert is tried.
        expect(memberStatus(db, canadian)).toBe('active');
        expect(listAreas(db, canadian)).toEqual(['604']);
      } finally {
        await dispatcher.stop();
        db.close();
      }
    },
    15_000,
  );
});
