/**
 * signal-cli-rest-api was down for 20 minutes while Heads Up ran (polls
 * failing): the CHECKIN 60 she sent at its start waited at signal-cli, and
 * counts from when she sent it, not from when it was received; the clocks
 * agree, and the log does not say otherwise.
 */
import { clockTime } from '../../src/bot/clock-time';
import { startHarness, tempDir, type Harness } from '../helpers/harness';
import { QUICK_RETRIES } from '../helpers/signal-world';
import { SignalMemberWithBuddy } from './signal-member-with-buddy';

const MIN = 60_000;
const rose = { uuid: '1b2c3d4e-5f60-4a7b-8c9d-000000000002', number: '+14155550102' };
const buddy = '+14155550178';

describe('a Signal message held at signal-cli while the server ran', () => {
  const w = new SignalMemberWithBuddy(rose, buddy);
  let h: Harness | null = null;
  beforeAll(() => w.start());
  afterAll(() => w.stop(h));
  const got = () => w.got();

  it('a CHECKIN 60 held 20 minutes ends 60 minutes after she sent it', async () => {
    h = await startHarness({ dataDir: tempDir(), signalApiUrl: w.signal.url, signalReceiveMode: 'poll', twilioApiBaseUrl: w.twilio.url, dispatcher: QUICK_RETRIES });
    const server = h;
    await w.joinWithBuddy(server);
    // Stamped by Signal's server 20 minutes ago, handed over only now.
    const sent = Date.now() - 20 * MIN;
    await w.say('CHECKIN 60 grey van', sent);
    const reply = got().at(-1) ?? '';
    expect(reply).toMatch(/^Heads Up: check-in until/);
    expect(reply).toContain(clockTime(sent + 60 * MIN));
    expect(server.logs.filter((l) => l.includes('clock disagrees'))).toEqual([]);
  }, 60_000);
});
