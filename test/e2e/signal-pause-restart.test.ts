/**
 * Signal's rate limit across a restart: the pause grows with each window in
 * a row (15 s doubling, here 300 ms), and a restart keeps the count, so a
 * server restarting in a loop does not start again at the first, shortest
 * window and hammer a limit that only grows (a longer one, a captcha).
 */
import { FakeSignal, SIGNAL_ERRORS, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';

const FIRST = 'Signal is rate-limiting the bot (HTTP 429)';
const LONGER = 'Signal is still rate-limiting the bot; pausing Signal sends longer';
const said = (h: Harness, text: string) => h.logs.filter((l) => l.includes(text));

describe("Signal's rate limit across a restart", () => {
  let signal: FakeSignal;
  let h: Harness | null = null;
  afterAll(async () => {
    await h?.close();
    await signal.stop();
  });

  it('goes on from the window it had reached, not from the first', async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native', answer: () => SIGNAL_ERRORS.rateLimited(SIGNAL_NUMBER) });
    await signal.start();
    const dataDir = tempDir();
    const start = () => startHarness({ dataDir, twilio: false, signalApiUrl: signal.url, signalReceiveMode: 'poll', signal: { throttle: { baseMs: 300, maxMs: 60_000 } } });
    h = await start();
    // Her reply is refused: the first window.
    signal.push(textEnvelope(SIGNAL_NUMBER, { uuid: '2c3d4e5f-6a7b-4c8d-9e0f-000000000001', number: null }, 'JOIN 415'));
    await waitFor(() => said(h!, FIRST).length === 1, 10_000, 'the first 429');
    await h.close();
    h = await start();
    // Tried again after the restart and refused again: the second window in a row, twice as long.
    await waitFor(() => said(h!, LONGER).length + said(h!, FIRST).length > 0, 10_000, 'the 429 after the restart');
    expect(said(h, FIRST)).toHaveLength(0);
    expect(JSON.parse(said(h, LONGER)[0]!)).toMatchObject({ windows: 2, pauseMs: 600 });
  }, 30_000);
});
