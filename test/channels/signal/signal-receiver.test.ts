/**
 * The Signal receiver against a fake signal-cli-rest-api with a
 * misconfigured proxy in front of it, polling (normal mode) and over the
 * websocket (json-rpc mode): answers that are not signal-cli-rest-api's are
 * failures, waited out with the shared backoff and reported once per
 * episode, not at every poll or reconnect.
 */
import { SignalReceiver } from '../../../src/channels/signal/signal-receiver';
import { SignalSender } from '../../../src/channels/signal/signal-sender';
import { createLogger } from '../../../src/log/logger';
import { FakeSignal, textEnvelope } from '../../fakes/fake-signal';
import { waitFor } from '../../helpers/wait-for';
import { collectingLogger } from '../../helpers/collecting-logger';

const ACCOUNT = '+15005550199';
const MEMBER = { uuid: '0b6f0c7e-3a41-4c35-9a55-5d1c0a8f4e21', number: '+14155550123' };
const PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>Welcome to nginx!</h1></center></body></html>';

const WARN = 40;

describe('polling behind a proxy that answers 200 with an HTML page', () => {
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

  /** A receiver polling every 20 ms, its failures waited out from `baseMs` doubling to `maxMs`. */
  const polling = (log: ReturnType<typeof createLogger>, onItem: (item: unknown) => void, baseMs: number, maxMs: number) =>
    new SignalReceiver({ apiUrl: signal.url, number: ACCOUNT, mode: 'poll', log, onItem, tuning: { pollMs: 20, pollTimeoutS: 1, reconnectBaseMs: baseMs, reconnectMaxMs: maxMs } });

  it('backs off, warns once for the episode, and receives again once signal-cli-rest-api answers', async () => {
    const { lines, raw, log } = collectingLogger();
    const items: unknown[] = [];
    signal.proxyPage = PAGE;
    receiver = polling(log, (item) => void items.push(item), 50, 400);
    receiver.start();
    await new Promise((r) => setTimeout(r, 1_500));
    // Polling every 20 ms would ask ~75 times; 50 ms doubling to 400 ms (jittered down to half) asks at most ~14.
    expect(signal.proxyAnswers).toBeGreaterThan(1);
    expect(signal.proxyAnswers).toBeLessThanOrEqual(14);
    const warnings = lines.filter((l) => l.level >= WARN);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.msg).toMatch(/not signal-cli-rest-api|not JSON/i);

    signal.proxyPage = null;
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'JOIN 415'));
    await waitFor(() => items.length === 1, 5_000, 'the message once the proxy is fixed');
    // Said once, at the recovery: not at every poll that works after it.
    const polls = signal.receives;
    await waitFor(() => signal.receives >= polls + 3, 10_000, 'more polls answered');
    expect(lines.filter((l) => l.level === 30 && /receiv\w* again/i.test(l.msg))).toHaveLength(1);
    // Still one warning: recovering is not a failure.
    expect(lines.filter((l) => l.level >= WARN)).toHaveLength(1);
    expect(raw.join('\n')).not.toContain(MEMBER.number);
    expect(raw.join('\n')).not.toContain(MEMBER.uuid);
    expect(raw.join('\n')).not.toContain('JOIN 415');
  });

  it('a new episode after a recovery is warned about again', async () => {
    const { lines, log } = collectingLogger();
    signal.proxyPage = PAGE;
    receiver = polling(log, () => undefined, 20, 40);
    receiver.start();
    await waitFor(() => signal.proxyAnswers >= 3, 5_000, 'a few failed polls');
    signal.proxyPage = null;
    await waitFor(() => signal.receives >= 1, 5_000, 'a poll answered by signal-cli-rest-api');
    const answered = signal.proxyAnswers;
    signal.proxyPage = PAGE;
    await waitFor(() => signal.proxyAnswers >= answered + 3, 5_000, 'failed polls again');
    expect(lines.filter((l) => l.level >= WARN)).toHaveLength(2);
  });

  it('readiness says signal is down: a page from a proxy is not signal-cli-rest-api', async () => {
    const sender = new SignalSender({ apiUrl: signal.url, number: ACCOUNT, log: collectingLogger().log });
    try {
      expect(await sender.ready()).toBe('ready');
      signal.proxyPage = PAGE;
      expect(await sender.ready()).toBe('no_answer');
    } finally {
      await sender.close();
    }
  });
});

describe('the receive websocket', () => {
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

  it('behind a proxy that answers its upgrade with an HTML page: reconnects with backoff, says so once per episode, and receives again once it connects', async () => {
    const { lines, log } = collectingLogger();
    const items: unknown[] = [];
    signal.proxyPage = PAGE;
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'websocket',
      log,
      onItem: (item) => void items.push(item),
      tuning: { reconnectBaseMs: 20, reconnectMaxMs: 40 },
    });
    receiver.start();
    await waitFor(() => signal.proxyAnswers >= 5, 5_000, 'several refused reconnects');
    // The first try: what is wrong (error), the socket's error and its close (warnings); the later tries only at debug.
    const said = () => lines.filter((l) => l.level >= WARN).map((l) => `${l.level} ${l.msg.slice(0, 40)}`);
    expect(said()).toEqual(['50 signal-cli-rest-api refused the receive ', '40 Signal websocket error', '40 Signal websocket closed; messages that a']);
    expect(lines.filter((l) => l.level === 20 && /refused the receive websocket/.test(l.msg)).length).toBeGreaterThanOrEqual(3);

    signal.proxyPage = null;
    await waitFor(() => signal.connected === 1, 5_000, 'the websocket once the proxy is fixed');
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'JOIN 415'));
    await waitFor(() => items.length === 1, 5_000, 'the message');
    // A new episode is said again.
    signal.proxyPage = PAGE;
    const answered = signal.proxyAnswers;
    signal.killSockets();
    await waitFor(() => signal.proxyAnswers >= answered + 3, 5_000, 'refused reconnects again');
    // Said once more, at its start (the drop may come with a socket error), not at each of the refused reconnects.
    const second = said().slice(3);
    expect(second.filter((l) => l.startsWith('40 Signal websocket closed'))).toHaveLength(1);
    expect(second.length).toBeLessThanOrEqual(2);
    expect(lines.filter((l) => l.level === 30 && /websocket connected/.test(l.msg))).toHaveLength(1);
  });

  it('accepted and closed at once: an episode of failures, the waits grow, it is said once, and a connection that carries a message ends it', async () => {
    const { lines, log } = collectingLogger();
    const items: unknown[] = [];
    signal.closeOnOpen = true;
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'websocket',
      log,
      onItem: (item) => void items.push(item),
      tuning: { reconnectBaseMs: 10, reconnectMaxMs: 5_000 },
    });
    receiver.start();
    await waitFor(() => signal.connections >= 6, 10_000, 'several accepted and closed connections');
    const waits = lines.filter((l) => /websocket closed/.test(l.msg)).map((l) => l.reconnectInMs as number);
    // 10 ms doubling, jittered down to half at most: the sixth wait is at least 160 ms, never the base again.
    expect(waits.length).toBeGreaterThanOrEqual(5);
    expect(waits[4]).toBeGreaterThanOrEqual(80);
    expect(lines.filter((l) => l.level >= 30 && /websocket (connected|closed)/.test(l.msg)).map((l) => l.msg.slice(0, 25))).toEqual([
      'Signal websocket connecte',
      'Signal websocket closed; ',
    ]);

    signal.closeOnOpen = false;
    await waitFor(() => signal.connected === 1, 10_000, 'a connection that stays');
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'JOIN 415'));
    await waitFor(() => items.length === 1, 5_000, 'the message');
    // The message ended the episode: the next drop waits the base again and is said again.
    const closedBefore = lines.filter((l) => /websocket closed/.test(l.msg)).length;
    signal.killSockets();
    await waitFor(() => lines.filter((l) => /websocket closed/.test(l.msg)).length > closedBefore, 5_000, 'the drop');
    const drop = lines.filter((l) => /websocket closed/.test(l.msg))[closedBefore];
    expect(drop?.level).toBe(WARN);
    expect(drop?.reconnectInMs as number).toBeLessThanOrEqual(10);
  });

  it('counts a quiet connection that stayed open a while as working: a proxy that cuts idle sockets is reconnected at once', async () => {
    const { lines, log } = collectingLogger();
    signal.closeOnOpen = true;
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'websocket',
      log,
      onItem: () => undefined,
      tuning: { reconnectBaseMs: 10, reconnectMaxMs: 5_000, stableMs: 150 },
    });
    receiver.start();
    await waitFor(() => signal.connections >= 5, 10_000, 'several accepted and closed connections');
    signal.closeOnOpen = false;
    await waitFor(() => signal.connected === 1, 10_000, 'a connection that stays');
    // Nothing comes over it (no message, no ping yet); a proxy's idle time-out cuts it.
    await new Promise((r) => setTimeout(r, 300));
    const closedBefore = lines.filter((l) => /websocket closed/.test(l.msg)).length;
    signal.killSockets();
    await waitFor(() => lines.filter((l) => /websocket closed/.test(l.msg)).length > closedBefore, 5_000, 'the drop');
    const drop = lines.filter((l) => /websocket closed/.test(l.msg))[closedBefore];
    expect(drop?.level).toBe(WARN);
    expect(drop?.reconnectInMs as number).toBeLessThanOrEqual(10);
  });

  it('after a storm of connections closed as soon as they open, the recovery is said at info, as polling says it', async () => {
    const { lines, log } = collectingLogger();
    const items: unknown[] = [];
    receiver = new SignalReceiver({
      apiUrl: signal.url,
      number: ACCOUNT,
      mode: 'websocket',
      log,
      onItem: (item) => void items.push(item),
      tuning: { reconnectBaseMs: 10, reconnectMaxMs: 40, stableMs: 150 },
    });
    receiver.start();
    await waitFor(() => signal.connected === 1, 5_000, 'the first connection');
    await new Promise((r) => setTimeout(r, 300));
    signal.closeOnOpen = true;
    signal.killSockets();
    await waitFor(() => signal.connections >= 5, 10_000, 'several accepted and closed connections');
    signal.closeOnOpen = false;
    await waitFor(() => signal.connected === 1, 5_000, 'a connection that stays');
    signal.push(textEnvelope(ACCOUNT, MEMBER, 'JOIN 415'));
    await waitFor(() => items.length === 1, 5_000, 'the message');
    const info = lines.filter((l) => l.level >= 30 && /websocket/.test(l.msg)).map((l) => `${l.level} ${l.msg.slice(0, 36)}`);
    // The operator's last word at info is that it receives again, not that messages are being lost.
    expect(info[info.length - 1]).toBe('30 Signal websocket receiving again');
    expect(info.filter((l) => l.startsWith('40 Signal websocket closed'))).toHaveLength(1);
  });
});
