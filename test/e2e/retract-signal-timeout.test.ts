/**
 * RETRACT while a Signal copy waits at a slow signal-cli past the line's
 * send time-out (the real sender's own, given 3 s here instead of 30 s): the
 * time-out comes back as a try to send again, signal-cli then delivers it
 * all the same. The copy must not be cancelled as if unsent: she is
 * corrected (its timestamp was never learnt, so it cannot be deleted).
 * Real HTTP on loopback, a real SQLite file; a fake signal-cli-rest-api.
 */
import { FakeSignal } from '../fakes/fake-signal';
import { seedMembers } from '../helpers/seed';
import { refOf, SIGNAL_NUMBER, startHarness, tempDir, TEST_RECEIVER, waitFor, type Harness } from '../helpers/harness';

/** The line's send time-out (30 s in production). */
const SEND_TIMEOUT_MS = 3_000;
const MEMBERS = Array.from({ length: 2 }, (_, i) => `2c3d4e5f-6071-4b8c-9dae-${String(i + 1).padStart(12, '0')}`);

describe('RETRACT while a Signal send waits at a slow signal-cli', () => {
  let signal: FakeSignal;
  let h: Harness;

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
    await signal.start();
    const dataDir = tempDir();
    await seedMembers(dataDir, '415', MEMBERS, 'signal');
    // Twilio configured (against nothing): the report comes by SMS, its reference in the TwiML reply.
    h = await startHarness({
      dataDir,
      signalApiUrl: signal.url,
      signalReceiveMode: 'poll',
      signal: { throttle: { baseMs: 100, maxMs: 800 }, receiver: TEST_RECEIVER, sendTimeoutMs: SEND_TIMEOUT_MS },
      retractions: { everyMs: 100 },
    });
  });

  afterAll(async () => {
    await h.close();
    await signal.stop();
  });

  it('corrects a copy signal-cli sent after the line stopped waiting for it', async () => {
    const ref = refOf((await h.sms('+14155550177', 'REPORT 415 grey van, took my phone')).message);
    // Longer than the send's time-out: the line's first try gives up on it; signal-cli still sends it.
    signal.sendMs = SEND_TIMEOUT_MS + 2_000;
    expect(h.server.bot.operate(`APPROVE ${ref}`).reply).toContain('approved');
    await waitFor(() => signal.mostSendsAtOnce >= 1, 10_000, 'a copy at signal-cli');
    signal.sendMs = 0;
    expect(h.server.bot.operate(`RETRACT ${ref}`).reply).toContain('retracted');
    const got = () => [...new Set(signal.sent.filter((m) => m.message.includes('grey van')).map((m) => m.recipient))];
    await waitFor(() => got().length > 0, 45_000, 'signal-cli sends the copy it held');
    const standing = () => {
      const fixed = new Set([...signal.remoteDeletes.map((d) => d.recipient), ...signal.sent.filter((m) => m.message.includes('withdrawn')).map((m) => m.recipient)]);
      return got().filter((u) => !fixed.has(u));
    };
    await waitFor(() => standing().length === 0, 15_000, 'the copy sent corrected');
    expect(standing()).toEqual([]);
  }, 90_000);
});
