/**
 * On a line with Signal only, a buddy whose number is hidden on Signal
 * answering ACCEPT or DECLINE was told "If you were asked by SMS, text ACCEPT
 * there": there is no SMS there. The line still cannot tell who asked them
 * (no one's word for a number is taken), so it says so, and what becomes of
 * the invitation; a line with SMS keeps its reply.
 */
import { catalog } from '../../src/bot/catalog';
import { ask, startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';

const t = catalog('en');
const HIDDEN = { uuid: testUuid(74), number: null };

describe('a buddy hiding their number on Signal', () => {
  let w: SignalWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('on a line with Signal only: is not sent to SMS', async () => {
    w = await startSignalWorld({ env: { NODE_ENV: 'production', MODERATORS: testUuid(71) } });
    expect(await ask(w.signal, HIDDEN, 'ACCEPT')).toBe(t.buddyNumberHiddenNoSms('accept'));
    expect(await ask(w.signal, HIDDEN, 'DECLINE')).toBe(t.buddyNumberHiddenNoSms('decline'));
  }, 60_000);

  it('on a line with SMS too: is told to answer by SMS if asked there', async () => {
    w = await startSignalWorld({ sms: true });
    expect(await ask(w.signal, HIDDEN, 'ACCEPT')).toBe(t.buddyNumberHidden('accept'));
  }, 60_000);
});
