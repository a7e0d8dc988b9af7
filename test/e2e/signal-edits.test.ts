/**
 * Signal's edit of an earlier message, through the whole line: the fake
 * signal-cli delivers it as the real one does (an envelope with an
 * editMessage: targetSentTimestamp and the new version as a dataMessage).
 * The line does not act on it (it would run a command again) but answers
 * it, so that a moderator who edited a victim's name out of her EDIT knows
 * it still stands, and a reporter who corrected a plate sends it again.
 */
import { catalog } from '../../src/bot/catalog';
import { textEnvelope } from '../fakes/fake-signal';
import { refOf, SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';

const t = catalog('en');
const MODERATOR = { uuid: testUuid(900), number: '+14155550198' };
const REPORTER = { uuid: testUuid(1), number: '+14155550101' };
const MEMBER = { uuid: testUuid(2), number: null };
type Who = { uuid: string; number: string | null };

/** Her edit, sent at `at`, of the message she sent at `target`, now reading `text`. */
function editEnvelope(from: Who, target: number, text: string, at: number): Record<string, unknown> {
  const item = textEnvelope(SIGNAL_NUMBER, from, text, at) as { envelope: Record<string, unknown> };
  const { dataMessage, ...envelope } = item.envelope;
  return { ...item, envelope: { ...envelope, editMessage: { targetSentTimestamp: target, dataMessage } } };
}

describe('a Signal edit', () => {
  let w: SignalWorld;
  beforeAll(async () => {
    w = await startSignalWorld({ env: { MODERATORS: MODERATOR.uuid, SEND_RATE: '100' } });
  });
  afterAll(() => w.close());

  /** Her message, and the replies to her it brings (waiting for the first). */
  async function send(from: Who, item: Record<string, unknown>): Promise<string[]> {
    const mine = () => w.signal.sent.filter((m) => m.recipient === from.uuid || m.recipient === from.number);
    const before = mine().length;
    w.signal.push(item);
    await waitFor(() => mine().length > before, 10_000, 'her reply');
    return mine().slice(before).map((m) => m.message);
  }
  const say = (from: Who, text: string, at?: number) => send(from, textEnvelope(SIGNAL_NUMBER, from, text, at));

  it("tells a moderator that her edit changed nothing; her EDIT stands as she sent it", async () => {
    await say(MEMBER, 'JOIN 415');
    const ref = refOf((await say(REPORTER, 'REPORT 415 grey van, hurt Marisol at the Elm motel'))[0]);
    const at = Date.now();
    await say(MODERATOR, `EDIT ${ref} grey van, hurt Marisol at the Elm motel, violent`, at);
    expect(await send(MODERATOR, editEnvelope(MODERATOR, at, `EDIT ${ref} grey van, violent, Elm St area`, at + 3000))).toEqual([t.modEditNotRead()]);
    expect((await say(MODERATOR, `SHOW ${ref}`)).join(' ')).toContain('hurt Marisol at the Elm motel, violent');
  });

  it('tells a reporter who corrected her report to send it again; no second report is filed', async () => {
    const at = Date.now() + 10_000;
    const ref = refOf((await say(REPORTER, 'REPORT 415 silver civic plate 7ABC123 choked me', at))[0]);
    expect(await send(REPORTER, editEnvelope(REPORTER, at, 'REPORT 415 silver civic plate 7ABC128 choked me', at + 5000))).toEqual([t.editNotRead(false)]);
    const pending = (await say(MODERATOR, 'PENDING')).join(' ');
    expect(pending).toContain(`#${ref}`);
    expect(pending.match(/#[A-Z0-9]{4,6}/g)).toHaveLength(2);
  });
});
