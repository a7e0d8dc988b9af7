/**
 * Stopping while a poll is in flight: signal-cli has already taken what
 * that poll brings from Signal, so Heads Up must act on it before it
 * closes its database (docs/signal.md, "Receive modes").
 */
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';

describe('stopping while a Signal poll is in flight', () => {
  let signal: FakeSignal;
  let h: Harness | null = null;

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode: 'native' });
    await signal.start();
  });
  afterAll(async () => {
    await h?.close();
    await signal.stop();
  });

  const start = (dataDir: string) => startHarness({ dataDir, twilio: false, signalApiUrl: signal.url, signalReceiveMode: 'poll' });

  it('acts on the messages that poll brings before closing, and answers them after the restart', async () => {
    const dataDir = tempDir();
    const member = { uuid: '2c3d4e5f-6a7b-4c8d-9e0f-000000000041', number: null };
    h = await start(dataDir);
    await waitFor(() => signal.pollsWaiting === 1, 10_000, 'a poll waiting for messages');
    // The message reaches the waiting poll as the server begins to stop.
    signal.push(textEnvelope(SIGNAL_NUMBER, member, 'JOIN 415'));
    await h.close();
    h = null;
    expect(signal.waiting).toBe(0);

    h = await start(dataDir);
    await waitFor(() => signal.to(member.uuid).length === 1, 10_000, 'the reply to the JOIN taken before the stop');
    expect(signal.to(member.uuid)[0]?.message).toContain('415');
    const db = h.server.db.sqlite;
    expect((db.prepare("SELECT count(*) AS n FROM members WHERE channel = 'signal' AND status = 'active'").get() as { n: number }).n).toBe(1);
  });
});
