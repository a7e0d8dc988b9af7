/**
 * signal-cli-rest-api restarting in json-rpc mode, with the receiver's
 * production tuning: signal-cli takes messages from Signal as soon as it is
 * up and drops those no websocket takes, so a reconnect wait that grew
 * through the outage would lose every message of its tail. The waits stay
 * short and the websocket is back within a couple of seconds of the API.
 */
import { SignalReceiver } from '../../../src/channels/signal/signal-receiver';
import { FakeSignal, textEnvelope } from '../../fakes/fake-signal';
import { collectingLogger } from '../../helpers/collecting-logger';
import { waitFor } from '../../helpers/wait-for';

jest.setTimeout(60_000);

const ACCOUNT = '+15005550199';
const member = (n: number) => ({ uuid: `2c3d4e5f-6a7b-4c8d-9e0f-${String(n).padStart(12, '0')}`, number: null });

describe('signal-cli-rest-api restarts (json-rpc)', () => {
  let signal: FakeSignal;
  let receiver: SignalReceiver | null = null;

  beforeEach(async () => {
    signal = new FakeSignal({ account: ACCOUNT, mode: 'json-rpc' });
    await signal.start();
  });
  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
    await signal.stop();
  });

  it('after an outage of several seconds, the websocket is back within about 2 s of the API', async () => {
    const { lines, log } = collectingLogger();
    const items: unknown[] = [];
    receiver = new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'websocket', log, onItem: (item) => void items.push(item) });
    receiver.start();
    await waitFor(() => signal.connected === 1, 5_000, 'the first connection');

    await signal.stop();
    const closes = () => lines.filter((l) => /websocket closed/.test(l.msg));
    // Six refused reconnects: 0.5 s doubling would wait 4 s or more before the sixth.
    await waitFor(() => closes().length >= 6, 30_000, 'six closed or refused connections');
    // What Signal delivers meanwhile, signal-cli-rest-api drops (as the real one does).
    signal.push(textEnvelope(ACCOUNT, member(1), 'JOIN 415'));
    expect(signal.dropped).toBe(1);
    const waits = closes().map((l) => l.reconnectInMs as number);
    expect(Math.max(...waits)).toBeLessThanOrEqual(2_000);

    await signal.start();
    // Bound generous for a wait capped at 2 s: with waits grown through the outage, tens of seconds.
    await waitFor(() => signal.connected === 1, 5_000, 'the reconnect once the API is back');
    signal.push(textEnvelope(ACCOUNT, member(2), 'JOIN 415'));
    await waitFor(() => items.length === 1, 5_000, 'the message sent once it is back');
    expect(signal.dropped).toBe(1);
  });
});
