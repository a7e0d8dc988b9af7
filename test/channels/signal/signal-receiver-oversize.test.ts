/**
 * A hostile Signal user controls the size of what signal-cli hands over: a
 * text of control characters (Signal's server takes up to 256 KiB of
 * content) is written by signal-cli's JSON as \u0001 escapes, six bytes a
 * character. The receiver's bounds must not let such messages take other
 * members' messages down with them.
 */
import { SignalReceiver } from '../../../src/channels/signal/signal-receiver';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal, textEnvelope } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';

const ACCOUNT = '+15005550199';
const MEMBER = { uuid: '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21', number: '+14155550123' };
const HOSTILE = { uuid: '9d2a4f6e-1b3c-4d5e-8f70-112233445566', number: '+14155550124' };
/** About 190 KB of text, ~1.1 MB once JSON-escaped: within what Signal's server carries. */
const BIG = '\u0001'.repeat(190_000);

describe('oversized Signal messages', () => {
  let signal: FakeSignal;
  let receiver: SignalReceiver | null = null;
  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
    await signal.stop();
  });

  it("polling: a member's OK in the same batch as 15 hostile oversized messages is still handled", async () => {
    signal = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
    await signal.start();
    expect(JSON.stringify(textEnvelope(ACCOUNT, HOSTILE, BIG)).length).toBeGreaterThan(1_100_000);
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'OK'));
    for (let i = 0; i < 15; i++) signal.push(textEnvelope(ACCOUNT, HOSTILE, BIG));
    const texts: string[] = [];
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'poll',
      log: createLogger('silent'),
      onItem: (item) => void texts.push(String((item as { envelope: { dataMessage: { message: string } } }).envelope.dataMessage.message).slice(0, 10)),
      tuning: { pollMs: 20, pollTimeoutS: 1, reconnectBaseMs: 20, reconnectMaxMs: 100 },
    });
    receiver.start();
    const deadline = Date.now() + 5_000;
    while (!texts.includes('OK') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // signal-cli has handed the batch over (it is no longer waiting at Signal), but the member's OK never reached the line.
    expect(signal.waiting).toBe(0);
    expect(texts).toContain('OK');
  }, 20_000);

  it("websocket: one hostile oversized message does not cut the connection the member's OK comes over next", async () => {
    signal = new FakeSignal({ account: ACCOUNT, mode: 'json-rpc' });
    await signal.start();
    const texts: string[] = [];
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'websocket',
      log: createLogger('silent'),
      onItem: (item) => void texts.push(String((item as { envelope: { dataMessage: { message: string } } }).envelope.dataMessage.message).slice(0, 10)),
      // A pong is waited for 5 s: reading the big frame on a loaded machine must not pass for a dead connection.
      tuning: { pingMs: 200, pongTimeoutMs: 5_000, reconnectBaseMs: 20, reconnectMaxMs: 200, stableMs: 5_000 },
    });
    receiver.start();
    while (signal.connected === 0) await new Promise((r) => setTimeout(r, 10));
    signal.push(textEnvelope(ACCOUNT, HOSTILE, BIG));
    // The member's OK arrives a moment later.
    await new Promise((r) => setTimeout(r, 20));
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'OK'));
    await waitFor(() => texts.includes('OK'), 10_000, "the member's OK");
    expect(receiver.connections).toBe(1);
  }, 20_000);
});

