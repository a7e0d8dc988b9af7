/**
 * What was wrong: in signal-cli's default trust mode, what a moderator sends
 * from a changed (untrusted) identity is kept inside signal-cli, undecrypted.
 * `signal-readmit` trusts her identity at signal-cli, which then hands all
 * of it over; Heads Up, finding her trusted again, acted on it as a
 * moderator's: an `ALERT 415 …` written days before went to every member
 * of 415. Now a Signal moderator's message sent before her re-admission
 * (its envelope's timestamp) acts on nothing; she is told once, in her
 * language, to send again what still matters.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { runAdminCli } from '../helpers/admin-cli';
import { SIGNAL_NUMBER, TEST_MASTER_KEY, waitFor, type Harness } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';

const got = (signal: FakeSignal, who: Who, marker: string) => signal.to(who.uuid).filter((m) => m.message.includes(marker)).length;

describe('what a moderator sent while her changed identity was untrusted, handed over at her re-admission', () => {
  const mod1: Who = { uuid: testUuid(91), number: null };
  const mod2: Who = { uuid: testUuid(92), number: null };
  const member: Who = { uuid: testUuid(93), number: null };
  const note = catalog('es').modReadmitHeld();
  let world: SignalWorld;
  let signal: FakeSignal;
  let h: Harness;
  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: `${mod1.uuid},${mod2.uuid}` } });
    ({ signal, h } = world);
    expect(await ask(signal, member, 'JOIN 415')).toMatch(/415/);
    await ask(signal, mod1, 'LANG ES');
    await ask(signal, mod2, 'STATS');
    // signal-cli's default trust mode: nothing from a changed key is decrypted until it is trusted.
    signal.holdUntrusted = true;
  });
  afterAll(() => world.close());

  it('acts on none of it (the stale ALERT reaches no member); she is told once; what she sends after works', async () => {
    signal.changeIdentity(mod1.uuid);
    signal.push(textEnvelope(SIGNAL_NUMBER, mod1, 'ALERT 415 red truck near the station'));
    signal.push(textEnvelope(SIGNAL_NUMBER, mod1, 'ALERT 415 grey van outside'));
    await waitFor(() => got(signal, mod2, 'safety number of moderator 1') === 1, 10_000, 'the notice to the other moderator');
    const before = signal.to(mod1.uuid).length;
    // Days later, after the in-person check: signal-cli hands over both held messages as it trusts her identity.
    const env = { NODE_ENV: 'test', DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, SIGNAL_API_URL: signal.url, SIGNAL_NUMBER, MODERATORS: `${mod1.uuid},${mod2.uuid}` };
    const ok = await runAdminCli(['signal-readmit', mod1.uuid, signal.identity(mod1.uuid)?.safety_number as string], env);
    expect(ok.code).toBe(0);
    // Handled in order: once her fresh ALERT has reached the member, the two held ones were handled before it.
    signal.push(textEnvelope(SIGNAL_NUMBER, mod1, 'ALERT 415 fresh warning'));
    await waitFor(() => got(signal, member, 'fresh warning') === 1, 10_000, 'the alert she sent after her re-admission');
    expect(h.server.db.sqlite.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 1 });
    expect(got(signal, member, 'red truck')).toBe(0);
    expect(got(signal, member, 'grey van')).toBe(0);
    await waitFor(() => got(signal, mod1, note) === 1, 10_000, 'the note to her');
    expect(signal.to(mod1.uuid).slice(before).filter((m) => m.message === note)).toHaveLength(1);
  }, 60_000);
});
