/**
 * A send in flight to a member who then DELETEs, answered 21610 (she had
 * also texted STOP to Twilio) or 21211: her outbox row went with her (ON
 * DELETE CASCADE), but the outcome's mark still named her member id, and
 * member ids are reused (max(id) + 1): the next person to JOIN was marked
 * stopped or invalid and unsubscribed from everything. Now the mark is
 * applied only when the outcome found its row.
 *
 * The real Twilio adapter (twilio-node) against the fake Twilio API on
 * loopback, answering a little late; real SQLite file, real crypto.
 */
import path from 'node:path';
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { Db } from '../../src/store/db';
import { deleteMember, ensureMember, memberStatus } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { enqueueMessage } from '../../src/store/outbox';
import { listAreas, subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeTwilio, TWILIO_ERRORS } from '../fakes/fake-twilio';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

const ACCOUNT_SID = `AC${'8'.repeat(32)}`;
const AUTH_TOKEN = 'lane-erased-member-token-012345678';
const ROSE = '+14155550100';
const LILY = '+14155550177';

describe('a refusal answered after its member was erased', () => {
  let fake: FakeTwilio;
  let sender: TwilioSender;
  let refusal: (typeof TWILIO_ERRORS)['stopped' | 'invalidTo'];

  beforeAll(async () => {
    await cryptoReady();
    // Time enough between the request and its answer for her DELETE and a JOIN.
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 300, answer: (msg) => (msg.to === ROSE ? refusal : 'accept') });
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

  it.each(['stopped', 'invalidTo'] as const)('(%s) does not mark the next member given the same id', async (which) => {
    refusal = TWILIO_ERRORS[which];
    const vault = new Vault(new Uint8Array(32).fill(5));
    const db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const dispatcher = new Dispatcher(db, vault, new Map([['sms', sender]]), createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: 20 });
    const before = fake.requests;
    try {
      const rose = ensureMember(db, vault, { channel: 'sms', address: ROSE, phone: ROSE }, 'en', Date.now()).id;
      subscribe(db, rose, ['415'], Date.now());
      enqueueMessage(db, vault, rose, 'You are subscribed to alerts for 415.', Date.now());
      dispatcher.start();
      await waitFor(() => fake.requests === before + 1, 5_000, 'the send in flight');
      // While it is in flight she texts DELETE, and a newcomer joins.
      deleteMember(db, rose);
      const lily = ensureMember(db, vault, { channel: 'sms', address: LILY, phone: LILY }, 'en', Date.now()).id;
      subscribe(db, lily, ['415'], Date.now());
      expect(lily).toBe(rose);
      // Stopping waits for Twilio's answer to the send to Rose's number and records it.
      await dispatcher.stop();
      expect(memberStatus(db, lily)).toBe('active');
      expect(listAreas(db, lily)).toEqual(['415']);
    } finally {
      await dispatcher.stop();
      db.close();
    }
  });
});
