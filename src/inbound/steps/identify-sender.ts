/**
 * Step 2: identify the sender: their member row (linked to the number a
 * Signal member now shows), their blind indexes, whether they moderate, and
 * the conversation they may be in the middle of (looked up only when it can
 * change what the message means).
 */
import { memberKey, numberKey, type Sender } from '../../phone/identity';
import { hasCheckin } from '../../store/checkins';
import { findConversation, type Conversation } from '../../store/conversations';
import type { Db } from '../../store/db';
import { senderLogKey } from '../../store/inbound-log';
import { findMemberByIndex, linkSignalPhone, memberIndex, otherChannelMember, type MemberRow } from '../../store/members';
import type { Vault } from '../../store/vault';

/** Who sent a message, as far as the line knows them. */
export interface Identity {
  sender: Sender;
  member: MemberRow | undefined;
  /** Blind index of the sender's member row (their conversation is kept under it too). */
  memberKey: Buffer;
  /** Blind index under the reporter purpose (BLOCK, DELETE). */
  reporterKey: Buffer;
  /** Over Signal with the number shown: that number's reporter index over SMS (a block of either holds for both). */
  phoneReporterKey?: Buffer;
  /** Blind index of the inbound log's purpose (DELETE finds their stored replies and parked messages by it). */
  senderKey: Buffer;
  /** What the per-sender limits count under: the number's index, over SMS and over Signal showing it (one limit for both). */
  limitKey: Buffer;
  moderator: boolean;
  /** Her memberships no longer linked to her now that her Signal account shows another number (linkSignalPhone). */
  unlinked: number[];
  /** The sender's open conversation, if any (read once, on first use). */
  conversation(): Conversation | undefined;
}

/**
 * Whether a sender may use moderator commands: listed in MODERATORS (over
 * Signal by UUID only: the number an envelope carries is the sender's word,
 * not proof) and, where the line checks identities (Signal, issue 15), still
 * with the identity recorded for them: a changed one gets an ordinary
 * member's treatment until an operator re-admits them.
 */
export function isTrustedModerator(moderators: ReadonlySet<string>, trusted: ((sender: Sender) => boolean) | undefined, sender: Sender): boolean {
  return moderators.has(sender.address) && (trusted?.(sender) ?? true);
}

export function identifySender(
  db: Db,
  vault: Vault,
  moderators: ReadonlySet<string>,
  sender: Sender,
  now: number,
  trusted?: (sender: Sender) => boolean,
  /** When her message is judged sent (inbound/heard-at.ts): her conversation is the one open then. */
  heardAt = now,
): Identity {
  const key = memberKey(sender);
  const ownKey = memberIndex(vault, sender);
  const member = findMemberByIndex(db, ownKey);
  const unlinked = member && sender.channel === 'signal' && sender.phone ? linkSignalPhone(db, vault, member.id, sender.phone) : [];
  let conversation: { value: Conversation | undefined } | undefined;
  const number = numberKey(sender);
  return {
    sender,
    member,
    memberKey: ownKey,
    reporterKey: vault.index('reporter', key),
    phoneReporterKey: number === key ? undefined : vault.index('reporter', number),
    senderKey: senderLogKey(vault, key),
    limitKey: vault.index('sender', number),
    moderator: isTrustedModerator(moderators, trusted, sender),
    unlinked,
    conversation() {
      conversation ??= { value: findConversation(db, vault, ownKey, heardAt) };
      return conversation.value;
    },
  };
}

/**
 * Whether the sender has a check-in running or escalated: hers on either
 * channel, also from her other channel (her number showing) before she has
 * a membership there, as OK and LATER find it. A lost OK has her buddies
 * told she may be in danger.
 */
export function senderHasCheckin(db: Db, vault: Vault, who: Identity): boolean {
  const person = who.member?.id ?? otherChannelMember(db, vault, who.sender);
  return person !== undefined && hasCheckin(db, person);
}
