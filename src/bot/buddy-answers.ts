/**
 * What the one asked to be a buddy sends (issue 13): ACCEPT makes her a
 * buddy, DECLINE, STOP and DELETE end it, JOIN or START after her STOP lets
 * the invitations held meanwhile go. Each acts on what goes over the channel
 * it comes from only: an SMS from her number may be spoofed, or come from a
 * recycled number's new holder.
 */
import type { Channel } from '../domain/channel';
import type { Lang } from '../domain/lang';
import { memberKey } from '../phone/identity';
import { inviterNumber, linksOfBuddy, setBuddyStatus, type Buddy } from '../store/buddies';
import { invitationNumbers, numberInvitations } from '../store/buddy-numbers';
import { forgetDeclinesOf, recordDeclines } from '../store/buddy-declines';
import { forgetBuddy, removeBuddy, removeLinksOfBuddy } from '../store/buddy-erasure';
import { allClearsBackToSignal, unwatchAllClearsTo } from '../store/checkin-all-clears';
import { anyBuddyStop, buddyStopped, liftBuddyStop, recordBuddyStop, stopLinksOfBuddy } from '../store/buddy-stops';
import { isBlocked } from '../store/blocks';
import { memberDiscreet, memberLang, memberSender, personMemberIds } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { byPerson, listedNumber, picked, WHICH_LISTED } from './buddy-choice';
import { sendInvitation } from './buddy-commands';
import { catalog } from './catalog';
import { ending } from './clock-time';
import { say, type Asker, type Outcome, type Store } from './handler';

/**
 * Tells each member whose buddy this was, in the member's language. It comes
 * unasked, to her lock screen: `discreet` (asked on either of her channels)
 * asks for words that name no buddy, no check-in, nor the line.
 */
function tellMembers(store: Store, links: Buddy[], text: (t: ReturnType<typeof catalog>, b: Buddy, discreet: boolean) => string, now: number): void {
  for (const b of links) enqueueMessage(store.db, store.vault, b.memberId, text(catalog(memberLang(store.db, b.memberId)), b, memberDiscreet(store.db, b.memberId)), now);
}

/** The number the sender writes from (a Signal sender who hides it has none). */
function myNumber(who: Pick<Asker, 'sender'>): string | undefined {
  return who.sender.phone || undefined;
}

/**
 * Whether the sender writes over Signal hiding her number: invitations are
 * sent to numbers, so none can be told hers (her word for a number is no
 * proof: a stranger could claim any). "No one asked you on Signal" would be
 * untrue of someone asked at her number there.
 */
function numberHidden(who: Pick<Asker, 'sender'>): boolean {
  return who.sender.channel === 'signal' && !who.sender.phone;
}

/** Whether the line sends on the channel other than `via`: replies say to answer there only then. */
export function otherSends(sends: readonly Channel[], via: Channel): boolean {
  return sends.includes(via === 'sms' ? 'signal' : 'sms');
}

/** The answer to a hidden number's ACCEPT or DECLINE: "text it by SMS" only where the line sends SMS (`otherSends`: hidden is Signal's). */
function hiddenReply(who: Pick<Asker, 't'>, answer: 'accept' | 'decline', otherSends: boolean): string {
  return otherSends ? who.t.buddyNumberHidden(answer) : who.t.buddyNumberHiddenNoSms(answer);
}

/** The sender's links as a buddy that still open (one that does not must not block their answer). */
function myLinks(store: Pick<Store, 'db' | 'vault'>, phone: string | undefined): Buddy[] {
  return phone ? linksOfBuddy(store.db, store.vault, phone) : [];
}

/**
 * The invitations waiting for the sender's answer that went over the channel
 * they write from: an SMS from her number (spoofed, or a recycled number's
 * new holder's) must not answer one sent her over Signal, nor a Signal
 * account showing the number (perhaps its old holder's) one sent by SMS.
 * None while their STOP there stands: those were never sent.
 */
function invitedHere(store: Pick<Store, 'db' | 'vault'>, who: Pick<Asker, 'sender'>): Buddy[] {
  if (stoppedAsBuddy(store, who)) return [];
  return myLinks(store, myNumber(who)).filter((b) => b.status === 'invited' && b.channel === who.sender.channel);
}

/** Whether someone asked the sender, over the channel they write from, to be their buddy and they have not answered. */
export function askedToBeBuddy(store: Store, who: Asker): boolean {
  return invitedHere(store, who).length > 0;
}

/**
 * The language the newest invitation waiting for the sender over this channel went in (or they chose since),
 * else that of the newest link they accepted over it; undefined for someone who is no one's buddy there.
 */
export function buddyLang(store: Pick<Store, 'db' | 'vault'>, who: Pick<Asker, 'sender'>): Lang | undefined {
  const waiting = invitedHere(store, who).at(-1);
  if (waiting || numberHidden(who)) return waiting?.lang;
  return myLinks(store, myNumber(who)).filter((b) => b.status === 'accepted' && b.channel === who.sender.channel).at(-1)?.lang;
}

/**
 * The members whose accepted link to the sender goes over the channel they write from: those the sender's
 * DECLINE, STOP or DELETE there leaves without that buddy (read before it acts).
 */
export function acceptedHere(store: Store, who: Asker): number[] {
  if (numberHidden(who)) return [];
  return myLinks(store, myNumber(who))
    .filter((b) => b.status === 'accepted' && b.channel === who.sender.channel)
    .map((b) => b.memberId);
}

/**
 * ACCEPT [name]: the invitation waiting for the sender becomes a buddy link,
 * and its member is told. The words after ACCEPT, if any, are the name the
 * one who asked gave (BUDDY number name), or the number a list showed: one
 * person waiting is accepted by a bare ACCEPT or by her name, never by
 * other words ("ACCEPT Mike" while only a stranger's Rose waits); the reply
 * then names who waits. When several people asked, only the one she picks:
 * a stranger's invitation she ignored must not ride on her yes to a friend.
 * Picked by no one, the reply lists who asked, numbered. Only invitations
 * sent over the channel it comes from are answered (see invitedHere).
 */
export function accept(store: Store, who: Asker, name: string | undefined, now: number, otherSends: boolean): Outcome {
  const via = who.sender.channel;
  if (numberHidden(who)) return say(hiddenReply(who, 'accept', otherSends));
  const invited = invitedHere(store, who);
  if (invited.length === 0) {
    // Her link over the other channel is not named: the reply is the same whatever it holds.
    const accepted = !stoppedAsBuddy(store, who) && myLinks(store, myNumber(who)).some((b) => b.status === 'accepted' && b.channel === via);
    return say(accepted ? who.t.buddyAccepted() : who.t.buddyNoInviteHere(via, otherSends));
  }
  const people = byPerson(store.db, invited);
  // Invitations were found by her number: she has one.
  const phone = myNumber(who) as string;
  const listed = invitationNumbers(store.db, store.vault, phone);
  // One person waiting, and no list shown: a bare ACCEPT answers her. Once she was shown a list, her words
  // pick from what she read, which may have changed since (the one she named withdrew, and another is left).
  const alone = people.length === 1 && !invited.some((b) => listed.has(b.id));
  const chosen = alone && name === undefined ? people[0] : picked(listed, people, name);
  // Words that are not her name: say who waits, rather than accept a stranger for a friend she meant.
  if (!chosen && alone && listedNumber(name) === null) return say(who.t.buddyWaiting((people[0]?.[0] as Buddy).name));
  if (!chosen) {
    const shown = people.slice(0, WHICH_LISTED);
    numberInvitations(store.db, store.vault, phone, shown.map((links) => links.map((b) => b.id)), invited.map((b) => b.id));
    const names = shown.map((links) => (links[0] as Buddy).name);
    return say(who.t.buddyWhich(names, people.length - names.length));
  }
  // They answered in this language: escalations reach them in it, over the channel they were asked on (this one).
  for (const b of chosen) setBuddyStatus(store.db, b.id, 'accepted', { channel: via, lang: who.lang });
  tellMembers(store, chosen, (t, b, discreet) => (discreet ? t.discreetContactAccepted(ending(b.address)) : t.buddyAcceptedMember(ending(b.address))), now);
  return { say: who.t.buddyAccepted(), queued: true };
}

/**
 * DECLINE: the sender is nobody's buddy (invited or accepted) over the
 * channel it comes from any more, as DELETE acts: an SMS from her number
 * (spoofed, or a recycled number's) leaves what goes to her over Signal.
 * Each member is told, and one whose invitation it refused may not ask them there again for a while (store/buddy-declines.ts);
 * the reply names the other channel whatever it holds.
 */
export function decline(store: Store, who: Asker, now: number, otherSends: boolean): Outcome {
  const via = who.sender.channel;
  if (numberHidden(who)) return say(hiddenReply(who, 'decline', otherSends));
  const phone = myNumber(who);
  const links = myLinks(store, phone).filter((b) => b.status !== 'stopped' && b.channel === via);
  // By her number's row, so that a link that no longer opens goes too.
  if (phone && removeLinksOfBuddy(store.db, store.vault, phone, via) > 0) store.db.eraseSoon();
  if (links.length === 0) return say(who.t.buddyNotAskedHere(via, otherSends));
  // Only the members told: each learns no more from the refusal of a new BUDDY than she was told here.
  // Only invitations: an accepted buddy's DECLINE (an SMS may be spoofed) must not keep her from asking them again.
  const invitations = links.filter((b) => b.status === 'invited').map((b) => b.memberId);
  if (who.sender.phone) recordDeclines(store.db, store.vault, invitations, who.sender.phone, via, now);
  tellMembers(store, links, (t, b, discreet) => (discreet ? t.discreetContactDeclined(ending(b.address)) : t.buddyDeclinedMember(ending(b.address))), now);
  return { say: who.t.buddyDeclined(via), queued: true };
}

/**
 * STOP from a buddy: no buddy message goes to them again over the channel it
 * comes from (an SMS may be spoofed, or a recycled number's: her links over
 * the other stay), and no one may invite them there until they come back
 * (JOIN, START) or erase themselves (the stop is kept apart; each link stays,
 * stopped, until its member removes it or they erase themselves). Returns
 * whether members were told.
 */
export function buddyStop(store: Store, who: Asker, now: number): boolean {
  const { channel } = who.sender;
  // Whoever texts STOP is never asked to be a buddy there: the stop is kept apart from the links, which a member may erase.
  if (who.sender.phone) recordBuddyStop(store.db, store.vault, who.sender.phone, channel, now);
  // Her all-clears waiting by SMS go to her link over Signal now, as her escalations' SMS copies do (recordBuddyStop).
  const moved = channel === 'sms' && who.sender.phone ? allClearsBackToSignal(store.db, store.vault, who.sender.phone, now) : 0;
  const phone = myNumber(who);
  // Only a buddy who accepted: a number that never answered agreed to nothing, and its member learns nothing of it
  // (her invitation stays waiting, as for any number that does not answer).
  const links = myLinks(store, phone).filter((b) => b.status === 'accepted' && b.channel === channel);
  // By her number's row, so that a link that no longer opens is stopped too.
  if (phone) stopLinksOfBuddy(store.db, store.vault, phone, channel);
  // She is told they left, not also that her all-clear to them (its copy here now refused) reached no one.
  for (const b of links) unwatchAllClearsTo(store.db, store.vault, b.memberId, b.address);
  tellMembers(store, links, (t, b, discreet) => (discreet ? t.discreetContactStopped(ending(b.address)) : t.buddyStoppedMember(ending(b.address))), now);
  return links.length > 0 || moved > 0;
}

/**
 * DELETE from a buddy: every row naming them that goes over the channel it
 * comes from is erased, as DELETE acts for a membership (a DELETE by SMS may
 * be spoofed, or come from a recycled number's new holder: her links over
 * Signal stay); members of accepted links are told (an invitation leaves in
 * silence). Returns whether any were.
 */
export function forgetAsBuddy(store: Store, who: Asker, now: number): boolean {
  const phone = myNumber(who);
  const links = myLinks(store, phone).filter((b) => b.status === 'accepted' && b.channel === who.sender.channel);
  // Her stop over that channel goes too (a stop over the other stays, as her links there do). First: a stop
  // kept before 0016 is only her stopped links, which forgetBuddy erases, and it must be kept for the other channel.
  if (who.sender.phone) liftBuddyStop(store.db, store.vault, who.sender.phone, who.sender.channel);
  // She is told they left, not also that her all-clear to them (its copy here erased) reached no one.
  for (const b of links) unwatchAllClearsTo(store.db, store.vault, b.memberId, b.address);
  if (phone) forgetBuddy(store.db, store.vault, phone, who.sender.channel);
  // Her declines there go too, as her stop does: members may ask her again.
  if (who.sender.phone) forgetDeclinesOf(store.db, store.vault, who.sender.phone, who.sender.channel);
  tellMembers(store, links, (t, b, discreet) => (discreet ? t.discreetContactDeclined(ending(b.address)) : t.buddyDeclinedMember(ending(b.address))), now);
  return links.length > 0;
}

/**
 * JOIN or START from someone who had sent STOP as a buddy over the channel
 * it comes from: members may ask them again there, and the invitations made
 * over it while they had stopped are sent now. Returns whether any was.
 */
export function buddyBack(store: Store, who: Asker, now: number): boolean {
  // The blind index is a fair share of a JOIN's work: not computed on a line where no one has stopped.
  if (!who.sender.phone || !anyBuddyStop(store.db)) return false;
  if (!liftBuddyStop(store.db, store.vault, who.sender.phone, who.sender.channel)) return false;
  const invited = linksOfBuddy(store.db, store.vault, who.sender.phone).filter((b) => b.status === 'invited' && b.channel === who.sender.channel);
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

/** Whether the sender's STOP as a buddy over the channel they write from stands. */
function stoppedAsBuddy(store: Pick<Store, 'db' | 'vault'>, who: Pick<Asker, 'sender'>): boolean {
  return who.sender.phone !== undefined && buddyStopped(store.db, store.vault, who.sender.phone, who.sender.channel);
}
