/**
 * A laptop that sleeps through her deadline. She sent OK before it, over
 * Signal, while the laptop slept: Signal's server kept it, and signal-cli
 * (asleep too, then reconnecting) hands it over on the first receive after
 * waking. The check-in timers must not escalate before it is read: her
 * buddy is told nothing, and she is told her check-in ended.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, TEST_RECEIVER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';
import { SignalMemberWithBuddy } from './signal-member-with-buddy';

const t = catalog('en');
const MIN = 60_000;
const rose = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-000000000001', number: '+14155550101' };
const buddy = '+14155550177';

describe('a laptop that sleeps through her deadline, her OK sent in time waiting at Signal', () => {
  // The server's wall clock; the sleep moves it on at once, as waking does.
  let ahead = 0;
  const now = () => Date.now() + ahead;
  const w = new SignalMemberWithBuddy(rose, buddy, now);
  const { signal, twilio } = w;
  let h: Harness | null = null;
  beforeAll(() => w.start());
  afterAll(() => w.stop(h));
  const got = () => w.got();
  const say = (text: string) => w.say(text);

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
    await w.joinWithBuddy(server);
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
