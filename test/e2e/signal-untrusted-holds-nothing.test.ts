/**
 * For a member whose message signal-cli could not
 * decrypt, the receive path awaits trusting her new identity: first the
 * identities list (is she a moderator?), then the trust, each with the Signal
 * sender's 30 s time-out. The receiver handles items one at a time, so while
 * signal-cli is slow to list identities (normal mode starts a JVM for each;
 * docs/signal.md bounds a moderator's identity check to 5 s for this very
 * reason) every message behind that item waits: another member's STOP, a
 * check-in OK, a REPORT.
 */
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, startSignalWorld, testUuid as uuid, type SignalWorld, type Who } from '../helpers/signal-world';

describe("a message signal-cli could not decrypt, while signal-cli's identities list does not answer", () => {
  const mod: Who = { uuid: uuid(61), number: null };
  const reinstalled: Who = { uuid: uuid(62), number: null };
  const other: Who = { uuid: uuid(63), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: mod.uuid } });
    ({ signal } = world);
    expect(await ask(signal, reinstalled, 'JOIN 415')).toMatch(/415/);
    expect(await ask(signal, other, 'JOIN 415')).toMatch(/415/);
    signal.holdUntrusted = true;
  }, 30_000);
  afterAll(() => world.close());

  it('does not hold up the next member\'s message longer than a moderator\'s identity check may (5 s)', async () => {
    signal.identityListAnswer = () => 'hang';
    signal.changeIdentity(reinstalled.uuid);
    const lists = signal.identityLists;
    signal.push(textEnvelope(SIGNAL_NUMBER, reinstalled, 'STATUS'));
    // Her trust has begun: it asks whether she is a moderator, and the list hangs (until the client's 30 s).
    await waitFor(() => signal.identityLists > lists, 10_000, 'the identities list for her trust');
    // Behind it, another member's AREAS: answered while the list still hangs, her trust not done.
    const before = signal.to(other.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, other, 'AREAS'));
    await waitFor(() => signal.to(other.uuid).length > before, 20_000, "the other member's answer");
    expect(signal.to(other.uuid)[before]?.message).toMatch(/415/);
    expect(signal.trusts).toEqual([]);
  }, 40_000);
});
