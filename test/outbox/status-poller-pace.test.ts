/**
 * The status poller never takes a send's turn: while the SMS lane has a
 * message due it fetches nothing, it takes no place under SEND_RATE, and a
 * poll (one a tick) fetches one message. Driven through pollOnce() and an
 * injected clock; the real adapter against the fake Twilio API on loopback;
 * the lane's pace is the dispatcher's own.
 */
import { createLogger } from '../../src/log/logger';
import { Metrics } from '../../src/metrics';
import { DEFAULT_DISPATCHER, Dispatcher } from '../../src/outbox/dispatcher';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../../src/outbox/status-poller';
import type { Db } from '../../src/store/db';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import type { Vault } from '../../src/store/vault';
import { sentUnreported } from './sent-unreported';
import { pollerLine } from './poller-line';
import type { TwilioLoopback } from './twilio-loopback';

const T0 = 1_800_000_000_000;
const MINUTE = 60_000;
const MEMBER = '+14155550162';

describe("the status poller and the SMS lane's turns", () => {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  let member: number;
  const log = createLogger('silent');

  pollerLine({ key: 9, account: '7', token: 'status-poller-pace-token-0123456', member: MEMBER, joinedBefore: T0 }, (line) => ({ twilio, vault, db, member } = line));

  /** A message sent through Twilio at `at` whose status never came back; its sid. */
  const sentAt = async (at: number): Promise<string> => (await sentUnreported(db, vault, twilio, { member, address: MEMBER }, 'ALERT 415: blue car', at)).sid;

  it('fetches nothing while the SMS lane has a message due: it waits for the lane, and fetches once the lane has none', async () => {
    const sid = await sentAt(T0 - 40 * MINUTE);
    const now = () => T0;
    const fetchedOf = () => twilio.fake.fetches.fetched.filter((s) => s === sid);
    // The dispatcher is not started: its lane's message stays due for as long as the test wants.
    const dispatcher = new Dispatcher(db, vault, new Map([['sms', twilio.sender]]), log, DEFAULT_DISPATCHER, undefined, now);
    const due = enqueueMessage(db, vault, member, 'Reply: you are subscribed to 415', T0);
    const poller = () => new StatusPoller(db, vault, twilio.sender, log, new Metrics(db), null, { ...DEFAULT_STATUS_POLL, pace: dispatcher.pace('sms') }, now);

    // Stopped while it waits for the lane: it never fetched.
    const waiting = poller();
    const stopped = waiting.pollOnce();
    await waiting.stop();
    expect(await stopped).toBe('stopped');
    expect(fetchedOf()).toEqual([]);

    // Another waits for the lane; the lane sends its message, and nothing is due any more: it fetches.
    const polled = poller().pollOnce();
    claimLane(db, 'sms', T0, 10, T0 + MINUTE);
    recordOutcomes(db, [{ id: due, kind: 'sent', providerId: `SM${'1'.repeat(32)}` }], T0);
    expect(await polled).toBe('not_final');
    expect(fetchedOf()).toEqual([sid]);
  });

  it("takes no send's place under SEND_RATE: an alert queued just after a fetch is sent at once", async () => {
    await sentAt(T0 - 40 * MINUTE);
    const now = () => T0;
    // SEND_RATE 0.2: a place taken makes the next send wait 5 s.
    const dispatcher = new Dispatcher(db, vault, new Map([['sms', twilio.sender]]), log, { ...DEFAULT_DISPATCHER, sendRate: 0.2 }, undefined, now);
    const pace = dispatcher.pace('sms')!;
    const poller = new StatusPoller(db, vault, twilio.sender, log, new Metrics(db), null, { ...DEFAULT_STATUS_POLL, pace }, now);

    expect(await poller.pollOnce()).toBe('not_final');
    expect(pace.waitMs()).toBe(0);
  });

  it('fetches one message a poll, however many are due, each once until its next poll is due', async () => {
    const sids: string[] = [];
    for (let i = 0; i < 4; i++) sids.push(await sentAt(T0 - 40 * MINUTE + i));
    const fetched = () => twilio.fake.fetches.fetched.filter((s) => sids.includes(s));
    const poller = new StatusPoller(db, vault, twilio.sender, log, new Metrics(db), null, DEFAULT_STATUS_POLL, () => T0);

    const results: string[] = [];
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      results.push(await poller.pollOnce());
      counts.push(fetched().length);
    }
    expect(results).toEqual(['not_final', 'not_final', 'not_final', 'not_final', 'none']);
    expect(counts).toEqual([1, 2, 3, 4, 4]);
    expect(fetched()).toEqual(sids);
  });
});
