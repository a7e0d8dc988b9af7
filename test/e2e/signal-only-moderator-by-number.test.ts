/**
 * A production line with Signal and no Twilio that lists a moderator by
 * number: 74e90d9 refused to start, taking the whole line down at upgrade.
 * It starts; her notices reach her number over Signal, as before; the start
 * warns, by position, that none of her answers can be taken as a
 * moderator's (over Signal moderators are known by UUID). Outside production
 * too: the console no longer stands in for SMS beside Signal (a notice
 * printed there reached no one).
 */
import { FakeSignal, textEnvelope } from '../fakes/fake-signal';
import { SIGNAL_NUMBER, startHarness, waitFor, type Harness } from '../helpers/harness';
import { testUuid } from '../helpers/signal-world';

const MOD_UUID = testUuid(71);
const MOD_NUMBER = '+14155550166';
const WARNING = 'entry 2 is a number, but without Twilio moderators are on Signal, listed by their Signal UUID';

describe('a moderator listed by number on a line with Signal and no Twilio', () => {
  let signal: FakeSignal;
  beforeAll(async () => {
    signal = new FakeSignal({ account: SIGNAL_NUMBER });
    await signal.start();
  });
  afterAll(() => signal.stop());

  it('in production: the line starts, warns by position, and her notices reach her number over Signal', async () => {
    const h: Harness = await startHarness({ twilio: false, signalApiUrl: signal.url, env: { NODE_ENV: 'production', MODERATORS: `${MOD_UUID},${MOD_NUMBER}` } });
    try {
      const warned = h.logs.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.msg.includes(WARNING));
      expect(warned.map((l) => l.level)).toEqual([40]);
      expect(h.logs.join('\n')).not.toContain('4155550166');
      const reporter = { uuid: testUuid(72), number: null };
      await waitFor(() => signal.connected > 0, 10_000, 'the Signal websocket');
      signal.push(textEnvelope(SIGNAL_NUMBER, reporter, 'REPORT 415 grey van, driver took my phone'));
      await waitFor(() => signal.to(MOD_NUMBER).some((m) => m.message.includes('grey van')), 10_000, 'the notice to her number over Signal');
      expect(signal.to(MOD_UUID).filter((m) => m.message.includes('grey van'))).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('outside production: the same warning, and her notices go to her number over Signal, not to the console', async () => {
    const h = await startHarness({ twilio: false, signalApiUrl: signal.url, env: { MODERATORS: `${MOD_UUID},${MOD_NUMBER}` } });
    try {
      expect(h.logs.filter((l) => l.includes(WARNING))).toHaveLength(1);
      expect(h.server.app.moderatorContacts).toEqual([
        { channel: 'signal', address: MOD_UUID },
        { channel: 'signal', address: MOD_NUMBER, phone: MOD_NUMBER },
      ]);
    } finally {
      await h.close();
    }
  });
});
