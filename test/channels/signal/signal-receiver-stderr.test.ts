/**
 * Polling (normal mode) while signal-cli writes a Java stack trace to stderr
 * beside the messages it received (upstream issue #680, after a reaction):
 * signal-cli-rest-api joins stdout's and stderr's lines alike into its
 * answer, which is then no longer JSON though every message in it is whole.
 * signal-cli has already taken those messages off Signal's server: each is
 * handed over, and the log says only how many lines were not messages.
 */
import { SignalReceiver } from '../../../src/channels/signal/signal-receiver';
import { FakeSignal, textEnvelope } from '../../fakes/fake-signal';
import { collectingLogger } from '../../helpers/collecting-logger';
import { waitFor } from '../../helpers/wait-for';

const ACCOUNT = '+15005550199';
const MEMBER = { uuid: '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21', number: '+14155550123' };
// What signal-cli 0.13 printed in #680; the message names the sender.
const TRACE = [
  `java.lang.NullPointerException: Cannot invoke "String.length()" because "${MEMBER.number}" is null`,
  '\tat org.asamk.signal.json.JsonReaction.from(JsonReaction.java:31)',
  '\tat org.asamk.signal.json.JsonDataMessage.from(JsonDataMessage.java:88)',
];

const textOf = (item: unknown) => (item as { envelope: { dataMessage: { message: string } } }).envelope.dataMessage.message;

describe('polling while signal-cli prints a stack trace among the messages', () => {
  let signal: FakeSignal;
  let receiver: SignalReceiver | null = null;

  beforeEach(async () => {
    signal = new FakeSignal({ account: ACCOUNT, mode: 'normal' });
    await signal.start();
  });
  afterEach(async () => {
    await receiver?.stop();
    receiver = null;
    await signal.stop();
  });

  it('hands over every message of the answer, and logs how many lines were dropped, not what they said', async () => {
    const { lines, raw, log } = collectingLogger();
    const items: unknown[] = [];
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'REPORT +14155550100 hit me, grey van'));
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'OK'));
    signal.receiveStderr = TRACE;
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'poll',
      log,
      onItem: (item) => void items.push(item),
      tuning: { pollMs: 20, pollTimeoutS: 1, reconnectBaseMs: 20, reconnectMaxMs: 40 },
    });
    receiver.start();
    await waitFor(() => items.length === 2, 5_000, 'both messages');
    expect(items.map(textOf)).toEqual(['REPORT +14155550100 hit me, grey van', 'OK']);
    expect(signal.waiting).toBe(0);
    const dropped = lines.find((l) => l.dropped !== undefined);
    expect(dropped).toMatchObject({ level: 40, dropped: 1, kept: 2 });
    // Not read as a failed poll: no backoff, no "a proxy in front of it?".
    expect(lines.filter((l) => /proxy|failed/i.test(l.msg))).toEqual([]);
    const written = raw.join('\n');
    for (const secret of [MEMBER.number, MEMBER.uuid, 'grey van', 'NullPointerException', 'JsonReaction']) expect(written).not.toContain(secret);
  });

  it('keeps polling when an answer holds nothing but the stack trace', async () => {
    const { lines, log } = collectingLogger();
    const items: unknown[] = [];
    signal.receiveStderr = TRACE;
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'poll',
      log,
      onItem: (item) => void items.push(item),
      tuning: { pollMs: 20, pollTimeoutS: 1, reconnectBaseMs: 20, reconnectMaxMs: 40 },
    });
    receiver.start();
    await waitFor(() => signal.receives >= 1, 5_000, 'a poll answered');
    signal.receiveStderr = [];
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'JOIN 415'));
    await waitFor(() => items.length === 1, 5_000, 'the next message');
    expect(items.map(textOf)).toEqual(['JOIN 415']);
    expect(lines.filter((l) => /proxy|failed/i.test(l.msg))).toEqual([]);
  });
});
