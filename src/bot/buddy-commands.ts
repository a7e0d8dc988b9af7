/**
 * Safety buddies, with consent (issue 13): BUDDY number name asks someone;
 * they become a buddy only by answering ACCEPT, and DECLINE or STOP ends it
 * at any time (buddy-answers.ts: what the one asked sends). A buddy learns
 * the name the member gave, never their number.
 */
import type { Channel } from '../domain/channel';
import type { Lang } from '../domain/lang';
import { toE164, type CountryCode } from '../phone/numbers';
import { personBuddyLinks, inviteBuddy, unreadableBuddiesOf, type Buddy } from '../store/buddies';
import { buddyStopped } from '../store/buddy-stops';
import { declinedBy, DECLINE_KEPT_DAYS } from '../store/buddy-declines';
import { linkBuddyMessage, removeBuddy } from '../store/buddy-erasure';
import { numberDiscreet, personMemberIds } from '../store/members';
import { enqueueReply } from '../store/outbox';
import { catalog, type Catalog } from './catalog';
import { ending } from './clock-time';
import type { Command } from './commands';
import { say, type Asker, type Outcome, type Store } from './handler';
import type { CheckinRules } from './line-rules';
import { smsSegments } from './sms-segments';
import { memberOf, type NewMemberRules } from './member-commands';
import { admitted, personOf } from './person';

/** Most buddies one member may have. */
export const MAX_BUDDIES = 3;
/** Invitations one sender may send a day: BUDDY must not become a way to text strangers. */
export const INVITES_PER_DAY = 6;
/** That limit, a day from midnight where the line is (store/sender-limits.ts); an invitation that reached no one is given back (invitation-unreached.ts). */
export const INVITE_LIMIT = { max: INVITES_PER_DAY, windowMs: 86_400_000 };

type BuddyCommand = Extract<Command, { kind: 'buddy' }>;

/** BUDDY number name, BUDDY OFF [number], BUDDY (the list); a national number is read as `country` (DEFAULT_COUNTRY) writes it. */
export function buddy(store: Store, who: Asker, rules: CheckinRules, newMember: NewMemberRules, command: BuddyCommand, country: CountryCode, now: number): Outcome {
  switch (command.action) {
    case 'list': {
      // Hers on either channel, found as her check-ins are (one phone, one person).
      const person = personOf(store, who);
      const mine = person !== undefined ? oneEach(personBuddyLinks(store.db, store.vault, person)) : [];
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
  if (!admitted(store, who, newMember, now)) return say(who.t.membersOnly());
  const channel = asked ?? rules.buddyChannels[0];
  if (!address || !channel || !rules.buddyChannels.includes(channel)) return say(who.t.buddyUsage());
  if (who.sender.phone === address) return say(who.t.buddyOwnNumber());
  // Hers on either channel: the same number asked twice, or a fourth buddy, from the channel she has no membership on yet too.
  const person = personOf(store, who);
  const mine = person !== undefined ? oneEach(personBuddyLinks(db, vault, person)) : [];
  if (mine.some((b) => b.address === address)) return say(who.t.buddyAlreadyAsked(ending(address)));
  // They said no to her (she was told): she may not ask them there again for a while, however often she tries.
  if (person !== undefined && declinedBy(db, vault, personMemberIds(db, person), address, channel, now)) return say(who.t.buddyDeclinedBefore(ending(address), DECLINE_KEPT_DAYS));
  if (mine.filter((b) => b.status !== 'stopped').length >= MAX_BUDDIES) return say(who.t.buddyLimit(MAX_BUDDIES));
  // Before the day's count: a name refused texts no one.
  if (!nameOnly(name)) return say(who.t.buddyNameRefused());
  if (!store.limits.take(who.limitKey, 'buddy_invite', INVITE_LIMIT, now)) return say(who.t.buddyInvitesToday(INVITES_PER_DAY));
  const member = memberOf(store, who, newMember, now);
  // A link to this number that no longer opens (she cannot see it) must not refuse the invitation: it is replaced.
  const unreadable = unreadableBuddiesOf(db, vault, member.id, address);
  for (const id of unreadable) removeBuddy(db, vault, id);
  if (unreadable.length) db.eraseSoon();
  // Over Signal, her number as it shows: a BLOCK for a report she sends by SMS is on it (buddyBack).
  inviteBuddy(db, vault, member.id, { channel, address }, name, who.lang, now, who.sender.channel === 'signal' ? who.sender.phone : undefined);
  // A number that told the line to stop is not texted: the invitation waits for them to come back
  // (buddyBack). The member is answered as for any number, so that BUDDY cannot tell anyone who once
  // used the line.
  const stopped = buddyStopped(db, vault, address, channel);
  if (!stopped) sendInvitation(store, member.id, { channel, address }, name, who.lang, now);
  return { say: who.t.buddyAsked(ending(address)), queued: !stopped };
}

// A dot between letters or digits, marks around it aside ("evil.co", "evil(.)co", "bit.ly"), but a single letter
// before it is an initial ("J.Lo", "A.B."): one-letter domains are the big companies' own, and a path after one
// ("t.co/x") is still a link; the web's words; an @. "Dr.Ana" is refused as "bit.ly" is: she is told to write "Dr. Ana".
const LINK = /(?:[\p{L}\p{N}]{2}|\p{N})[^\s\p{L}\p{N}]*[.\u3002\uFF61][^\s\p{L}\p{N}]*[\p{L}\p{N}]|[.\u3002\uFF61][^\s\p{L}\p{N}]*[\p{L}\p{N}]+\/|www|https?|\/\/|@/iu;
/** Most digits a name may hold ("Lil Kim 007"): more may be a number the stranger would read as the line's (a phone number has 7 or more). */
const MAX_NAME_DIGITS = 3;

/**
 * Whether BUDDY's name is a name: it goes to a stranger from the line's own number, so one holding a link, an
 * @ or a number ("Pay fine: evil.co/p 18005550199") would let anyone text anyone their words, and links get the
 * line's number filtered by carriers. Letters of any script, marks and emoji pass. Read as the phone shows it
 * (fullwidth "ｅｖｉｌ．ｃｏ" is evil.co), without the joiners the name keeps between letters ("e\u200Dvil.com").
 */
function nameOnly(name: string): boolean {
  const shown = name.normalize('NFKC').replace(/[\u200C\u200D]/gu, '');
  return !LINK.test(shown) && (shown.match(/\p{Nd}/gu) ?? []).length <= MAX_NAME_DIGITS;
}

/** Asks a buddy, in the member's language (their own answer sets theirs); the message is the member's to erase. */
export function sendInvitation(store: Store, memberId: number, to: { channel: Channel; address: string }, name: string, lang: Lang, now: number): void {
  // A discreet member's number (on either channel: one phone) reads it on her lock screen: plain words.
  const discreet = numberDiscreet(store.db, store.vault, to.address);
  linkBuddyMessage(store.db, enqueueReply(store.db, store.vault, to, invitation(catalog(lang), name, to.channel, discreet), now), memberId);
}

/**
 * The invitation, at most two SMS segments where it can be: a letter GSM-7
 * lacks in her name (Conceição, Inês, María) made the whole text UCS-2,
 * four segments arriving in pieces; by SMS the name then goes without its
 * accents. Over Signal, or a name of another script, as she wrote it.
 */
function invitation(t: Catalog, name: string, channel: Channel, discreet: boolean): string {
  const words = (n: string) => (discreet ? t.discreetBuddyInvite(n) : t.buddyInvite(n));
  const text = words(name);
  if (channel !== 'sms' || smsSegments(text) <= 2) return text;
  const plain = words(name.normalize('NFKD').replace(/\p{M}/gu, ''));
  return smsSegments(plain) <= 2 ? plain : text;
}

/** BUDDY OFF: removes every buddy, or the one with that number; an accepted buddy is told. */
function buddyOff(store: Store, who: Asker, number: string | undefined, country: CountryCode, now: number): Outcome {
  const { db, vault } = store;
  // Hers on either channel (one phone, one person), as a check-in on either would tell them: found as her
  // check-ins are, even before she has a membership on the channel she writes from.
  const person = personOf(store, who);
  if (person === undefined) return say(number === undefined ? who.t.buddyNone() : who.t.buddiesRemoved(0));
  const target = number === undefined ? undefined : toE164(number, country);
  if (number !== undefined && !target) return say(who.t.buddyUsage());
  const removed = personBuddyLinks(db, vault, person).filter((b) => target === undefined || b.address === target);
  let erased = 0;
  // A row that no longer opens is one of "every buddy" (or of that number's links) too; no one can be told of it.
  for (const memberId of personMemberIds(db, person)) {
    for (const id of unreadableBuddiesOf(db, vault, memberId, target ?? undefined)) erased += removeBuddy(db, vault, id);
  }
  for (const b of removed) erased += removeBuddy(db, vault, b.id);
  // A buddy asked on both memberships is told once.
  const told = oneEach(removed);
  for (const b of told.filter((x) => x.status === 'accepted')) {
    // A discreet member's number (on either channel: one phone) reads it on her lock screen: plain words.
    const t = catalog(b.lang);
    const text = numberDiscreet(db, vault, b.address) ? t.discreetBuddyDropped(b.name) : t.buddyDropped(b.name);
    linkBuddyMessage(db, enqueueReply(db, vault, { channel: b.channel, address: b.address }, text, now), b.memberId);
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
