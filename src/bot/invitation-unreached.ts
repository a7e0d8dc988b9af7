/**
 * A buddy invitation the provider refused for good as invalid (a number not
 * on Signal: every buddy not on Signal, on a line with Signal only; or no
 * number SMS reaches). She was told "we asked the number ending 0177; we'll
 * tell you": it ends, no longer one of her buddies, and she is told to ask
 * someone else (outbox/lane-failures.ts calls this once the failure is kept).
 * It no longer counts among her day's invitations: no one received it, and
 * a couple of wrong numbers must not keep her from asking her real buddy
 * until tomorrow.
 *
 * Or one waiting over a channel the line no longer sends on
 * (outbox/removed-channel.ts): the number is not at fault, so she is not
 * told to drop it but how to ask it over the channel the line still sends on.
 */
import type { Channel } from '../domain/channel';
import { memberKey } from '../phone/identity';
import { inviterNumber } from '../store/buddies';
import { linkIndex } from '../store/buddy-indexes';
import { removeBuddy } from '../store/buddy-erasure';
import type { Db } from '../store/db';
import { memberDiscreet, memberLang, memberSender, memberStatus, personMemberIds } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { SenderLimits } from '../store/sender-limits';
import type { Vault } from '../store/vault';
import { INVITE_LIMIT } from './buddy-commands';
import { catalog } from './catalog';
import { ending } from './clock-time';

/** Why it went to no one: the provider refused the number, or `channel` is one the line no longer sends on. */
export type UnreachedReason = 'unreached' | 'channel-removed';

/**
 * Ends the invitation this outbox row carried to `address` over `channel`
 * and tells its member, by the number's last four digits. Nothing for any
 * other row (an escalation, an all-clear) nor for an invitation already
 * answered, withdrawn or erased. Returns whether she was told.
 */
export function invitationUnreached(db: Db, vault: Vault, outboxId: number, address: string, channel: Channel, now: number, reason: UnreachedReason = 'unreached'): boolean {
  const owner = db.stmt('SELECT member_id FROM buddy_messages WHERE outbox_id = ?').get(outboxId) as { member_id: number } | undefined;
  if (!owner) return false;
  const invited = db
    .stmt("SELECT id FROM buddies WHERE member_id = ? AND buddy_bidx = ? AND channel = ? AND status = 'invited'")
    .all(owner.member_id, linkIndex(vault, owner.member_id, address), channel) as Array<{ id: number }>;
  if (invited.length === 0) return false;
  for (const { id } of invited) {
    giveInvitationBack(db, vault, owner.member_id, id, outboxId, now);
    removeBuddy(db, vault, id);
  }
  db.eraseSoon();
  const to = reason === 'unreached' ? owner.member_id : onOtherChannel(db, owner.member_id, channel);
  if (to === undefined) return false;
  // It comes unasked, to her lock screen: a discreet member's words name no buddy, nor the line.
  const t = catalog(memberLang(db, to));
  const last4 = ending(address);
  const discreet = memberDiscreet(db, to);
  let text = discreet ? t.discreetContactUnreached(last4) : t.buddyUnreachedMember(last4, channel);
  if (reason === 'channel-removed') text = discreet ? t.discreetContactChannelGone(last4, channel) : t.buddyChannelGoneMember(last4, channel);
  enqueueMessage(db, vault, to, text, now);
  return true;
}

/**
 * Her membership (this one, or its twin: one phone) on a channel other than
 * `gone`, which the line no longer sends on: a notice queued on `gone` would
 * fail there unread. None that stopped or is invalid; undefined if none.
 */
function onOtherChannel(db: Db, memberId: number, gone: Channel): number | undefined {
  const channelOf = db.stmt('SELECT channel FROM members WHERE id = ?');
  return personMemberIds(db, memberId).find((id) => {
    const status = memberStatus(db, id);
    return (channelOf.get(id) as { channel: Channel }).channel !== gone && status !== 'stopped' && status !== 'invalid';
  });
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
