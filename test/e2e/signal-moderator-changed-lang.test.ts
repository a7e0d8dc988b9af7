/**
 * The notice that a Signal moderator's safety number changed goes to each
 * other moderator in the language they chose, as every other notice does:
 * it was English whatever they had set.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const uuid = (n: number) => `7a6b5c4d-3e2f-4a1b-9c8d-${String(n).padStart(12, '0')}`;
type Who = { uuid: string; number: string | null };

async function ask(signal: FakeSignal, who: Who, text: string): Promise<string> {
  const before = signal.to(who.uuid).length;
  signal.push(textEnvelope(SIGNAL_NUMBER, who, text));
  await waitFor(() => signal.to(who.uuid).length > before, 10_000, 'a Signal reply');
  return signal.to(who.uuid)[before]?.message as string;
}

describe("the notice of a Signal moderator's changed identity", () => {
  const mod1: Who = { uuid: uuid(41), number: null };
  const mod2: Who = { uuid: uuid(42), number: null };
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
