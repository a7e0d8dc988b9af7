/**
 * A Twilio create that reaches Twilio while its answer comes after our
 * time-out (Twilio slow to answer, an incident): Twilio's signed status
 * callbacks for that try (queued, sent; ?o=row&a=1) say it took the message,
 * so the retry that the time-out scheduled must not send another copy (a
 * second, a third alert to a member who asked for discretion). The handset
 * is off: no final status comes to settle the row.
 */
import { TwilioSender } from '../../src/channels/twilio/twilio-sender';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, PUBLIC_URL, startHarness, waitFor, type Harness } from '../helpers/harness';

const TO = '+14155550188';

describe('a Twilio send that timed out after Twilio took it', () => {
  let fake: FakeTwilio;
  let h: Harness;
  beforeAll(async () => {
    // The create is done at once; its answer waits 1.5 s, past our 300 ms time-out. Twilio's callbacks
    // come 400 ms apart: "queued" after the time-out is recorded, well before the retry (1.5 to 3 s later).
    fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, latencyMs: 1_500, callbackDelayMs: 400 });
    await fake.start();
    fake.withholdFinalStatus(TO);
    const sender = new TwilioSender({
      config: { accountSid: ACCOUNT_SID, fromNumber: FROM_NUMBER, apiBaseUrl: fake.url, redact: false },
      authToken: AUTH_TOKEN,
      statusCallbackUrl: `${PUBLIC_URL}/webhooks/twilio/status`,
      timeoutMs: 300,
    });
    h = await startHarness({ twilioApiBaseUrl: fake.url, senders: [sender], dispatcher: { backoff: { baseMs: 3_000, maxMs: 3_000, maxAttempts: 12 } } });
    fake.callbackBase = h.url;
  });
  afterAll(async () => {
    await h?.close();
    await fake?.stop();
  });

  it('is sent once, and reads sent with the id Twilio reported, once Twilio has reported that try taken', async () => {
    const { db, vault } = h.server;
    const member = ensureMember(db, vault, { channel: 'sms', address: TO, phone: TO }, 'en', Date.now()).id;
    const row = enqueueMessage(db, vault, member, 'HU: a warning for your area', Date.now());
    const read = () => db.sqlite.prepare('SELECT state, provider_id, error FROM outbox WHERE id = ?').get(row) as { state: string; provider_id: string | null; error: string | null };
    h.server.dispatcher.wake();
    await waitFor(() => fake.to(TO).length === 1, 5_000, 'the first create');
    const first = fake.to(TO)[0]!;
    expect(first.statusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/status?o=${row}&a=1`);
    await waitFor(() => fake.callbacks.some((c) => c.sid === first.sid && c.status === 'sent' && c.answer === 204), 5_000, 'Twilio’s "sent"');
    // Past the time-out's retry (at most 3 s after it) and the create's own late answer.
    await new Promise((r) => setTimeout(r, 4_500));
    expect(fake.to(TO)).toHaveLength(1);
    expect(read()).toEqual({ state: 'sent', provider_id: first.sid, error: null });
  }, 20_000);
});
