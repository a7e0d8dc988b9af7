/**
 * A laptop line: Signal configured, no Twilio, started without
 * NODE_ENV=production. The console was its SMS channel, so a buddy's
 * check-in escalation that Signal refused for good went "by SMS" to the
 * console: printed, her details with it, recorded as sent, and she was never
 * told that no one was reached. Such a line has no SMS channel, as in
 * production: she hears her buddy could not be reached, and nothing prints.
 */
import { catalog } from '../../src/bot/catalog';
import { SIGNAL_ERRORS, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, waitFor } from '../helpers/harness';
import { ask, startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';

const t = catalog('en');
const ROSE = { uuid: testUuid(72), number: '+14155550123' };
const BUDDY = { uuid: testUuid(74), number: '+14155550177' };
const MIN = 60_000;

let w: SignalWorld;
let ahead = 0;
beforeEach(async () => {
  ahead = 0;
  // NODE_ENV is the harness's 'test': not production.
  w = await startSignalWorld({ now: () => Date.now() + ahead });
});
afterEach(() => w.close());

it('tells her the buddy Signal refused could not be reached, and prints nothing to the console', async () => {
  const { signal, h } = w;
  await ask(signal, ROSE, 'JOIN');
  await ask(signal, ROSE, `BUDDY ${BUDDY.number} Rose`);
  await waitFor(() => signal.to(BUDDY.number).length === 1, 10_000, 'the invitation');
  signal.push(textEnvelope(SIGNAL_NUMBER, BUDDY, 'ACCEPT'));
  await waitFor(() => signal.to(ROSE.uuid).some((m) => m.message.includes('accepted')), 10_000, 'her buddy accepted');
  // The buddy has left Signal since: every send to them is refused for good.
  signal.answer = ({ recipient }) => (recipient === BUDDY.number || recipient === BUDDY.uuid ? SIGNAL_ERRORS.unregistered(recipient) : 'accept');
  await ask(signal, ROSE, 'CHECKIN 10 blue honda');
  ahead += 11 * MIN;
  await waitFor(() => signal.to(ROSE.uuid).some((m) => m.message === t.checkinBuddiesUnreached(1, false, false)), 15_000, 'her told no buddy was reached');
  expect(h.consoleLines).toEqual([]);
  expect(h.server.senders.has('sms')).toBe(false);
}, 60_000);
