/**
 * What was wrong: in signal-cli's default trust mode, what a moderator sends
 * from a changed (untrusted) identity is kept inside signal-cli, undecrypted.
 * `signal-readmit` trusts her identity at signal-cli, which then hands all
 * of it over; Heads Up, finding her trusted again, acted on it as a
 * moderator's: an `ALERT 415 …` written days before went to every member
 * of 415. Now a Signal moderator's message sent before her re-admission
 * (when Signal's server received it) acts on nothing; she is told once, in her
 * language, to send again what still matters.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { nextTimestamp } from '../fakes/fake-signal-envelopes';
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

/**
 * What was wrong next: "before her re-admission" was read from the envelope's
 * timestamp, her phone's clock, against our server's. A phone running behind
 * had everything she sent after it dropped (APPROVE, ALERT) for as long as it
 * ran behind; one running ahead let a held ALERT through. Signal's server
 * stamps when it received each message (serverReceivedTimestamp): what
 * signal-cli held reached it before the re-admission, whatever her phone says.
 */
describe("a re-admitted moderator whose phone's clock is wrong", () => {
  const DAY = 86_400_000;
  const behind: Who = { uuid: testUuid(94), number: null };
  const ahead: Who = { uuid: testUuid(95), number: null };
  const member: Who = { uuid: testUuid(96), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;
  let h: Harness;
  const readmit = async (who: Who) => {
    const env = { NODE_ENV: 'test', DATA_DIR: h.dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, SIGNAL_API_URL: signal.url, SIGNAL_NUMBER, MODERATORS: `${behind.uuid},${ahead.uuid}` };
    expect((await runAdminCli(['signal-readmit', who.uuid, signal.identity(who.uuid)?.safety_number as string], env)).code).toBe(0);
  };
  const changedAndHeld = async (who: Who, position: number, other: Who, text: string, skew: number) => {
    signal.changeIdentity(who.uuid);
    signal.push(textEnvelope(SIGNAL_NUMBER, who, text, nextTimestamp() + skew));
    await waitFor(() => got(signal, other, `safety number of moderator ${position}`) === 1, 10_000, 'the notice to the other moderator');
  };
  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: `${behind.uuid},${ahead.uuid}` } });
    ({ signal, h } = world);
    expect(await ask(signal, member, 'JOIN 415')).toMatch(/415/);
    await ask(signal, behind, 'STATS');
    await ask(signal, ahead, 'STATS');
    signal.holdUntrusted = true;
  });
  afterAll(() => world.close());

  it('two days behind: what she held is dropped, her ALERT and APPROVE after the re-admission act', async () => {
    await changedAndHeld(behind, 1, ahead, 'ALERT 415 stale red truck', -2 * DAY);
    await readmit(behind);
    signal.push(textEnvelope(SIGNAL_NUMBER, behind, 'ALERT 415 fresh blue car', nextTimestamp() - 2 * DAY));
    await waitFor(() => got(signal, member, 'fresh blue car') === 1, 10_000, 'her alert after the re-admission');
    expect(got(signal, member, 'stale red truck')).toBe(0);

    const noticed = got(signal, behind, 'grey pickup');
    signal.push(textEnvelope(SIGNAL_NUMBER, member, 'REPORT 415 tall man, grey pickup'));
    await waitFor(() => got(signal, behind, 'grey pickup') === noticed + 1, 10_000, 'the report notice');
    const ref = /#([A-Z0-9]{4,6})/.exec(signal.to(behind.uuid).filter((m) => m.message.includes('grey pickup')).at(-1)?.message ?? '')?.[1];
    const before = signal.to(behind.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, behind, `APPROVE ${ref}`, nextTimestamp() - 2 * DAY));
    await waitFor(() => signal.to(behind.uuid).length > before, 10_000, 'the answer to her APPROVE');
    expect(signal.to(behind.uuid)[before]?.message).toContain('approved');
  }, 60_000);

  it('two days ahead: what she held is dropped though her phone stamped it after the re-admission', async () => {
    await changedAndHeld(ahead, 2, behind, 'ALERT 415 stale green van', 2 * DAY);
    await readmit(ahead);
    signal.push(textEnvelope(SIGNAL_NUMBER, ahead, 'ALERT 415 fresh white bike', nextTimestamp() + 2 * DAY + 1));
    await waitFor(() => got(signal, member, 'fresh white bike') === 1, 10_000, 'her alert after the re-admission');
    expect(got(signal, member, 'stale green van')).toBe(0);
  }, 60_000);
});
