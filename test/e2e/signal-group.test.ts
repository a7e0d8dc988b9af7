/** A message a member writes in a Signal group is not a command to the bot: it is neither acted on nor answered. */
import { textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const ANA = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', number: '+14155550177' };

/** The same envelope as a group message: v1 groupInfo, or a v2 group as signal-cli reports it. */
function inGroup(text: string, group: 'groupInfo' | 'groupV2'): Record<string, unknown> {
  const item = textEnvelope(SIGNAL_NUMBER, ANA, text) as { envelope: { dataMessage: Record<string, unknown> } };
  item.envelope.dataMessage[group] = group === 'groupInfo' ? { groupId: 'aGVsbG8gZ3JvdXA=', type: 'DELIVER', revision: 3 } : { id: 'aGVsbG8gZ3JvdXA=', revision: 3 };
  return item;
}

describe('Signal group messages', () => {
  let world: SignalWorld;
  beforeAll(async () => {
    world = await startSignalWorld({});
  });
  afterAll(() => world.close());

  it.each(['groupInfo', 'groupV2'] as const)('ignores JOIN sent in a group (%s); the same words sent directly work', async (group) => {
    const { signal } = world;
    const before = signal.to(ANA.uuid).length;
    signal.push(inGroup('JOIN 415', group));
    // Sent after the group message on the same connection, so it is handled after it.
    signal.push(textEnvelope(SIGNAL_NUMBER, ANA, 'AREAS'));
    await waitFor(() => signal.to(ANA.uuid).length > before, 10_000, 'the answer to AREAS');
    const replies = signal.to(ANA.uuid).slice(before).map((m) => m.message);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("you're not subscribed");
    expect(world.h.server.db.sqlite.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 0 });
  });

  it('acts on the direct message itself', async () => {
    const { signal } = world;
    const before = signal.to(ANA.uuid).length;
    signal.push(textEnvelope(SIGNAL_NUMBER, ANA, 'JOIN 415'));
    await waitFor(() => signal.to(ANA.uuid).length > before, 10_000, 'the answer to JOIN');
    expect(signal.to(ANA.uuid)[before]?.message).toContain('alerts for 415');
  });
});
