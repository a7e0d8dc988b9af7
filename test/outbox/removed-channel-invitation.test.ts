/**
 * An invitation queued over a channel the line no longer sends on (its
 * settings removed at a restart, the database kept) fails for good at
 * start, as every message there but an alert copy does. She had been told
 * "we asked the number ending 0177; we'll tell you": it ends, and she is
 * told so on the channel the line still sends on, with how to ask the same
 * number there. Not "we couldn't reach them": the number is not at fault,
 * and told so she would drop her real buddy. Her own membership on the
 * channel gone, she is told on her twin; with none, she is told nothing.
 */
import type { ChannelSender } from '../../src/channels/types';
import { catalog } from '../../src/bot/catalog';
import type { Channel } from '../../src/domain/channel';
import { createLogger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { findMember } from '../../src/store/members';
import { botWorld, type BotWorld } from '../helpers/bot-world';
import { FakeSender, settle } from '../helpers/fake-sender';

const ROSA = '+14155550100';
const UUID = 'b3c1f0de-0000-4000-8000-000000000100';
const NUMBER = '+14155550177';
const t = catalog('en');
const RULES = { checkins: { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms', 'signal'] as Channel[] } };

let n = 0;
const signal = (w: BotWorld, text: string, phone: string | undefined = ROSA) =>
  w.bot.handle({ sender: { channel: 'signal', address: UUID, ...(phone ? { phone } : {}) }, text, providerId: `${UUID}:${1_700_000_000_000 + ++n}` });

/** The line restarted with SMS only, its lanes started: what SMS sent. */
async function restartedSmsOnly(w: BotWorld, run: (sms: FakeSender) => void | Promise<void>): Promise<void> {
  const sms = new FakeSender();
  const dispatcher = new Dispatcher(w.db, w.vault, new Map<Channel, ChannelSender>([['sms', sms]]), createLogger('silent'), { ...DEFAULT_DISPATCHER, pollMs: 3_600_000 }, undefined, () => w.clock.now);
  try {
    dispatcher.start();
    await settle();
    await run(sms);
  } finally {
    await dispatcher.stop();
    w.db.close();
  }
}

it('an invitation waiting on Signal when the line no longer has it ends, and she is told by SMS how to ask them by SMS', async () => {
  const w = await botWorld(RULES);
  w.sms(ROSA, 'JOIN 415');
  expect(w.sms(ROSA, `BUDDY SIGNAL ${NUMBER} Rose`).reply).toBe(t.buddyAsked('0177'));
  await restartedSmsOnly(w, (sms) => {
    expect(sms.calls).toEqual([{ to: ROSA, body: t.buddyChannelGoneMember('0177', 'signal'), ref: expect.any(Number) }]);
    expect(t.buddyChannelGoneMember('0177', 'signal')).toContain('BUDDY SMS');
    expect(w.sms(ROSA, 'BUDDY').reply).toBe(t.buddyNone());
    // What the notice says to send asks the same number again, by SMS.
    expect(w.sms(ROSA, `BUDDY SMS ${NUMBER} Rose`).reply).toBe(t.buddyAsked('0177'));
    expect(w.direct(NUMBER).at(-1)).toBe(t.buddyInvite('Rose'));
  });
});

it('a discreet member is told in plain words', async () => {
  const w = await botWorld(RULES);
  w.sms(ROSA, 'JOIN 415');
  w.sms(ROSA, 'DISCREET');
  w.sms(ROSA, `BUDDY SIGNAL ${NUMBER} Rose`);
  await restartedSmsOnly(w, (sms) => {
    expect(sms.calls.map((c) => c.body)).toContain(t.discreetContactChannelGone('0177', 'signal'));
    expect(t.discreetContactChannelGone('0177', 'signal')).not.toMatch(/Heads Up|Rose/);
  });
});

it('her own membership on Signal, she is told by SMS on her SMS membership of the same phone', async () => {
  const w = await botWorld(RULES);
  w.sms(ROSA, 'JOIN 415');
  signal(w, 'JOIN 415');
  expect(signal(w, `BUDDY SIGNAL ${NUMBER} Rose`).reply).toBe(t.buddyAsked('0177'));
  await restartedSmsOnly(w, (sms) => {
    expect(sms.calls).toEqual([{ to: ROSA, body: t.buddyChannelGoneMember('0177', 'signal'), ref: expect.any(Number) }]);
  });
});

it('her own membership on Signal and none by SMS, the invitation ends and nothing is queued for her where nothing sends', async () => {
  const w = await botWorld(RULES);
  signal(w, 'JOIN 415', undefined);
  expect(signal(w, `BUDDY SIGNAL ${NUMBER} Rose`, undefined).reply).toBe(t.buddyAsked('0177'));
  const her = findMember(w.db, w.vault, { channel: 'signal', address: UUID });
  const queuedBefore = w.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ?').get(her?.id) as { n: number };
  await restartedSmsOnly(w, (sms) => {
    expect(sms.calls).toEqual([]);
    expect(signal(w, 'BUDDY', undefined).reply).toBe(t.buddyNone());
    expect(w.db.sqlite.prepare('SELECT count(*) AS n FROM outbox WHERE member_id = ?').get(her?.id)).toEqual(queuedBefore);
  });
});
