/**
 * On a line with Signal only, someone nobody asked who answers ACCEPT or
 * DECLINE is told no one asked them, not to "text ACCEPT there" by an SMS
 * the line does not have (a hostile review of 5a09658).
 */
import { catalog } from '../../src/bot/catalog';
import { ask, startSignalWorld, testUuid, type SignalWorld } from '../helpers/signal-world';

const t = catalog('en');
const STRANGER = { uuid: testUuid(81), number: '+14155550181' };

describe('a Signal-only line', () => {
  let w: SignalWorld;
  beforeEach(async () => {
    w = await startSignalWorld({ env: { NODE_ENV: 'production', MODERATORS: testUuid(80) } });
  });
  afterEach(() => w.close());

  it('answers ACCEPT and DECLINE from someone nobody asked without naming SMS', async () => {
    expect(await ask(w.signal, STRANGER, 'ACCEPT')).toBe(t.buddyNoInviteHere('signal', false));
    expect(await ask(w.signal, STRANGER, 'DECLINE')).toBe(t.buddyNotAskedHere('signal', false));
  }, 60_000);
});
