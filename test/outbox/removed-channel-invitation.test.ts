/**
 * An invitation queued over a channel the line no longer sends on (its
 * settings removed at a restart, the database kept) fails for good at
 * start, as every message there but an alert copy does. She had been told
 * "we asked the number ending 0177; we'll tell you", and heard nothing: it
 * stayed one of her three, waiting a week. Now it ends, and she is told as
 * for a number unreached, by the channel the line still sends on.
 */
import type { ChannelSender } from '../../src/channels/types';
import { catalog } from '../../src/bot/catalog';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { botWorld } from '../helpers/bot-world';
import { FakeSender, settle } from '../helpers/fake-sender';

const ROSA = '+14155550100';
const NUMBER = '+14155550177';
const t = catalog('en');

it('an invitation waiting on Signal when the line no longer has it ends, and she is told by SMS', async () => {
  const w = await botWorld({ checkins: { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] } });
  w.sms(ROSA, 'JOIN 415');
  expect(w.sms(ROSA, `BUDDY SIGNAL ${NUMBER} Rose`).reply).toBe(t.buddyAsked('0177'));
  // Restarted with SMS only.
  const sms = new FakeSender();
  const dispatcher = new Dispatcher(w.db, w.vault, new Map<Channel, ChannelSender>([['sms', sms]]), createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: 3_600_000 }, undefined, () => w.clock.now);
  try {
    dispatcher.start();
    await settle();
    expect(sms.calls).toEqual([{ to: ROSA, body: t.buddyUnreachedMember('0177', 'signal'), ref: expect.any(Number) }]);
    expect(w.sms(ROSA, 'BUDDY').reply).toBe(t.buddyNone());
  } finally {
    await dispatcher.stop();
    w.db.close();
  }
});
