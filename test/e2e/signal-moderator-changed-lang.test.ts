/**
 * The notice that a Signal moderator's safety number changed goes to each
 * other moderator in the language they chose, as every other notice does:
 * it was English whatever they had set.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, type SignalWorld, startSignalWorld, testUuid, type Who } from '../helpers/signal-world';


describe("the notice of a Signal moderator's changed identity", () => {
  const mod1: Who = { uuid: testUuid(41), number: null };
  const mod2: Who = { uuid: testUuid(42), number: null };
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({ env: { MODERATORS: `${mod1.uuid},${mod2.uuid}` } });
    ({ signal } = world);
  });
  afterAll(() => world.close());

  it("is in the other moderator's language", async () => {
    expect(await ask(signal, mod1, 'STATS')).toMatch(/members/i);
    await ask(signal, mod2, 'LANG ES');
    signal.changeIdentity(mod1.uuid).status = 'TRUSTED_UNVERIFIED';
    signal.push(textEnvelope(SIGNAL_NUMBER, mod1, 'PENDING'));
    const notice = catalog('es').modIdentityChanged(1);
    await waitFor(() => signal.to(mod2.uuid).some((m) => m.message === notice), 10_000, 'the notice, in Spanish');
    expect(notice).not.toBe(catalog('en').modIdentityChanged(1));
  }, 30_000);
});
