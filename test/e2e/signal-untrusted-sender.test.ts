/**
 * What was wrong: with signal-cli's default trust mode (on-first-use), a
 * message from a contact whose safety number changed is not decrypted.
 * signal-cli hands over `{"account", "exception": {"message", "type":
 * "UntrustedIdentityException"}, "envelope": {source…}}` with no dataMessage
 * and keeps the message until the new key is trusted. Heads Up ignored that
 * item, so a member who reinstalled Signal could not reach the line (her
 * REPORT, STOP or check-in OK waited unseen), and a moderator whose identity
 * changed was never noticed: the other moderators were not told.
 */
import { textEnvelope, untrustedEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';


const got = (signal: FakeSignal, who: Who, marker: string) => signal.to(who.uuid).filter((m) => m.message.includes(marker)).length;

describe('a message signal-cli could not decrypt because its sender\'s safety number changed', () => {
  const mod1: Who = { uuid: testUuid(51), number: null };
  const mod2: Who = { uuid: testUuid(52), number: null };
  const member: Who = { uuid: testUuid(53), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: `${mod1.uuid},${mod2.uuid}` } });
    ({ signal } = world);
    expect(await ask(signal, mod1, 'STATS')).toMatch(/members|pending/i);
    expect(await ask(signal, mod2, 'STATS')).toMatch(/members|pending/i);
    expect(await ask(signal, member, 'JOIN 415')).toMatch(/415/);
    // From here on, signal-cli decrypts nothing from a contact whose key changed until it is trusted.
    signal.holdUntrusted = true;
  });
  afterAll(() => world.close());

  it('from a moderator: the change is recorded, the other moderators are told once, and the new identity is never trusted', async () => {
    // A SIM swap and a new registration: signal-cli marks the new key untrusted and cannot decrypt what it sends.
    signal.changeIdentity(mod1.uuid);
    signal.push(textEnvelope(SIGNAL_NUMBER, mod1, 'ALERT 415 fake warning: meet at 5th and Main'));
    await waitFor(() => got(signal, mod2, 'safety number of moderator 1') === 1, 10_000, 'the notice to the other moderator');
    // signal-cli hands the same item over again (a later receive retries its cache): nothing new to tell.
    signal.push(untrustedEnvelope(SIGNAL_NUMBER, mod1));
    await ask(signal, member, 'HELP');
    expect(got(signal, mod2, 'safety number of moderator 1')).toBe(1);
    expect(signal.trusts.some((t) => t.recipient === mod1.uuid)).toBe(false);
    expect(signal.identity(mod1.uuid)?.status).toBe('UNTRUSTED');
    expect(got(signal, member, '5th and Main')).toBe(0);
  });

  it('from a member: her new identity is trusted, so that signal-cli hands over what she sent, and she is answered', async () => {
    // She reinstalled Signal and texts STATUS; signal-cli holds it until her new key is trusted.
    signal.changeIdentity(member.uuid);
    const before = signal.to(member.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, member, 'STATUS'));
    await waitFor(() => signal.to(member.uuid).length > before, 10_000, 'the answer to her held message');
    expect(signal.trusts.filter((t) => t.recipient === member.uuid)).toEqual([{ recipient: member.uuid, how: 'all_known_keys' }]);
    expect(signal.to(member.uuid)[before]?.message).toMatch(/415/);
  });
});
