/**
 * The SMS lane is held (Twilio 401/20003: a rotated token) and the wall
 * clock is stepped back an hour (NTP). The hold's end moves back with the
 * clock: were it left an hour ahead, every later refusal would count as "the
 * same hold" (no new pause, the held row due again at once) and the lane
 * would call Twilio back to back instead of once per 15 s to 2 min (README:
 * "one message tries again after a growing wait (up to 2 minutes)").
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import { SendError } from '../../src/channels/types';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER } from '../../src/outbox/dispatcher';
import { Lane } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { ensureMember } from '../../src/store/members';
import { enqueueMessage } from '../../src/store/outbox';
import { FakeSender, settle } from '../helpers/fake-sender';
import { testStore } from '../helpers/test-store';

const T0 = 1_800_000_000_000;
const HOUR = 3_600_000;

describe('a held SMS lane when the wall clock is stepped back', () => {
  it('still tries one message per hold wait, not back-to-back', async () => {
    const { db, vault } = await testStore();
    const clock = { t: T0 };
    const now = () => clock.t;
    const log = createLogger('silent');
    const member = ensureMember(db, vault, { channel: 'sms', address: '+14155550100', phone: '+14155550100' }, 'en', T0).id;
    enqueueMessage(db, vault, member, 'a moderator notice', T0);
    const sender = new FakeSender(Array.from({ length: 100_000 }, () => new SendError('line', '20003')));
    const writer = new OutcomeWriter(db, log, now);
    const lane = new Lane(sender, { db, vault, log, now, opts: { ...DEFAULT_DISPATCHER, pollMs: HOUR }, writer, renderer: new AlertRenderer(db, vault) });
    lane.start();
    try {
      await settle();
      expect(sender.calls).toHaveLength(1); // held: the next try waits 15 s or more
      clock.t = T0 - HOUR; // NTP steps the clock back
      lane.wake();
      await settle();
      clock.t += 20_000; // 20 s on: the first hold's wait is over, one more try is due
      lane.wake();
      for (let i = 0; i < 20; i++) await settle();
      // Frozen clock, ~200 event-loop turns: at most one more try belongs here.
      expect(sender.calls.length).toBeLessThanOrEqual(2);
    } finally {
      await lane.stop();
      writer.flush();
      db.close();
    }
  });
});
