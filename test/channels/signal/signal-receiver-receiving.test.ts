/**
 * Whether the Signal receiver says it is receiving (what /readyz asks), on a
 * clock the test moves: a start gets the whole bound, a websocket that works
 * counts however long it stays open, one dropped counts from its close (a
 * reconnect within the bound never shows), one closed as soon as it opens
 * never counts; polling counts from the last receive answered.
 */
import { DEFAULT_RECEIVER, SignalReceiver, type ReceiverTuning } from '../../../src/channels/signal/signal-receiver';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal, type FakeSignalOptions } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';

const ACCOUNT = '+15005550199';
const STALE_MS = 60_000;
const PAGE = '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>';

describe('SignalReceiver.receiving', () => {
  let signal: FakeSignal;
  let receiver: SignalReceiver | null = null;
  const clock = { t: 0 };

  async function start(mode: FakeSignalOptions['mode'], tuning: Partial<ReceiverTuning> = {}): Promise<SignalReceiver> {
    signal = new FakeSignal({ account: ACCOUNT, mode });
    await signal.start();
    clock.t = 1_000;
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: mode === 'json-rpc' ? 'websocket' : 'poll',
      log: createLogger('silent', { write: () => undefined }),
      onItem: () => undefined,
      tuning: { pingMs: 30, pongTimeoutMs: 500, reconnectBaseMs: 10, reconnectMaxMs: 40, pollMs: 10, pollTimeoutS: 1, staleMs: STALE_MS, ...tuning },
      now: () => clock.t,
    });
    receiver.start();
    return receiver;
  }

  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
    await signal.stop();
  });

  it('a websocket closed as soon as it opens: receiving for the bound after the start, not after it, however often it reconnects', async () => {
    const r = await start('json-rpc');
    signal.closeOnOpen = true;
    await waitFor(() => signal.connections >= 3, 5_000, 'reconnects');
    clock.t += STALE_MS;
    expect(r.receiving).toBe(true);
    const before = signal.connections;
    await waitFor(() => signal.connections >= before + 2, 5_000, 'more reconnects');
    clock.t += 1;
    expect(r.receiving).toBe(false);
  });

  it('a websocket that works counts however long it stays open; dropped, it counts from its close, and again once one works', async () => {
    const r = await start('json-rpc');
    await waitFor(() => signal.connected === 1, 5_000, 'the websocket');
    // An hour on the test's clock: once a pong proves the connection works (pinged every 30 ms), it receives.
    clock.t += 3_600_000;
    await waitFor(() => r.receiving, 5_000, 'the connection proven');
    expect(signal.connections).toBe(1);
    // Dropped, and every reconnect closed at once: the bound runs from the drop.
    signal.closeOnOpen = true;
    const before = signal.connections;
    signal.killSockets();
    await waitFor(() => signal.connections >= before + 2, 5_000, 'reconnects');
    clock.t += STALE_MS;
    expect(r.receiving).toBe(true);
    clock.t += 1;
    expect(r.receiving).toBe(false);
    // A connection that works again: receiving, however late.
    signal.closeOnOpen = false;
    await waitFor(() => r.receiving, 5_000, 'receiving again');
    clock.t += 3_600_000;
    expect(r.receiving).toBe(true);
  });

  it('a websocket that stays open stableMs counts from then, without waiting for a pong (pings far apart)', async () => {
    const r = await start('json-rpc', { pingMs: 60_000, stableMs: 100 });
    signal.closeOnOpen = true;
    await waitFor(() => signal.connections >= 2, 5_000, 'reconnects');
    clock.t += STALE_MS + 1;
    expect(r.receiving).toBe(false);
    signal.closeOnOpen = false;
    await waitFor(() => signal.connected === 1, 5_000, 'the websocket');
    await waitFor(() => r.receiving, 2_000, 'the open websocket counted');
    clock.t += 3_600_000;
    expect(r.receiving).toBe(true);
  });

  it("the defaults: signal-cli-rest-api restarting (a JVM's start, up to 45 s), the longest reconnect wait and stableMs fit in staleMs", () => {
    const restartMs = 45_000;
    expect(restartMs + DEFAULT_RECEIVER.reconnectMaxMs + DEFAULT_RECEIVER.stableMs).toBeLessThan(DEFAULT_RECEIVER.staleMs);
  });

  it('polling: receiving while receives answer, and for the bound after the last one', async () => {
    const r = await start('normal');
    await waitFor(() => signal.receives >= 1, 5_000, 'a receive');
    clock.t += 3_600_000;
    const answered = signal.receives;
    await waitFor(() => signal.receives > answered, 5_000, 'another receive');
    // The fake counts a receive as it is asked; the receiver counts it once its answer is read, a moment later.
    await waitFor(() => r.receiving, 5_000, 'receiving once a receive answered');
    // A proxy's page from now on: the receive in flight may still answer, the ones after do not.
    signal.proxyPage = PAGE;
    await waitFor(() => signal.proxyAnswers >= 2, 5_000, 'failed receives');
    clock.t += STALE_MS;
    expect(r.receiving).toBe(true);
    clock.t += 1;
    expect(r.receiving).toBe(false);
    signal.proxyPage = null;
    await waitFor(() => r.receiving, 5_000, 'receiving again');
  });
});
