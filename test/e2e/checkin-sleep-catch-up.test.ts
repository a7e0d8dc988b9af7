/**
 * A laptop that sleeps through her deadline. She sent OK before it, over
 * Signal, while the laptop slept: Signal's server kept it, and signal-cli
 * (asleep too, then reconnecting) hands it over on the first receive after
 * waking. The check-in timers must not escalate before it is read: her
 * buddy is told nothing, and she is told her check-in ended.
 */
import { catalog } from '../../src/bot/catalog';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, TEST_RECEIVER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';

const t = catalog('en');
const MIN = 60_000;
const rose = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', number: '+14155550101' };
const buddy = '+14155550177';

describe('a laptop that sleeps through her deadline, her OK sent in time waiting at Signal', () => {
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  let h: Harness | null = null;
  // The server's wall clock; the sleep moves it on at once, as waking does.
  let ahead = 0;
  const now = () => Date.now() + ahead;
  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
    twilio = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    await signal.start();
    await twilio.start();
  });
  afterAll(async () => {
    await h?.close();
    await signal.stop();
    await twilio.stop();
  });
  const got = () => signal.to(rose.uuid).map((m) => m.message);
  const say = async (text: string) => {
    const before = got().length;
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, text, now(), now()));
    await waitFor(() => got().length > before, 10_000, text);
  };

  it('her OK ends the check-in; the buddy is told nothing', async () => {
    // A bound long enough that a slow machine does not reach it while signal-cli "wakes" (it would be right to escalate then).
    const receiver = { ...TEST_RECEIVER, boundMs: 30_000 };
    h = await startHarness({
      dataDir: tempDir(),
      signalApiUrl: signal.url,
      signalReceiveMode: 'poll',
      signal: { throttle: { baseMs: 100, maxMs: 800 }, receiver },
      twilioApiBaseUrl: twilio.url,
      env: { CHECKIN_MIN_MINUTES: '1' },
      dispatcher: QUICK_RETRIES,
      now,
    });
    const server = h;
    await say('JOIN 415');
    expect((await server.sms(buddy, 'HELP')).status).toBe(200);
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, `BUDDY ${buddy.slice(2)} Ann`, now(), now()));
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('safety buddy')), 10_000, 'invitation');
    expect((await server.sms(buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await waitFor(() => got().some((m) => m.includes('accepted')), 10_000, 'told her buddy accepted');
    await say('CHECKIN 30 blue Honda');
    expect(got().at(-1)).toMatch(/^Heads Up: check-in until/);
    const toBuddyBefore = twilio.to(buddy).length;

    // Waking: signal-cli is still reconnecting to Signal (each receive fails), and the clock reads an hour on.
    signal.proxyPage = '<html>waking</html>';
    const okAt = now() + 20 * MIN;
    ahead += 60 * MIN;
    // The timers have run since waking: the leap seen (held), or, unheld, the escalation queued.
    await waitFor(
      () => server.logs.some((l) => l.includes('the clock leapt forward')) || twilio.to(buddy).length > toBuddyBefore,
      10_000,
      'the check-in timers ran after waking',
    );
    // signal-cli has reconnected: her OK, stamped by Signal's server 20 minutes into the hour, waits for the next receive.
    const before = got().length;
    signal.proxyPage = null;
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, 'OK', okAt, okAt));
    await waitFor(() => got().length > before, 10_000, 'her answer');

    expect(got().slice(before)).toEqual([t.checkinOk()]);
    // Ended by her OK before any escalation was written: none can follow.
    expect(twilio.to(buddy).slice(toBuddyBefore).map((m) => m.body)).toEqual([]);
  }, 60_000);
});
