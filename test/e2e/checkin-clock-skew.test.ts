/**
 * This machine's clock runs an hour ahead of Signal's (a dual-boot laptop
 * keeping its hardware clock in local time, no NTP). A live CHECKIN 60 is
 * counted from when it is handled, not from Signal's server stamp an hour
 * behind (which would end it at once and tell her buddies); once a few
 * messages show it, the log says, once and naming no one, that the clocks
 * disagree.
 */
import { clockTime } from '../../src/bot/clock-time';
import { catalog } from '../../src/bot/catalog';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';

const t = catalog('en');
const HOUR = 3_600_000;
const rose = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-000000000002', number: '+14155550102' };
const buddy = '+14155550178';

describe("a server clock an hour ahead of Signal's", () => {
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  let h: Harness | null = null;
  const now = () => Date.now() + HOUR;
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
  // Stamped by Signal's server, whose clock is right.
  const say = async (text: string) => {
    const before = got().length;
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, text, Date.now(), Date.now()));
    await waitFor(() => got().length > before, 10_000, text);
  };

  it('a live CHECKIN 60 ends an hour from now by this clock, and the log says the clocks disagree', async () => {
    h = await startHarness({ dataDir: tempDir(), signalApiUrl: signal.url, signalReceiveMode: 'poll', twilioApiBaseUrl: twilio.url, dispatcher: QUICK_RETRIES, now });
    const server = h;
    await say('JOIN 415');
    expect((await server.sms(buddy, 'HELP')).status).toBe(200);
    signal.push(textEnvelope(SIGNAL_NUMBER, rose, `BUDDY ${buddy.slice(2)} Ann`, Date.now(), Date.now()));
    await waitFor(() => twilio.to(buddy).some((m) => m.body.includes('safety buddy')), 10_000, 'invitation');
    expect((await server.sms(buddy, 'ACCEPT')).message).toBe(t.buddyAccepted());
    await waitFor(() => got().some((m) => m.includes('accepted')), 10_000, 'told her buddy accepted');
    const sentAt = now();
    await say('CHECKIN 60 grey van');
    const repliedAt = now();
    const reply = got().at(-1) ?? '';
    expect(reply).toMatch(/^Heads Up: check-in until/);
    // Its end by this clock, an hour on: the minute it was sent in or the one it was answered in.
    const ends = [clockTime(sentAt + HOUR), clockTime(repliedAt + HOUR)];
    expect(ends.some((end) => reply.includes(end))).toBe(true);

    // Told once a few live messages agree on the offset (one held message is not a wrong clock).
    await say('HELP');
    await say('HELP');
    const said = server.logs.filter((l) => l.includes("the server's clock disagrees with Signal's"));
    expect(said).toHaveLength(1);
    expect(JSON.parse(said[0] as string)).toMatchObject({ level: 40, minutes: 60, msg: "the server's clock disagrees with Signal's by about 60 minutes; check-ins are timed by this clock: set it right (NTP)" });
    expect(said[0]).not.toContain(rose.uuid);
    expect(said[0]).not.toContain(rose.number.slice(2));
  }, 60_000);
});
