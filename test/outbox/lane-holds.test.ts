/**
 * One outbox lane (test/helpers/lane-world.ts) when the provider says
 * "later" or "not this line": a 429 that names a wait pauses the whole lane,
 * one that names none only backs its message off, and neither uses up a
 * message's tries; a refusal of the line itself (its sender, its token, its
 * Messaging Service, Signal's own account) holds the lane with the tries
 * kept; the rate halves while 429s persist.
 */
import { classifySignalError } from '../../src/channels/signal/signal-errors';
import { SendError } from '../../src/channels/types';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { enqueueMessage, PRIORITY } from '../../src/store/outbox';
import { listAreas } from '../../src/store/subscriptions';
import { FakeSender, settle } from '../helpers/fake-sender';
import { clock, db, HOUR, later, logged, logs, member, memberStatus, row, sender, startLane, T0, useLaneWorld, vault } from '../helpers/lane-world';

describe('an outbox lane', () => {
  useLaneWorld();

  it('pauses the whole lane for the wait a 429 names: no send until it is over, and that row not sooner', async () => {
    const first = enqueueMessage(db, vault, member, 'first', T0);
    const s = new FakeSender([new SendError('throttled', '429', 90_000)]);
    const l = startLane(s);
    await settle();
    expect(row(first)).toMatchObject({ state: 'pending', error: 'throttled:429' });
    expect(row(first).due_at).toBeGreaterThanOrEqual(T0 + 90_000);
    expect(l.pacer.paused).toBe(true);
    const second = enqueueMessage(db, vault, member, 'second', clock.t);
    await later(89_999, l);
    expect(s.calls.map((c) => c.body)).toEqual(['first']);
    await later(1, l);
    expect(s.calls.map((c) => c.body).sort()).toEqual(['first', 'first', 'second']);
    expect([row(first).state, row(second).state]).toEqual(['sent', 'sent']);
  });

  it('ends a 429 pause at once when resumed, and sends what waited', async () => {
    enqueueMessage(db, vault, member, 'first', T0);
    const s = new FakeSender([new SendError('throttled', '429', HOUR)]);
    const l = startLane(s);
    await settle();
    const second = enqueueMessage(db, vault, member, 'second', T0);
    l.wake();
    await settle();
    expect(s.calls).toHaveLength(1);
    l.resume();
    await settle();
    expect(l.pacer.paused).toBe(false);
    // What the 429 put back goes again now, in its place in line, not at the pause's old end.
    expect(s.calls.map((c) => c.body)).toEqual(['first', 'first', 'second']);
    expect(row(second).state).toBe('sent');
  });

  it("holds the whole lane when the provider refuses the line's own sender: the messages wait with their tries, one message probes, all go once it is fixed", async () => {
    const ids = ['first', 'second', 'third'].map((text) => enqueueMessage(db, vault, member, text, T0));
    const line = () => new SendError('line', '21212');
    const outcomes: string[] = [];
    const observer = { outcome: (_c: string, kind: string, reason?: string) => void outcomes.push(`${kind}:${reason ?? ''}`) };
    // The three sends in flight are refused, then the first probe; the second probe goes through.
    const s = new FakeSender([line(), line(), line(), line()]);
    const l = startLane(s, { lineBackoff: { baseMs: 60_000, maxMs: 120_000 } }, { observer });
    await settle();
    expect(s.calls.length).toBeGreaterThanOrEqual(3);
    // Nothing failed, no try used up, the member untouched: the fault is the line's.
    expect(ids.map(row)).toEqual(ids.map(() => expect.objectContaining({ state: 'pending', attempts: 0, error: 'line:21212' })));
    expect(memberStatus()).toBe('active');
    expect(listAreas(db, member)).toEqual(['415']);
    expect(outcomes).toEqual(['held:line:21212', 'held:line:21212', 'held:line:21212']);
    // Not before the hold is over (at least half its first wait), whatever is queued meanwhile.
    const fourth = enqueueMessage(db, vault, member, 'fourth', clock.t);
    await later(29_999, l);
    expect(s.calls.length).toBeGreaterThanOrEqual(3);
    // Then a single message tries: refused again, the hold grows.
    await later(30_001, l);
    expect(s.calls).toHaveLength(4);
    await later(59_999, l);
    expect(s.calls).toHaveLength(4);
    // Fixed: the probe goes through, and everything that waited follows.
    await later(60_001, l);
    await settle();
    expect(s.calls).toHaveLength(8);
    expect([...ids, fourth].map(row)).toEqual([...ids, fourth].map(() => expect.objectContaining({ state: 'sent', attempts: 1 })));
    // The operator is told once when the hold begins (and again when it ends), with the code and never a number.
    const held = logged('held until the operator fixes it');
    expect(held).toHaveLength(1);
    expect(JSON.parse(held[0]!)).toMatchObject({ level: 50, channel: 'sms', reason: 'line:21212' });
    expect(logged('sending resumes')).toHaveLength(1);
    expect(logs.join('\n')).not.toContain('5550100');
  });

  it('raises a fault that comes and goes (a Messaging Service not taking messages, 21702) as an error once an hour: holds again within it are warnings', async () => {
    const s = new FakeSender();
    const l = startLane(s, { lineBackoff: { baseMs: 1_000, maxMs: 1_000 } });
    const holdThenFix = async (text: string) => {
      s.script.push(new SendError('line', '21702'));
      const id = enqueueMessage(db, vault, member, text, clock.t);
      l.wake();
      await settle();
      expect(row(id)).toMatchObject({ state: 'pending', error: 'line:21702' });
      await later(1_000, l);
      expect(row(id).state).toBe('sent');
    };
    await holdThenFix('first');
    await later(10 * 60_000, l);
    await holdThenFix('second');
    await later(HOUR, l);
    await holdThenFix('third');
    const held = logged('held until the operator fixes it').map((line) => (JSON.parse(line) as { level: number }).level);
    expect(held).toEqual([50, 40, 50]);
    expect(logged('sending resumes')).toHaveLength(3);
  });

  it("holds a refused token like a refused sender, and a message past its tries' count is not failed by the hold", async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender(Array.from({ length: 6 }, () => new SendError('line', '20003')));
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 2 }, lineBackoff: { baseMs: 1_000, maxMs: 1_000 } });
    await settle();
    for (let i = 0; i < 5; i++) await later(1_000, l);
    expect(s.calls).toHaveLength(6);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 0, error: 'line:20003' });
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('retries a 429 that names no wait after the throttle backoff, without pausing the lane', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender([new SendError('throttled', '20429')]);
    const l = startLane(s, { throttleBackoff: { baseMs: 40_000, maxMs: 40_000 } });
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', error: 'throttled:20429' });
    expect(row(id).due_at).toBeGreaterThanOrEqual(T0 + 20_000);
    expect(row(id).due_at).toBeLessThanOrEqual(T0 + 40_000);
    expect(l.pacer.paused).toBe(false);
    const other = enqueueMessage(db, vault, member, 'meanwhile', T0);
    l.wake();
    await settle();
    expect(row(other).state).toBe('sent');
  });

  it('keeps retrying a message the provider throttles past the count of tries (a 429 is "later", never "no"), then sends it', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const s = new FakeSender(Array.from({ length: 5 }, () => new SendError('throttled', '21611')));
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 1_000, maxAttempts: 3 }, throttleBackoff: { baseMs: 1_000, maxMs: 1_000 } });
    await settle();
    for (let i = 0; i < 4; i++) await later(1_000, l);
    expect(s.calls).toHaveLength(5);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 5, error: 'throttled:21611' });
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 6 });
  });

  it('leaves a message throttled past its count of tries the whole count, and backoff, for real failures', async () => {
    const id = enqueueMessage(db, vault, member, 'hello', T0);
    const throttled = Array.from({ length: 4 }, () => new SendError('throttled', '20429'));
    const server = Array.from({ length: 3 }, () => new SendError('server', '500'));
    const s = new FakeSender([...throttled, ...server]);
    // maxAgeMs 1: only the count of tries bounds the real failures here.
    const l = startLane(s, { backoff: { baseMs: 1_000, maxMs: 8_000, maxAttempts: 3 }, throttleBackoff: { baseMs: 1_000, maxMs: 1_000 }, maxAgeMs: 1 });
    await settle();
    for (let i = 0; i < 3; i++) await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 4, error: 'throttled:20429' });
    // The first server error: retried after the first wait of the backoff (not its fifth, 8 s).
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 5, error: 'server:500' });
    expect(row(id).due_at).toBeLessThanOrEqual(clock.t + 1_000);
    await later(1_000, l);
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 6, error: 'server:500' });
    // The third real failure is the last of maxAttempts.
    await later(2_000, l);
    expect(row(id)).toMatchObject({ state: 'failed', attempts: 7, error: 'gave_up:server:500' });
    expect(s.calls).toHaveLength(7);
  });

  it('halves its rate when 429s persist, and not for other failures', async () => {
    const throttled = () => new SendError('throttled', '20429');
    const server = () => new SendError('server', '500');
    const rateAfter = async (answer: () => SendError): Promise<number> => {
      const l = startLane(new FakeSender([answer(), answer(), answer(), answer()]), { sendRate: 10, backoff: { ...DEFAULT_DISPATCHER.backoff, baseMs: 100, maxMs: 100 } });
      for (let i = 0; i < 4; i++) enqueueMessage(db, vault, member, `m${i}`, clock.t);
      l.wake();
      await settle();
      // The next second's first answer closes the window that held the failures.
      await later(1_000, l);
      const rate = l.pacer.currentRate;
      sender?.release();
      await l.stop();
      return rate;
    };
    expect(await rateAfter(server)).toBe(10);
    expect(await rateAfter(throttled)).toBe(5);
  });

  // A paused or misconfigured provider.
  it('sends what a 429 put back as soon as the pause is lifted (a Signal captcha solved), before bulk alerts', async () => {
    const urgent = enqueueMessage(db, vault, member, 'your buddy missed a check-in', T0);
    // Signal's pause after a few 429 windows in a row: 15 minutes (DEFAULT_THROTTLE's cap).
    const s = new FakeSender([new SendError('throttled', '429', 15 * 60_000)]);
    const l = startLane(s);
    await settle();
    expect(row(urgent)).toMatchObject({ state: 'pending', error: 'throttled:429' });
    const bulk = enqueueMessage(db, vault, member, 'bulk alert', clock.t, { priority: PRIORITY.bulk });
    // The operator solves the captcha a minute later: the lane resumes.
    clock.t += 60_000;
    l.resume();
    await settle();
    expect(row(bulk).state).toBe('sent');
    // The urgent message went with it, not 14 minutes later.
    expect(row(urgent).state).toBe('sent');
  });

  it("holds Signal's messages, tries kept, while the bot's own account is not registered: the line's fault, not theirs", async () => {
    const id = enqueueMessage(db, vault, member, 'an alert', T0, { priority: PRIORITY.bulk });
    const s = new FakeSender(Array.from({ length: 20 }, () => classifySignalError(400, 'User +15005550199 is not registered.')));
    const l = startLane(s);
    await settle();
    let failedAt = 0;
    for (let i = 0; i < 24 * 60 && !failedAt; i++) {
      clock.t += 60_000;
      l.wake();
      await settle();
      if (row(id).state === 'failed') failedAt = clock.t;
    }
    // Twenty refusals (it was given up after 12, within the hour), then the account is registered again: it goes.
    expect(failedAt).toBe(0);
    expect(row(id).state).toBe('sent');
  });

  it("holds Signal's messages, tries kept, while a proxy at SIGNAL_API_URL answers with a redirect, and sends them once it is fixed", async () => {
    const id = enqueueMessage(db, vault, member, 'an alert', T0, { priority: PRIORITY.bulk });
    const s = new FakeSender(Array.from({ length: 20 }, () => classifySignalError(308, '<html>Moved</html>')));
    const l = startLane(s);
    await settle();
    expect(row(id)).toMatchObject({ state: 'pending', attempts: 0, error: 'line:308' });
    for (let i = 0; i < 24 * 60 && row(id).state === 'pending'; i++) {
      clock.t += 60_000;
      l.wake();
      await settle();
    }
    // Twenty redirects (a message is given up after 12 real failures), then the proxy is fixed: it goes.
    expect(s.calls.length).toBe(21);
    expect(row(id)).toMatchObject({ state: 'sent', attempts: 1 });
  });
});
