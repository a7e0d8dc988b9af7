/**
 * Members and moderators on Signal through a fake signal-cli-rest-api (HTTP
 * and websocket), with SMS members on a fake Twilio alongside.
 */
import { outboxCounts } from '../../src/store/outbox';
import { receiptEnvelope, textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import type { FakeTwilio } from '../fakes/fake-twilio';
import { SIGNAL_NUMBER, TEST_RECEIVER, waitFor, type Harness } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

// Signal users: a member who hides their number, a moderator, and members who show theirs.
const HIDDEN = { uuid: '3f1b9a52-8c0d-4e6f-9a7b-1c2d3e4f5a60', number: null };
const MOD = { uuid: '9d8c7b6a-5f4e-4d3c-8b2a-190817263544', number: null };
const SMS_ALICE = '+14155550100';

/** Everything sent to one Signal recipient, as texts. */
function texts(fake: FakeSignal, recipient: string): string[] {
  return fake.to(recipient).map((m) => m.message);
}

async function replyTo(fake: FakeSignal, recipient: string, count: number, what = 'a Signal reply'): Promise<string> {
  await waitFor(() => fake.to(recipient).length >= count, 10_000, what);
  return texts(fake, recipient)[count - 1] as string;
}

describe('Signal: a hidden-number member reports, a Signal moderator approves, SMS and Signal members get the alert', () => {
  let signal: FakeSignal;
  let twilio: FakeTwilio;
  let h: Harness;

  let world: SignalWorld;

  beforeAll(async () => {
    world = await startSignalWorld({ sms: true, env: { MODERATORS: MOD.uuid, SEND_RATE: '50' } });
    ({ h, signal, twilio } = world);
  });
  afterAll(() => world.close());

  it('reports signal-cli-rest-api in /readyz', async () => {
    const res = await fetch(`${h.url}/readyz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { checks: unknown }).checks).toMatchObject({ database: true, sms: true, signal: true });
  });

  it('asks a member whose number is hidden to name an area, and subscribes them when they do', async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'JOIN'));
    expect(await replyTo(signal, HIDDEN.uuid, 1)).toContain('which area code');
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'join 415'));
    expect(await replyTo(signal, HIDDEN.uuid, 2)).toContain('alerts for 415');
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'AREAS'));
    expect(await replyTo(signal, HIDDEN.uuid, 3)).toContain('415');
  });

  it('ignores receipts and answers every command itself (no carrier on Signal)', async () => {
    const before = signal.to(HIDDEN.uuid).length;
    signal.push(receiptEnvelope(SIGNAL_NUMBER, HIDDEN));
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'HELP'));
    expect(await replyTo(signal, HIDDEN.uuid, before + 1)).toContain('JOIN');
    expect(signal.to(HIDDEN.uuid)).toHaveLength(before + 1);
  });

  it('carries a report to the Signal moderator and a Signal APPROVE to SMS and Signal members alike', async () => {
    expect((await h.sms(SMS_ALICE, 'JOIN 415')).message).toContain('415');
    // The hidden-number member is subscribed to 415 (again, if an earlier test did it: this test stands alone).
    const joined = signal.to(HIDDEN.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'JOIN 415'));
    expect(await replyTo(signal, HIDDEN.uuid, joined + 1, 'the JOIN reply')).toContain('415');
    const modBefore = signal.to(MOD.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'REPORT 415 tall man, grey pickup, refuses condoms'));
    const receipt = await replyTo(signal, HIDDEN.uuid, signal.to(HIDDEN.uuid).length + 1, 'the report reference');
    const ref = /#([A-Z0-9]{4,6})/.exec(receipt)?.[1];
    expect(ref).toMatch(/^[A-Z0-9]{4,6}$/);
    const notice = await replyTo(signal, MOD.uuid, modBefore + 1, 'the moderator notice');
    expect(notice).toContain(`#${ref}`);
    expect(notice).toContain('grey pickup');

    signal.push(textEnvelope(SIGNAL_NUMBER, MOD, `APPROVE ${ref}`));
    expect(await replyTo(signal, MOD.uuid, modBefore + 2, 'the approval reply')).toContain('approved');
    await waitFor(() => twilio.to(SMS_ALICE).some((m) => m.body.includes('grey pickup')), 10_000, 'the SMS alert');
    await waitFor(() => texts(signal, HIDDEN.uuid).some((t) => t.includes('grey pickup')), 10_000, 'the Signal alert');
    expect(twilio.to(SMS_ALICE).filter((m) => m.body.includes('grey pickup'))).toHaveLength(1);
    expect(texts(signal, HIDDEN.uuid).filter((t) => t.includes('grey pickup'))).toHaveLength(1);
    // The moderator subscribed to nothing and gets no alert.
    expect(texts(signal, MOD.uuid).some((t) => t.startsWith('Heads Up alert'))).toBe(false);
  });

  it('does not let a Signal member who is not a moderator approve', async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'PENDING'));
    const n = signal.to(HIDDEN.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'AREAS'));
    await replyTo(signal, HIDDEN.uuid, n + 1);
    expect(texts(signal, HIDDEN.uuid).some((t) => /pending/i.test(t) && t.includes('#'))).toBe(false);
  });

  it('STOP and DELETE are answered over Signal without keeping the address', async () => {
    const who = { uuid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', number: '+13125550188' };
    const signalMembers = () => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM members WHERE channel = 'signal'").get() as { n: number }).n;
    const before = signalMembers();
    signal.push(textEnvelope(SIGNAL_NUMBER, who, 'JOIN'));
    expect(await replyTo(signal, who.uuid, 1)).toContain('312');
    expect(signalMembers()).toBe(before + 1);
    signal.push(textEnvelope(SIGNAL_NUMBER, who, 'STOP'));
    expect(await replyTo(signal, who.uuid, 2)).toContain('unsubscribed');
    signal.push(textEnvelope(SIGNAL_NUMBER, who, 'DELETE'));
    expect(await replyTo(signal, who.uuid, 3)).toContain('erased');
    // The member row is gone (STOP alone keeps it, DELETE erases it).
    expect(signalMembers()).toBe(before);
  });

  it('never writes a Signal UUID or number to the log', () => {
    const all = h.logs.join('\n');
    for (const secret of [HIDDEN.uuid, MOD.uuid, '3125550188', '4155550100']) expect(all).not.toContain(secret);
  });

  it('reports Signal as not ready when signal-cli-rest-api does not answer', async () => {
    await signal.stop();
    // /readyz reuses the providers' answers for a few seconds.
    let res = await fetch(`${h.url}/readyz`);
    for (let i = 0; i < 100 && res.status !== 503; i++) {
      await new Promise((r) => setTimeout(r, 100));
      res = await fetch(`${h.url}/readyz`);
    }
    expect(res.status).toBe(503);
    expect(((await res.json()) as { checks: Record<string, boolean> }).checks.signal).toBe(false);
  });
});

describe('Signal websocket: drops, reconnects and dead connections', () => {
  let signal: FakeSignal;
  let h: Harness;
  const people = Array.from({ length: 8 }, (_, i) => ({ uuid: `5e6f7a8b-0000-4000-8000-00000000000${i}`, number: null }));

  let world: SignalWorld;

  beforeAll(async () => {
    // A pong is waited for 2 s (the harness's 5 s, 10 s in production): the dead connection below is noticed sooner.
    world = await startSignalWorld({
      env: { SEND_RATE: '100' },
      signalTuning: { throttle: { baseMs: 100, maxMs: 800 }, receiver: { ...TEST_RECEIVER, pongTimeoutMs: 2_000 } },
    });
    ({ h, signal } = world);
  });
  afterAll(() => world.close());

  it('handles each message received before a drop once, reconnects, and handles what comes after', async () => {
    const before = people.slice(0, 3).map((p) => textEnvelope(SIGNAL_NUMBER, p, 'JOIN 212'));
    for (const e of before) signal.push(e);
    for (const p of people.slice(0, 3)) await replyTo(signal, p.uuid, 1);

    signal.killSockets();
    // Arrives while nobody is connected: signal-cli-rest-api drops it, as its README says.
    signal.push(textEnvelope(SIGNAL_NUMBER, people[3]!, 'JOIN 212'));
    expect(signal.dropped).toBe(1);

    await waitFor(() => signal.connections === 2 && signal.connected === 1, 5_000, 'the reconnect');
    // A message redelivered after the reconnect is acted on once.
    signal.push(before[1]);
    for (const p of people.slice(4, 6)) signal.push(textEnvelope(SIGNAL_NUMBER, p, 'JOIN 212'));
    for (const p of people.slice(4, 6)) expect(await replyTo(signal, p.uuid, 1)).toContain('212');

    for (const p of people.slice(0, 3)) expect(signal.to(p.uuid)).toHaveLength(1);
    expect(signal.to(people[3]!.uuid)).toHaveLength(0);
    const subscribed = h.server.db.sqlite.prepare("SELECT count(*) AS n FROM subscriptions WHERE npa = '212'").get() as { n: number };
    expect(subscribed.n).toBe(5);
  });

  it('notices a connection that stops answering pings and opens a new one', async () => {
    const connections = signal.connections;
    signal.freeze();
    // Missed pongs for 2 s (pongTimeoutMs above).
    await waitFor(() => signal.connections > connections, 15_000, 'a reconnect after missed pongs');
    signal.freeze(false);
    await waitFor(() => signal.connected === 1, 5_000, 'a live connection');
    signal.push(textEnvelope(SIGNAL_NUMBER, people[6]!, 'JOIN 305'));
    expect(await replyTo(signal, people[6]!.uuid, 1)).toContain('305');
    expect(h.logs.some((l) => l.includes('stopped answering pings'))).toBe(true);
  }, 40_000);

  it('ignores frames that are not JSON or carry an error', async () => {
    signal.pushRaw('not json {');
    signal.pushRaw(JSON.stringify({ error: 'Signal service unavailable' }));
    signal.push(textEnvelope(SIGNAL_NUMBER, people[7]!, 'JOIN 617'));
    expect(await replyTo(signal, people[7]!.uuid, 1)).toContain('617');
  });
});

describe('Signal poll mode', () => {
  let signal: FakeSignal;
  let h: Harness;
  const who = { uuid: '6a7b8c9d-1e2f-4a3b-9c4d-5e6f7a8b9c0d', number: '+12125550177' };

  let world: SignalWorld;

  beforeAll(async () => {
    world = await startSignalWorld({ mode: 'normal', env: { MODERATORS: MOD.uuid, SEND_RATE: '50' } });
    ({ h, signal } = world);
  });
  afterAll(() => world.close());

  it('polls GET /v1/receive and answers over /v2/send', async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, who, 'JOIN'));
    expect(await replyTo(signal, who.uuid, 1)).toContain('212');
    signal.push(textEnvelope(SIGNAL_NUMBER, who, 'LANG ES'));
    signal.push(textEnvelope(SIGNAL_NUMBER, who, 'AREAS'));
    expect(await replyTo(signal, who.uuid, 3)).toContain('212');
    expect(texts(signal, who.uuid)[1]).toContain('español');
    expect(signal.connections).toBe(0);
  });

  // signal-cli-rest-api in normal/native mode runs one signal-cli per request, and they take turns on the
  // account's lock: a request waiting there runs out its client time-out (a send then sent twice), so Heads Up
  // issues one only when the one before has answered. Polls (every 20 ms here, each holding the account up to
  // its 1 s wait) go ahead of waiting sends: the fan-out gets about one send between two polls.
  it('keeps one request at a time at signal-cli-rest-api, which serves them one at a time, and each member gets the alert once', async () => {
    const members = Array.from({ length: 12 }, (_, i) => ({ uuid: `7b8c9d0e-1f2a-4b3c-8d4e-${String(i + 1).padStart(12, '0')}`, number: null }));
    for (const m of members) signal.push(textEnvelope(SIGNAL_NUMBER, m, 'JOIN 415'));
    await waitFor(() => members.every((m) => signal.to(m.uuid).length === 1), 10_000, 'every JOIN reply');
    signal.sendMs = 100;
    signal.push(textEnvelope(SIGNAL_NUMBER, MOD, 'ALERT 415 white van near the station'));
    const alerts = (m: { uuid: string }) => texts(signal, m.uuid).filter((t) => t.includes('white van')).length;
    await waitFor(() => members.every((m) => alerts(m) === 1), 30_000, 'the alert to every member');
    expect(signal.mostWaitingForTurn).toBe(0);
    expect(members.map(alerts)).toEqual(members.map(() => 1));
  }, 40_000);
});
