/**
 * Signal moderators are recognised by UUID only (issue 9, item 2). A moderator
 * listed by number is one over SMS; her Signal messages are a member's
 * (without Twilio her notices go over Signal: signal-only-moderator-by-number).
 */
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const MOD_NUMBER = '+14155550188';
const MOD_UUID = '9d8c7b6a-5f4e-4d3c-8b2a-190817263544';
const IMPOSTOR = { uuid: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716', number: MOD_NUMBER };

describe('Signal moderators by UUID only', () => {
  let world: SignalWorld;
  beforeAll(async () => {
    world = await startSignalWorld({ sms: true, env: { MODERATORS: `${MOD_NUMBER},${MOD_UUID}` } });
  });
  afterAll(() => world.close());

  async function reply(from: { uuid: string; number: string | null }, text: string): Promise<string> {
    const before = world.signal.to(from.uuid).length;
    world.signal.push(textEnvelope(SIGNAL_NUMBER, from, text));
    await waitFor(() => world.signal.to(from.uuid).length > before, 10_000, 'a Signal reply');
    return world.signal.to(from.uuid)[before]?.message as string;
  }

  it('does not take a Signal message carrying a moderator number under another UUID for the moderator', async () => {
    const answer = await reply(IMPOSTOR, 'STATS');
    expect(answer).not.toMatch(/members|pending/i);
    expect(answer).toMatch(/HELP/);
  });

  it('takes the listed UUID for the moderator', async () => {
    expect(await reply({ uuid: MOD_UUID, number: null }, 'STATS')).toMatch(/members|pending/i);
  });
});
