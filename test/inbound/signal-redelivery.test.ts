/**
 * Signal redelivers a message after a reconnect: the same source and
 * timestamp must be acted on once and answered once, HELP included (it
 * changes nothing, but its answer is a message sent, not a response).
 * Also the join dialogue for a member whose number is hidden.
 */
import { textEnvelope, type FakeSignal } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const WHO = { uuid: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b', number: '+14155550733' };
const HIDDEN = { uuid: '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c', number: null };

describe('a redelivered Signal message', () => {
  let world: SignalWorld;
  let signal: FakeSignal;

  beforeAll(async () => {
    world = await startSignalWorld({});
    ({ signal } = world);
  });
  afterAll(() => world.close());

  /** Waits until `n` messages reached the recipient, then for the path to go quiet (a marker message answered after them). */
  async function settle(uuid: string, n: number): Promise<string[]> {
    await waitFor(() => signal.to(uuid).length >= n, 10_000, `${n} replies`);
    // A later message's answer arrives after any stray second answer would have.
    signal.push(textEnvelope(SIGNAL_NUMBER, WHO, 'AREAS'));
    await waitFor(() => signal.to(WHO.uuid).some((m) => m.message.includes('alert areas') || m.message.includes('not subscribed')), 10_000, 'the marker');
    return signal.to(uuid).map((m) => m.message);
  }

  it('answers a HELP once, however often it is delivered', async () => {
    const help = textEnvelope(SIGNAL_NUMBER, WHO, 'HELP', 1_765_000_000_001);
    signal.push(help);
    signal.push(help);
    await waitFor(() => signal.to(WHO.uuid).length >= 1, 10_000, 'the HELP reply');
    signal.push(help);
    const texts = await settle(WHO.uuid, 1);
    expect(texts.filter((t) => t.includes('bad date line'))).toHaveLength(1);
  });

  it('acts on a JOIN once and answers it once', async () => {
    const before = signal.to(WHO.uuid).length;
    const join = textEnvelope(SIGNAL_NUMBER, WHO, 'JOIN 628', 1_765_000_000_002);
    signal.push(join);
    await waitFor(() => signal.to(WHO.uuid).length > before, 10_000, 'the JOIN reply');
    signal.push(join);
    const texts = (await settle(WHO.uuid, before + 1)).slice(before);
    expect(texts.filter((t) => t.includes('alerts for 628'))).toHaveLength(1);
  });

  it('asks a member with a hidden number which area, and a bare "415" answers it', async () => {
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, 'JOIN'));
    await waitFor(() => signal.to(HIDDEN.uuid).length >= 1, 10_000, 'the question');
    expect(signal.to(HIDDEN.uuid)[0]?.message).toContain('which area code');
    signal.push(textEnvelope(SIGNAL_NUMBER, HIDDEN, '415'));
    await waitFor(() => signal.to(HIDDEN.uuid).length >= 2, 10_000, 'the confirmation');
    expect(signal.to(HIDDEN.uuid)[1]?.message).toContain('alerts for 415');
  });
});
