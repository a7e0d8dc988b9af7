/**
 * A Signal message that carries a shared contact card (receive.DataMessage
 * `contacts`, receive.SharedContact in the contract) and no words. On a bad
 * date line, sharing the client's contact card is a natural way to report
 * him: it is answered as a photo is (only text reaches the line), and in the
 * middle of a guided report she is asked to type the answer, not left to
 * believe the card went with her report.
 */
import { parseSignalItem } from '../../src/channels/signal/signal-envelope';
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, type SignalWorld } from '../helpers/signal-world';

const ANA = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c01', number: null };
const BEA = { uuid: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c02', number: null };

/** A contact card and no text, as signal-cli-rest-api delivers it. */
function contactCard(from: { uuid: string; number: string | null }): Record<string, unknown> {
  const item = textEnvelope(SIGNAL_NUMBER, from, '') as { envelope: { dataMessage: Record<string, unknown> } };
  item.envelope.dataMessage.message = null;
  item.envelope.dataMessage.contacts = [
    { name: { given: 'Mike', family: 'R' }, phone: [{ value: '+14155550166', type: 'MOBILE' }], email: [], address: [], organization: '' },
  ];
  return item;
}

describe('a Signal contact card with no words', () => {
  it('is read as a message that carried something the line does not read (as a photo is)', () => {
    expect(parseSignalItem(contactCard(ANA))).toMatchObject({ text: '', media: true });
  });

  describe('end to end', () => {
    let world: SignalWorld;
    let signal: FakeSignal;
    beforeAll(async () => {
      world = await startSignalWorld({});
      ({ signal } = world);
    });
    afterAll(() => world.close());

    const replies = (who: { uuid: string }) => signal.to(who.uuid).map((m) => m.message);
    /** HELP's answer, the list of commands. */
    const isHelp = (m: string) => m.startsWith('Heads Up bad date line. JOIN');

    it('outside a conversation is answered that only text reaches the line', async () => {
      signal.push(contactCard(ANA));
      signal.push(textEnvelope(SIGNAL_NUMBER, ANA, 'HELP'));
      // Both answers, in whichever order they leave: the card's, and HELP's (handled after the card).
      await waitFor(() => replies(ANA).some(isHelp) && replies(ANA).some((m) => /reads only text/i.test(m)), 10_000, 'the answers to the card and to HELP');
      expect(replies(ANA)).toHaveLength(2);
      expect(replies(ANA).filter((m) => /reads only text/i.test(m))).toHaveLength(1);
    });

    it('in the middle of a guided report asks her to type the answer', async () => {
      signal.push(textEnvelope(SIGNAL_NUMBER, BEA, 'REPORT 415'));
      await waitFor(() => replies(BEA).length >= 1, 10_000, 'the first question');
      signal.push(contactCard(BEA));
      // HELP keeps its meaning in a conversation, and is handled after the card.
      signal.push(textEnvelope(SIGNAL_NUMBER, BEA, 'HELP'));
      await waitFor(() => replies(BEA).some(isHelp) && replies(BEA).some((m) => /type your answer/i.test(m)), 10_000, 'the answers to the card and to HELP');
      expect(replies(BEA)).toHaveLength(3);
      expect(replies(BEA).filter((m) => /type your answer/i.test(m))).toHaveLength(1);
    });
  });
});
