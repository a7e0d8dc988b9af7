/**
 * A buddy invitation the provider refused for good as invalid (a number not
 * on Signal: every buddy not on Signal, on a line with Signal only; or no
 * number SMS reaches). She was told "we asked the number ending 0177; we'll
 * tell you": it ends, no longer one of her buddies, and she is told to ask
 * someone else (outbox/lane-failures.ts calls this once the failure is kept).
 */
import type { Channel } from '../domain/channel';
import { buddyIndex } from '../store/buddies';
import { removeBuddy } from '../store/buddy-erasure';
import type { Db } from '../store/db';
import { memberDiscreet, memberLang } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import type { Vault } from '../store/vault';
import { catalog } from './catalog';
import { ending } from './clock-time';

/**
 * Ends the invitation this outbox row carried to `address` over `channel`
 * and tells its member, by the number's last four digits. Nothing for any
 * other row (an escalation, an all-clear) nor for an invitation already
 * answered, withdrawn or erased. Returns whether she was told.
 */
export function invitationUnreached(db: Db, vault: Vault, outboxId: number, address: string, channel: Channel, now: number): boolean {
  const owner = db.stmt('SELECT member_id FROM buddy_messages WHERE outbox_id = ?').get(outboxId) as { member_id: number } | undefined;
  if (!owner) return false;
  const invited = db
    .stmt("SELECT id FROM buddies WHERE member_id = ? AND buddy_bidx = ? AND channel = ? AND status = 'invited'")
    .all(owner.member_id, buddyIndex(vault, address), channel) as Array<{ id: number }>;
  if (invited.length === 0) return false;
  for (const { id } of invited) removeBuddy(db, vault, id);
  db.eraseSoon();
  // It comes unasked, to her lock screen: a discreet member's words name no buddy, nor the line.
  const t = catalog(memberLang(db, owner.member_id));
  const last4 = ending(address);
  enqueueMessage(db, vault, owner.member_id, memberDiscreet(db, owner.member_id) ? t.discreetContactUnreached(last4) : t.buddyUnreachedMember(last4, channel), now);
  return true;
}
