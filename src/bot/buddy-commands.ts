/**
 * Safety buddies, with consent (issue 13): BUDDY number name asks someone;
 * they become a buddy only by answering ACCEPT, and DECLINE or STOP ends it
 * at any time. A buddy learns the name the member gave, never their number.
 */
import type { Channel } from '../domain/channel';
import type { Lang } from '../domain/lang';
import { memberKey } from '../phone/identity';
import { toE164, type CountryCode } from '../phone/numbers';
import {
  anyBuddyStop,
  personBuddyLinks,
  buddyIndex,
  buddyStopped,
  forgetBuddy,
  invitationNumber,
  inviteBuddy,
  inviterNumber,
  liftBuddyStop,
  linkBuddyMessage,
  linksOfBuddy,
  numberInvitations,
  recordBuddyStop,
  removeBuddy,
  removeLinksOfBuddy,
  setBuddyStatus,
  stopLinksOfBuddy,
  unreadableBuddiesOf,
  type Buddy,
} from '../store/buddies';
import { isBlocked } from '../store/blocks';
import { memberLang, memberSender, personMemberIds } from '../store/members';
import { enqueueMessage, enqueueReply } from '../store/outbox';
import { byPerson, listedNumber, picked, WHICH_LISTED } from './buddy-choice';
import { catalog, type Catalog } from './catalog';
import { ending } from './clock-time';
import type { Command } from './commands';
import { say, type Asker, type Outcome, type Store } from './handler';
import type { CheckinRules } from './line-rules';
import { smsSegments } from './sms-segments';
import { admitted, memberOf, type NewMemberRules } from './member-commands';

/** Most buddies one member may have. */
export const MAX_BUDDIES = 3;
/** Invitations one sender may send a day: BUDDY must not become a way to text strangers. */
export const INVITES_PER_DAY = 6;

type BuddyCommand = Extract<Command, { kind: 'buddy' }>;

/** BUDDY number name, BUDDY OFF [number], BUDDY (the list); a national number is read as `country` (DEFAULT_COUNTRY) writes it. */
export function buddy(store: Store, who: Asker, rules: CheckinRules, newMember: NewMemberRules, command: BuddyCommand, country: CountryCode, now: number): Outcome {
  switch (command.action) {
    case 'list': {
      const mine = who.member ? oneEach(personBuddyLinks(store.db, store.vault, who.member.id)) : [];
      return say(mine.length ? who.t.buddyList(mine.map((b) => ({ ending: ending(b.address), status: b.status }))) : who.t.buddyNone());
    }
    case 'off':
      return buddyOff(store, who, command.number, country, now);
    case 'add':
      return invite(store, who, rules, newMember, toE164(command.number, country), command.name, command.channel, now);
  }
}

function invite(store: Store, who: Asker, rules: CheckinRules, newMember: NewMemberRules, address: string | null, name: string, asked: Channel | undefined, now: number): Outcome {
  const { db, vault } = store;
  // Under approval, no one a moderator has not admitted can make the line text a stranger.
  if (!admitted(who, newMember)) return say(who.t.membersOnly());
  const channel = asked ?? rules.buddyChannels[0];
  if (!address || !channel || !rules.buddyChannels.includes(channel)) return say(who.t.buddyUsage());
  if (who.sender.phone === address) return say(who.t.buddyOwnNumber());
  const mine = who.member ? oneEach(personBuddyLinks(db, vault, who.member.id)) : [];
  if (mine.some((b) => b.address === address)) return say(who.t.buddyAlreadyAsked(ending(address)));
  if (mine.filter((b) => b.status !== 'stopped').length >= MAX_BUDDIES) return say(who.t.buddyLimit(MAX_BUDDIES));
  if (!store.limits.take(who.limitKey, 'buddy_invite', { max: INVITES_PER_DAY, windowMs: 86_400_000 }, now)) return say(who.t.buddyInvitesToday(INVITES_PER_DAY));
  const member = memberOf(store, who, newMember, now);
  // A link to this number that no longer opens (she cannot see it) must not refuse the invitation: it is replaced.
  const unreadable = unreadableBuddiesOf(db, vault, member.id, buddyIndex(vault, address));
  for (const id of unreadable) removeBuddy(db, vault, id);
  if (unreadable.length) db.eraseSoon();
  // Over Signal, her number as it shows: a BLOCK for a report she sends by SMS is on it (buddyBack).
  inviteBuddy(db, vault, member.id, { channel, address }, name, who.lang, now, who.sender.channel === 'signal' ? who.sender.phone : undefined);
  // A number that told the line to stop is not texted: the invitation waits for them to come back
  // (buddyBack). The member is answered as for any number, so that BUDDY cannot tell anyone who once
  // used the line.
  const stopped = buddyStopped(db, buddyIndex(vault, address));
  if (!stopped) sendInvitation(store, member.id, { channel, address }, name, who.lang, now);
  return { say: who.t.buddyAsked(ending(address)), queued: !stopped };
}

/** Asks a buddy, in the member's language (their own answer sets theirs); the message is the member's to erase. */
function sendInvitation(store: Store, memberId: number, to: { channel: Channel; address: string }, name: string, lang: Lang, now: number): void {
  linkBuddyMessage(store.db, enqueueReply(store.db, store.vault, to, invitation(catalog(lang), name, to.channel), now), memberId);
}

/**
 * The invitation, at most two SMS segments where it can be: a letter GSM-7
 * lacks in her name (Conceição, Inês, María) made the whole text UCS-2,
 * four segments arriving in pieces; by SMS the name then goes without its
 * accents. Over Signal, or a name of another script, as she wrote it.
 */
function invitation(t: Catalog, name: string, channel: Channel): string {
  const text = t.buddyInvite(name);
  if (channel !== 'sms' || smsSegments(text) <= 2) return text;
  const plain = t.buddyInvite(name.normalize('NFKD').replace(/\p{M}/gu, ''));
  return smsSegments(plain) <= 2 ? plain : text;
}

/** BUDDY OFF: removes every buddy, or the one with that number; an accepted buddy is told. */
function buddyOff(store: Store, who: Asker, number: string | undefined, country: CountryCode, now: number): Outcome {
  const { db, vault } = store;
  if (!who.member) return say(number === undefined ? who.t.buddyNone() : who.t.buddiesRemoved(0));
  const target = number === undefined ? undefined : toE164(number, country);
  if (number !== undefined && !target) return say(who.t.buddyUsage());
  // Hers on either channel (one phone, one person), as a check-in on either would tell them.
  const removed = personBuddyLinks(db, vault, who.member.id).filter((b) => target === undefined || b.address === target);
  let erased = 0;
  // A row that no longer opens is one of "every buddy" (or of that number's links) too; no one can be told of it.
  for (const memberId of personMemberIds(db, who.member.id)) {
    for (const id of unreadableBuddiesOf(db, vault, memberId, target ? buddyIndex(vault, target) : undefined)) erased += removeBuddy(db, vault, id);
  }
  for (const b of removed) erased += removeBuddy(db, vault, b.id);
  // A buddy asked on both memberships is told once.
  const told = oneEach(removed);
  for (const b of told.filter((x) => x.status === 'accepted')) {
    linkBuddyMessage(db, enqueueReply(db, vault, { channel: b.channel, address: b.address }, catalog(b.lang).buddyDropped(b.name), now), b.memberId);
  }
  if (erased > 0) db.eraseSoon();
  return { say: told.length === 0 && number === undefined ? who.t.buddyNone() : who.t.buddiesRemoved(told.length), queued: told.some((b) => b.status === 'accepted') };
}

/** One link per buddy's number, the most settled one first found (accepted, then invited, then stopped). */
function oneEach(links: Buddy[]): Buddy[] {
  const rank = { accepted: 0, invited: 1, stopped: 2 } as const;
  const best = new Map<string, Buddy>();
  for (const b of links) {
    const held = best.get(b.address);
    if (!held || rank[b.status] < rank[held.status]) best.set(b.address, b);
  }
  return [...best.values()];
}

/** Tells each member whose buddy this was, in the member's language. */
function tellMembers(store: Store, links: Buddy[], text: (t: ReturnType<typeof catalog>, b: Buddy) => string, now: number): void {
  for (const b of links) enqueueMessage(store.db, store.vault, b.memberId, text(catalog(memberLang(store.db, b.memberId)), b), now);
}

/** The blind index of the number the sender writes from (a Signal sender who hides it has none). */
function myIndex(store: Store, who: Asker): Buffer | undefined {
  return who.sender.phone ? buddyIndex(store.vault, who.sender.phone) : undefined;
}

/** The sender's links as a buddy that still open (one that does not must not block their answer). */
function myLinks(store: Store, index: Buffer | undefined): Buddy[] {
  return index ? linksOfBuddy(store.db, store.vault, index) : [];
}

/** Whether someone asked the sender to be their buddy and they have not answered (nor seen it, while their STOP stands). */
export function askedToBeBuddy(store: Store, who: Asker): boolean {
  return !stoppedAsBuddy(store, who) && myLinks(store, myIndex(store, who)).some((b) => b.status === 'invited');
}

/**
 * ACCEPT [name]: the invitation waiting for the sender becomes a buddy link,
 * and its member is told. One person waiting is accepted whatever words
 * follow. When several people asked, only the one she picks, by the number
 * listed or the name they gave: a stranger's invitation she ignored must not
 * ride on her yes to a friend. Picked by no one, the reply lists who asked,
 * numbered.
 */
export function accept(store: Store, who: Asker, name: string | undefined, now: number): Outcome {
  // Invitations made since their STOP were never sent to them: there is nothing they can have seen to accept.
  if (stoppedAsBuddy(store, who)) return say(who.t.buddyNoInvite());
  const links = myLinks(store, myIndex(store, who));
  const invited = links.filter((b) => b.status === 'invited');
  if (invited.length === 0) {
    const accepted = links.filter((b) => b.status === 'accepted');
    return say(accepted.length ? who.t.buddyAccepted() : who.t.buddyNoInvite());
  }
  const people = byPerson(store.db, invited);
  // One person waiting: ACCEPT answers her, whatever words follow ("ACCEPT ok", "accept, see you soon"),
  // but not once she was shown a list, nor a number: her words pick from what she read, which may have
  // changed since (the one she named withdrew, and another is left).
  const listed = invited.some((b) => invitationNumber(store.db, b.id) !== null);
  const chosen = people.length === 1 && listedNumber(name) === null && !listed ? people[0] : picked(store.db, people, name);
  if (!chosen) {
    const shown = people.slice(0, WHICH_LISTED);
    numberInvitations(store.db, shown.map((links) => links.map((b) => b.id)), invited.map((b) => b.id));
    const names = shown.map((links) => (links[0] as Buddy).name);
    return say(who.t.buddyWhich(names, people.length - names.length));
  }
  // They answered from this channel, in this language: escalations reach them the same way.
  for (const b of chosen) setBuddyStatus(store.db, b.id, 'accepted', { channel: who.sender.channel, lang: who.lang });
  tellMembers(store, chosen, (t, b) => t.buddyAcceptedMember(ending(b.address)), now);
  return { say: who.t.buddyAccepted(), queued: true };
}

/** DECLINE: the sender is nobody's buddy any more (invited or accepted); each member is told. */
export function decline(store: Store, who: Asker, now: number): Outcome {
  const index = myIndex(store, who);
  const links = myLinks(store, index).filter((b) => b.status !== 'stopped');
  // By index, so that a link that no longer opens goes too.
  if (index && removeLinksOfBuddy(store.db, store.vault, index) > 0) store.db.eraseSoon();
  if (links.length === 0) return say(who.t.buddyNoInvite());
  tellMembers(store, links, (t, b) => t.buddyDeclinedMember(ending(b.address)), now);
  return { say: who.t.buddyDeclined(), queued: true };
}

/**
 * STOP from a buddy: no buddy message goes to them again, and no one may
 * invite them until they come back (JOIN, START) or erase themselves (the
 * stop is kept apart; each link stays, stopped, until its member removes it or they
 * erase themselves). Returns whether members were told.
 */
export function buddyStop(store: Store, who: Asker, now: number): boolean {
  // Whoever texts STOP is never asked to be a buddy: the stop is kept apart from the links, which a member may erase.
  if (who.sender.phone) recordBuddyStop(store.db, store.vault, who.sender.phone, now);
  const index = myIndex(store, who);
  // Only a buddy who accepted: a number that never answered agreed to nothing, and its member learns nothing of it
  // (her invitation stays waiting, as for any number that does not answer).
  const links = myLinks(store, index).filter((b) => b.status === 'accepted');
  // By index, so that a link that no longer opens is stopped too.
  if (index) stopLinksOfBuddy(store.db, index);
  tellMembers(store, links, (t, b) => t.buddyStoppedMember(ending(b.address)), now);
  return links.length > 0;
}

/** DELETE from a buddy: every row naming them is erased; members of accepted links are told (an invitation leaves in silence). Returns whether any were. */
export function forgetAsBuddy(store: Store, who: Asker, now: number): boolean {
  const index = myIndex(store, who);
  const links = myLinks(store, index).filter((b) => b.status === 'accepted');
  if (index) forgetBuddy(store.db, index);
  tellMembers(store, links, (t, b) => t.buddyDeclinedMember(ending(b.address)), now);
  return links.length > 0;
}

/**
 * JOIN or START from someone who had sent STOP as a buddy: members may ask
 * them again, and the invitations made while they had stopped are sent now.
 * Returns whether any was.
 */
export function buddyBack(store: Store, who: Asker, now: number): boolean {
  // The blind index is a fair share of a JOIN's work: not computed on a line where no one has stopped.
  if (!who.sender.phone || !anyBuddyStop(store.db)) return false;
  const index = buddyIndex(store.vault, who.sender.phone);
  if (!liftBuddyStop(store.db, index)) return false;
  const invited = linksOfBuddy(store.db, store.vault, index).filter((b) => b.status === 'invited');
  // A moderator silenced the inviter meanwhile: the line texts no stranger for them; the invitation is dropped.
  const dropped = invited.filter((b) => inviterBlocked(store, b));
  for (const b of dropped) removeBuddy(store.db, store.vault, b.id);
  if (dropped.length) store.db.eraseSoon();
  const waiting = invited.filter((b) => !dropped.includes(b));
  for (const b of waiting) sendInvitation(store, b.memberId, { channel: b.channel, address: b.address }, b.name, b.lang, now);
  return waiting.length > 0;
}

/**
 * Whether a moderator BLOCKed the member who made this invitation, on
 * either of her channels or on the number she showed over Signal (a block
 * holds for the person).
 */
function inviterBlocked(store: Store, invitation: Buddy): boolean {
  const { db, vault } = store;
  let shown: string | undefined;
  try {
    shown = inviterNumber(db, vault, invitation.id);
  } catch {
    // A value that no longer opens must not stop the JOIN that brought the number back.
  }
  if (shown !== undefined && isBlocked(db, vault.index('reporter', memberKey({ channel: 'sms', address: shown })))) return true;
  return personMemberIds(store.db, invitation.memberId).some((id) => {
    let sender: ReturnType<typeof memberSender>;
    try {
      sender = memberSender(store.db, store.vault, id);
    } catch {
      // A member row that no longer opens (a damaged value) must not stop the JOIN that brought the number back.
      return false;
    }
    return sender !== undefined && isBlocked(store.db, store.vault.index('reporter', memberKey(sender)));
  });
}

/** Whether the sender's STOP as a buddy stands. */
function stoppedAsBuddy(store: Store, who: Asker): boolean {
  return who.sender.phone !== undefined && buddyStopped(store.db, buddyIndex(store.vault, who.sender.phone));
}
