/**
 * signal-cli-rest-api was down for 20 minutes while Heads Up ran (polls
 * failing): the CHECKIN 60 she sent at its start waited at signal-cli, and
 * counts from when she sent it, not from when it was received; the clocks
 * agree, and the log does not say otherwise.
 */
import { clockTime } from '../../src/bot/clock-time';
import { catalog } from '../../src/bot/catalog';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';

const t = catalog('en');
const MIN = 60_000;
const rose = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-000000000002', number: '+14155550102' };
const buddy = '+14155550178';

describe('a Signal message held at signal-cli while the server ran', () => {
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  let h: Harness | null = null;
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
  const say = async (text: string, sent = Date.now()) => {
    const before = got().length;
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, text, sent, sent));
    await waitFor(() => got().length > before, 10_000, text);
  };

  it('a CHECKIN 60 held 20 minutes ends 60 minutes after she sent it', async () => {
    h = await startHarness({ dataDir: tempDir(), signalApiUrl: signal.url, signalReceiveMode: 'poll', twilioApiBaseUrl: twilio.url, dispatcher: QUICK_RETRIES });
    const server = h;
    await say('JOIN 415');
    expect((await server.sms(buddy, 'HELP')).status).toBe(200);
    await say(`BUDDY ${buddy.slice(2)} Ann`);
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('safety buddy')), 10_000, 'invitation');
    expect((await server.sms(buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await waitFor(() => got().some((m) => m.includes('accepted')), 10_000, 'told her buddy accepted');
    // Stamped by Signal's server 20 minutes ago, handed over only now.
    const sent = Date.now() - 20 * MIN;
    await say('CHECKIN 60 grey van', sent);
    const reply = got().at(-1) ?? '';
    expect(reply).toMatch(/^Heads Up: check-in until/);
    expect(reply).toContain(clockTime(sent + 60 * MIN));
    expect(server.logs.filter((l) => l.includes('clock disagrees'))).toEqual([]);
  }, 60_000);
});
