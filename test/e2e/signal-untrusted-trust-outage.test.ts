/**
 * What was wrong: a member whose safety number changed writes; signal-cli
 * (default trust mode) keeps her message and reports it once as
 * undecryptable. Heads Up trusts her new key so that signal-cli hands it
 * over, but a trust that met a brief outage (the identities list answering
 * 500, the trust request cut off) was dropped: signal-cli never reports the
 * item again, so her message (an OK, a STOP, a REPORT) waited unseen.
 * Now the trust is tried again with the outbox's backoff.
 */
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';

/** Her STATUS, pushed while her new key is untrusted, and the first answer to it. */
async function statusWhileUntrusted(signal: FakeSignal, member: Who): Promise<string | undefined> {
  signal.changeIdentity(member.uuid);
  const before = signal.to(member.uuid).length;
  signal.push(textEnvelope(SIGNAL_NUMBER, member, 'STATUS'));
  await waitFor(() => signal.to(member.uuid).length > before, 10_000, 'the answer to her held message');
  return signal.to(member.uuid)[before]?.message;
}

describe('a member whose new key could not be trusted at once (json-rpc: the trust request cut off once)', () => {
  const member: Who = { uuid: testUuid(81), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;
  beforeAll(async () => {
    world = await startSignalWorld({});
    ({ signal } = world);
    expect(await ask(signal, member, 'JOIN 415')).toMatch(/415/);
    signal.holdUntrusted = true;
  });
  afterAll(() => world.close());

  it('has her held message handed over and answered once signal-cli-rest-api is back', async () => {
    let calls = 0;
    // signal-cli-rest-api restarting: the first trust request is dropped unanswered.
    signal.trustAnswer = () => (++calls === 1 ? 'reset' : 'accept');
    expect(await statusWhileUntrusted(signal, member)).toMatch(/415/);
    expect(calls).toBe(2);
    expect(signal.trusts).toEqual([{ recipient: member.uuid, how: 'all_known_keys' }]);
  }, 30_000);
});

describe('a member whose new key could not be trusted at once (normal: the identities list answering 500 once)', () => {
  const mod: Who = { uuid: testUuid(82), number: null };
  const member: Who = { uuid: testUuid(83), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;
  beforeAll(async () => {
    world = await startSignalWorld({ mode: 'normal', env: { MODERATORS: mod.uuid } });
    ({ signal } = world);
    expect(await ask(signal, member, 'JOIN 415')).toMatch(/415/);
    signal.holdUntrusted = true;
  });
  afterAll(() => world.close());

  it('has her held message handed over and answered once the list answers again', async () => {
    let lists = 0;
    signal.identityListAnswer = () => (++lists === 1 ? { status: 500, body: { error: 'Internal Server Error' } } : 'accept');
    expect(await statusWhileUntrusted(signal, member)).toMatch(/415/);
    expect(lists).toBe(2);
    expect(signal.trusts).toEqual([{ recipient: member.uuid, how: 'all_known_keys' }]);
  }, 30_000);
});
