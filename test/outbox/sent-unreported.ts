/** What the status poller's tests start from: an SMS queued, claimed and sent through Twilio at `at`, whose status callback never comes. */
import type { Db } from '../../src/store/db';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import type { Vault } from '../../src/store/vault';
import type { TwilioLoopback } from './twilio-loopback';

/** Sent to `address` for `member` (the fake posts no callback without a callbackBase); the row and Twilio's sid. */
export async function sentUnreported(
  db: Db,
  vault: Vault,
  twilio: TwilioLoopback,
  to: { member: number; address: string },
  text: string,
  at: number,
): Promise<{ id: number; sid: string }> {
  const id = enqueueMessage(db, vault, to.member, text, at);
  expect(claimLane(db, 'sms', at, 10, at + 60_000).map((r) => r.id)).toEqual([id]);
  const { providerId } = await twilio.sender.send(to.address, text);
  recordOutcomes(db, [{ id, kind: 'sent', providerId }], at);
  return { id, sid: providerId };
}
