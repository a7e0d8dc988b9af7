/**
 * A Signal moderator listed by UUID whose identity changed
 * (a SIM swap and a new registration) must never be trusted automatically
 * (docs/signal.md, "Moderators' safety numbers"; signal-sender.ts
 * neverAutoTrust). Any member can make the line send to the moderator's
 * *number* over Signal (a BUDDY invitation on a Signal-only line): the
 * sender's untrusted-identity retry then trusts "all known keys" of that
 * contact, which is the moderator, and the report notices queued for the
 * moderator's UUID go to the new, unchecked identity. signal-cli trusts a
 * person, not an address: so does the check before an automatic trust.
 */
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor, type Harness } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';


const got = (signal: FakeSignal, who: Who, marker: string) => signal.to(who.uuid).filter((m) => m.message.includes(marker)).length;
const pending = (h: Harness) => (h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;

describe('a Signal moderator (listed by UUID) whose identity changed, reached by number', () => {
  const mod1: Who = { uuid: testUuid(31), number: '+14155550151' };
  const mod2: Who = { uuid: testUuid(32), number: null };
  const member: Who = { uuid: testUuid(33), number: null };
  const reporter: Who = { uuid: testUuid(34), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    // Signal is the only provider: buddies are asked over Signal, at their number.
    world = await startSignalWorld({ env: { MODERATORS: `${mod1.uuid},${mod2.uuid}` } });
    ({ signal } = world);
    expect(await ask(signal, mod1, 'STATS')).toMatch(/members|pending/i);
    expect(await ask(signal, mod2, 'STATS')).toMatch(/members|pending/i);
    await ask(signal, member, 'JOIN 415');
  });
  afterAll(() => world.close());

  it("is never trusted automatically, not even when a member's BUDDY invitation goes to the moderator's number", async () => {
    // Someone else registers the moderator's number: a new key, untrusted at signal-cli.
    signal.changeIdentity(mod1.uuid, mod1.number as string);
    expect(await ask(signal, member, `BUDDY ${mod1.number} Sam`)).toMatch(/buddy/i);
    await waitFor(() => pending(world.h) === 0, 10_000, 'the invitation tried');

    // A report: its notice is queued for both moderators (the gate has not seen mod1 write since).
    const ref = /#[A-Z0-9]{4,6}/.exec(await ask(signal, reporter, 'REPORT 415 tall man in a red truck hit me'))?.[0] as string;
    await waitFor(() => got(signal, mod2, ref) === 1, 10_000, 'the report notice to the trusted moderator');
    await waitFor(() => pending(world.h) === 0, 10_000, 'the notices tried');

    // The line must not have trusted the moderator's new identity, by UUID or by number ...
    expect(signal.trusts).toEqual([]);
    expect(signal.identity(mod1.uuid)?.status).toBe('UNTRUSTED');
    // ... and so the new, unchecked phone never receives a report.
    expect(got(signal, mod1, ref)).toBe(0);
  });
});

describe('a moderator listed by number (reached over Signal at it) who is also a Signal member', () => {
  const MOD_NUMBER = '+14155550152';
  // The moderator's own phone: a Signal account showing the listed number, subscribed to alerts like anyone.
  const modPhone: Who = { uuid: testUuid(41), number: MOD_NUMBER };
  const sigMod: Who = { uuid: testUuid(42), number: null };
  const reporter: Who = { uuid: testUuid(43), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: `${MOD_NUMBER},${sigMod.uuid}` } });
    ({ signal } = world);
    expect(await ask(signal, sigMod, 'STATS')).toMatch(/members|pending/i);
    await ask(signal, modPhone, 'JOIN 415');
  });
  afterAll(() => world.close());

  it('is never trusted automatically: an alert to their membership does not trust the new key their notices then go to', async () => {
    // Someone else registers the moderator's number: a new key, untrusted at signal-cli.
    signal.changeIdentity(modPhone.uuid, MOD_NUMBER);
    signal.push(textEnvelope(SIGNAL_NUMBER, sigMod, 'ALERT 415 grey van near the motel'));
    const triedAlerts = () => (world.h.server.db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE alert_id IS NOT NULL AND state <> 'pending'").get() as { n: number }).n;
    await waitFor(() => triedAlerts() === 1, 10_000, 'the alert tried');

    const ref = /#[A-Z0-9]{4,6}/.exec(await ask(signal, reporter, 'REPORT 415 tall man in a red truck hit me'))?.[0] as string;
    await waitFor(() => got(signal, sigMod, ref) === 1, 10_000, 'the report notice to the Signal moderator');
    await waitFor(() => pending(world.h) === 0, 10_000, 'the notices tried');

    expect(signal.trusts).toEqual([]);
    expect(signal.identity(MOD_NUMBER)?.status).toBe('UNTRUSTED');
    // The report notice for the moderator listed by number never reaches the new, unchecked key.
    expect(signal.to(MOD_NUMBER).filter((m) => m.message.includes(ref))).toHaveLength(0);
  });
});
