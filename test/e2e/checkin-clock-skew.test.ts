/**
 * This machine's clock runs an hour ahead of Signal's (a dual-boot laptop
 * keeping its hardware clock in local time, no NTP). A live CHECKIN 60 is
 * counted from when it is handled, not from Signal's server stamp an hour
 * behind (which would end it at once and tell her buddies); once a few
 * messages show it, the log says, once and naming no one, that the clocks
 * disagree.
 */
import { clockTime } from '../../src/bot/clock-time';
import { startHarness, tempDir, type Harness } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';
import { SignalMemberWithBuddy } from './signal-member-with-buddy';

const HOUR = 3_600_000;
const rose = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-000000000002', number: '+14155550102' };
const buddy = '+14155550178';

describe("a server clock an hour ahead of Signal's", () => {
  // Stamped by Signal's server, whose clock is right.
  const w = new SignalMemberWithBuddy(rose, buddy);
  let h: Harness | null = null;
  const now = () => Date.now() + HOUR;
  beforeAll(() => w.start());
  afterAll(() => w.stop(h));
  const got = () => w.got();
  const say = (text: string) => w.say(text);

  it('a live CHECKIN 60 ends an hour from now by this clock, and the log says the clocks disagree', async () => {
    h = await startHarness({ dataDir: tempDir(), signalApiUrl: w.signal.url, signalReceiveMode: 'poll', twilioApiBaseUrl: w.twilio.url, dispatcher: QUICK_RETRIES, now });
    const server = h;
    await w.joinWithBuddy(server);
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
