/**
 * A buddy invitation the provider refused for good as invalid (a number not
 * on Signal: every buddy not on Signal, on a line with Signal only; or no
 * number SMS reaches). She was told "we asked the number ending 0177; we'll
 * tell you": it ends, no longer one of her buddies, and she is told to ask
 * someone else (outbox/lane-failures.ts calls this once the failure is kept).
 * It no longer counts among her day's invitations: no one received it, and
 * a couple of wrong numbers must not keep her from asking her real buddy
 * until tomorrow.
 */
import type { Channel } from '../domain/channel';
import { memberKey } from '../phone/identity';
import { buddyIndex, inviterNumber } from '../store/buddies';
import { removeBuddy } from '../store/buddy-erasure';
import type { Db } from '../store/db';
import { memberDiscreet, memberLang, memberSender } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { SenderLimits } from '../store/sender-limits';
import type { Vault } from '../store/vault';
import { INVITE_LIMIT } from './buddy-commands';
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
  for (const { id } of invited) {
    giveInvitationBack(db, vault, owner.member_id, id, outboxId, now);
    removeBuddy(db, vault, id);
  }
  db.eraseSoon();
  // It comes unasked, to her lock screen: a discreet member's words name no buddy, nor the line.
  const t = catalog(memberLang(db, owner.member_id));
  const last4 = ending(address);
  enqueueMessage(db, vault, owner.member_id, memberDiscreet(db, owner.member_id) ? t.discreetContactUnreached(last4) : t.buddyUnreachedMember(last4, channel), now);
  return true;
}

/**
 * Gives back to the key BUDDY counted invitation `buddyId` under (its
 * sender's number key: over Signal the number she showed, kept with the
 * invitation, else her membership's own) the count it took, on the day it
 * was sent (its outbox row's). Bounded too (SenderLimits.giveBack): a number
 * unreached still costs the line a message and her a notice. A value that
 * will not open gives nothing back.
 */
function giveInvitationBack(db: Db, vault: Vault, memberId: number, buddyId: number, outboxId: number, now: number): void {
  let key: string | undefined;
  try {
    const shown = inviterNumber(db, vault, buddyId);
    const member = memberSender(db, vault, memberId);
    key = shown !== undefined ? memberKey({ channel: 'sms', address: shown }) : member && memberKey(member);
  } catch {
    return;
  }
  const sent = db.stmt('SELECT created_at FROM outbox WHERE id = ?').get(outboxId) as { created_at: number } | undefined;
  if (key === undefined || sent === undefined) return;
  new SenderLimits(db).giveBack(vault.index('sender', key), 'buddy_invite', 'buddy_invite_back', INVITE_LIMIT, sent.created_at, now);
}
