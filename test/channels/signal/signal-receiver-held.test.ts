/**
 * A received item that could not be taken (onItem rejects: the database
 * refused both to handle and to park the message, a full disk) is held in
 * memory and offered again with backoff, in order, until taken: signal-cli
 * has already handed it over and keeps no copy. Polling takes no new batch
 * meanwhile; the websocket, which cannot be paused, keeps what arrives up to
 * a bound and says what it loses past it. Against the fake signal-cli-rest-api.
 */
import { SignalReceiver, type ReceiverTuning } from '../../../src/channels/signal/signal-receiver';
import { FakeSignal, textEnvelope } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';
import { collectingLogger } from '../../helpers/collecting-logger';

const ACCOUNT = '+15005550199';
const member = (n: number) => ({ uuid: `0b6f0c7e-3a41-4c35-9a55-${String(n).padStart(12, '0')}`, number: `+141555501${String(n).padStart(2, '0')}` });
const textOf = (item: unknown) => (item as { envelope: { dataMessage: { message: string } } }).envelope.dataMessage.message;

/** What a database that refuses writes does to onItem: every offer rejects while `refusing`. */
function refusingInbound() {
  const state = { refusing: true, offers: 0, taken: [] as string[] };
  const onItem = async (item: unknown) => {
    state.offers++;
    await Promise.resolve();
    if (state.refusing) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    state.taken.push(textOf(item));
  };
  return { state, onItem };
}

const QUICK: Partial<ReceiverTuning> = { pollMs: 20, pollTimeoutS: 1, reconnectBaseMs: 20, reconnectMaxMs: 80 };

describe('polling while the database refuses writes', () => {
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

  it('holds the batch, polls no more until it is taken, then takes everything once, in order', async () => {
    const { lines, raw, log } = collectingLogger();
    const { state, onItem } = refusingInbound();
    receiver = new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'poll', log, onItem, tuning: QUICK });
    for (const n of [1, 2, 3]) signal.push(textEnvelope(ACCOUNT, member(n), `OK ${n}`));
    receiver.start();
    await waitFor(() => state.offers >= 4, 5_000, 'the first message offered again');
    const receives = signal.receives;
    // Sent meanwhile: left at signal-cli, which keeps it.
    signal.push(textEnvelope(ACCOUNT, member(4), 'OK 4'));
    await waitFor(() => state.offers >= 7, 5_000, 'more offers');
    expect(signal.receives).toBe(receives);
    expect(signal.waiting).toBe(1);
    expect(state.taken).toEqual([]);
    const said = lines.filter((l) => l.level === 50 && l.msg.includes('the database refuses writes'));
    expect(said).toHaveLength(1);
    expect(said[0]?.waiting).toBe(3);

    state.refusing = false;
    await waitFor(() => state.taken.length === 4, 5_000, 'all four taken');
    expect(state.taken).toEqual(['OK 1', 'OK 2', 'OK 3', 'OK 4']);
    expect(lines.some((l) => l.level === 30 && l.msg.includes('the database takes writes again'))).toBe(true);
    expect(raw.join('\n')).not.toMatch(/0b6f0c7e|4155550|OK \d/);
  });

  it('stops though the database still refuses: what it held is said lost', async () => {
    const { lines, log } = collectingLogger();
    const { state, onItem } = refusingInbound();
    receiver = new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'poll', log, onItem, tuning: { ...QUICK, reconnectBaseMs: 60_000, reconnectMaxMs: 60_000, heldRetryMaxMs: 60_000 } });
    for (const n of [1, 2]) signal.push(textEnvelope(ACCOUNT, member(n), `OK ${n}`));
    receiver.start();
    await waitFor(() => lines.some((l) => l.msg.includes('the database refuses writes')), 5_000, 'the first refusal');
    // Not a minute's backoff (30 to 60 s, jittered): each is offered once more, then given up.
    let stopped = false;
    const stopping = receiver.stop().then(() => (stopped = true));
    receiver = null;
    await waitFor(() => stopped, 20_000, 'the stop, before the held retry is due');
    await stopping;
    expect(state.offers).toBe(3);
    expect(lines.filter((l) => l.level === 50 && l.msg.includes('it is lost'))).toHaveLength(2);
  });
});

describe('the websocket while the database refuses writes', () => {
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

  it('keeps what arrives up to the bound, loses what comes past it and says how many, then takes the rest in order', async () => {
    const { lines, raw, log } = collectingLogger();
    const { state, onItem } = refusingInbound();
    receiver = new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'websocket', log, onItem, tuning: { ...QUICK, waitingMax: 3 } });
    receiver.start();
    await waitFor(() => signal.connected === 1, 5_000, 'the websocket');
    for (const n of [1, 2, 3, 4, 5]) signal.push(textEnvelope(ACCOUNT, member(n), `OK ${n}`));
    await waitFor(() => lines.some((l) => l.msg.includes('past the bound')), 5_000, 'the first loss said');
    await waitFor(() => state.offers >= 3, 5_000, 'the first message offered again');
    state.refusing = false;
    await waitFor(() => state.taken.length === 3, 5_000, 'the three kept');
    expect(state.taken).toEqual(['OK 1', 'OK 2', 'OK 3']);
    // Said at error once, then counted: the count comes once the queue is clear.
    expect(lines.filter((l) => l.level === 50 && l.msg.includes('past the bound') && l.msg.includes('it is lost'))).toHaveLength(1);
    await waitFor(() => lines.some((l) => l.lost === 2), 5_000, 'how many were lost');
    signal.push(textEnvelope(ACCOUNT, member(6), 'OK 6'));
    await waitFor(() => state.taken.length === 4, 5_000, 'a later message');
    expect(state.taken[3]).toBe('OK 6');
    expect(raw.join('\n')).not.toMatch(/0b6f0c7e|4155550|OK \d/);
  });

  it('bounds the bytes kept too: a frame that would pass them is lost', async () => {
    const { lines, log } = collectingLogger();
    const { state, onItem } = refusingInbound();
    receiver = new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'websocket', log, onItem, tuning: { ...QUICK, waitingMaxBytes: 3_000 } });
    receiver.start();
    await waitFor(() => signal.connected === 1, 5_000, 'the websocket');
    signal.push(textEnvelope(ACCOUNT, member(1), 'OK 1'));
    signal.push(textEnvelope(ACCOUNT, member(2), `OK 2 ${'x'.repeat(3_000)}`));
    signal.push(textEnvelope(ACCOUNT, member(3), 'OK 3'));
    await waitFor(() => lines.some((l) => l.msg.includes('past the bound')), 5_000, 'the loss said');
    state.refusing = false;
    await waitFor(() => state.taken.length === 2, 5_000, 'the two kept');
    expect(state.taken).toEqual(['OK 1', 'OK 3']);
  });

  it("grows past the reconnect's short cap: each offer of a moderator's message lists the account's identities ahead of sends", async () => {
    const { lines, log } = collectingLogger();
    const { onItem } = refusingInbound();
    // The reconnect capped at 40 ms, the held message's own cap left as in production (heldRetryMaxMs).
    receiver = new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'websocket', log, onItem, tuning: { reconnectBaseMs: 20, reconnectMaxMs: 40 } });
    receiver.start();
    await waitFor(() => signal.connected === 1, 5_000, 'the websocket');
    signal.push(textEnvelope(ACCOUNT, member(1), 'APPROVE K7Q2'));
    const waits = () => lines.filter((l) => /database refuses writes/.test(l.msg)).map((l) => Number(l.retryInMs));
    await waitFor(() => waits().length >= 5, 10_000, 'five refusals');
    // The fifth wait's ceiling is 20·2^4 = 320 ms, jittered to at least half of it.
    expect(waits()[4]).toBeGreaterThanOrEqual(160);
  });
});
