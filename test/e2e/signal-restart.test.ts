/**
 * Issue 15 item 1: with signal-cli-rest-api in native mode and Heads Up
 * polling, messages that arrive while Heads Up is stopped wait at Signal and
 * are handled, each exactly once, when it starts again.
 */
import { FakeSignal, textEnvelope, type FakeSignalMode } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, startHarness, tempDir, waitFor, type Harness } from '../helpers/harness';

const uuid = (n: number) => `2c3d4e5f-6a7b-4c8d-9e0f-${String(n).padStart(12, '0')}`;

describe('a restart with Signal messages waiting', () => {
  // The compose file's pairing. (json-rpc with the websocket loses all three: see docs/signal.md.)
  const mode = 'native' as FakeSignalMode;
  let signal: FakeSignal;
  let h: Harness | null = null;

  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER, mode });
    await signal.start();
  });
  afterAll(async () => {
    await h?.close();
    await signal.stop();
  });

  const start = (dataDir: string) =>
    startHarness({ dataDir, twilio: false, signalApiUrl: signal.url, signalReceiveMode: mode === 'json-rpc' ? 'websocket' : 'poll' });

  it('handles each message that arrived while Heads Up was stopped exactly once, and a redelivered one not again', async () => {
    const dataDir = tempDir();
    const first = { uuid: uuid(1), number: null };
    h = await start(dataDir);
    signal.push(textEnvelope(SIGNAL_NUMBER, first, 'JOIN 415'));
    await waitFor(() => signal.to(first.uuid).length === 1, 10_000, 'the first reply');
    await h.close();
    h = null;

    // Heads Up is down (a deploy, a crash): members keep writing.
    const people = [2, 3, 4].map((n) => ({ uuid: uuid(n), number: null }));
    const envelopes = people.map((p) => textEnvelope(SIGNAL_NUMBER, p, 'JOIN 415'));
    for (const e of envelopes) signal.push(e);
    const report = textEnvelope(SIGNAL_NUMBER, first, 'REPORT 415 man in a white van would not pay');
    signal.push(report);
    expect(signal.sent).toHaveLength(1);

    h = await start(dataDir);
    await waitFor(() => people.every((p) => signal.to(p.uuid).length === 1) && signal.to(first.uuid).length === 2, 10_000, 'replies to what arrived while down');

    // Signal delivers one of them again (as after a crash between receiving and acknowledging).
    signal.push(envelopes[0] as Record<string, unknown>);
    signal.push(report);
    const polls = signal.receives;
    // Two answered polls after the push: the batch holding the copies was handled before the next poll.
    await waitFor(() => signal.receives >= polls + 2 && signal.waiting === 0, 10_000, 'the redelivered copies to be taken');

    for (const p of people) expect(signal.to(p.uuid)).toHaveLength(1);
    expect(signal.to(first.uuid)).toHaveLength(2);
    const db = h.server.db.sqlite;
    expect((db.prepare("SELECT count(*) AS n FROM members WHERE channel = 'signal' AND status = 'active'").get() as { n: number }).n).toBe(4);
    expect((db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n).toBe(1);
  });
});
