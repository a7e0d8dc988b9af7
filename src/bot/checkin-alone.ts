/**
 * A running check-in that lost the last one who could be told (a buddy's
 * DECLINE, STOP or DELETE, or her own membership erased on one channel while
 * her check-in runs on the other): she is told at once, on the check-in's
 * channel, that it now reaches no one and how to add a buddy, not left to
 * learn it at the deadline, when no one is told.
 */
import type { Sender } from '../phone/identity';
import { memberBlocked } from '../store/blocks';
import { buddiesOf, personBuddies } from '../store/buddies';
import { runningCheckinMembers } from '../store/checkin-running';
import { personCheckins } from '../store/checkins';
import { memberDiscreet, memberLang, personMemberIds } from '../store/members';
import { reachableModerators } from '../store/moderator-identities';
import { takeModeratorsGone } from '../store/moderators-gone';
import { enqueueMessage } from '../store/outbox';
import { catalog, LANGS } from './catalog';
import type { LineExamples } from './line-examples';
import type { CheckinLine } from './checkin-commands';
import type { Store } from './handler';
import { fallbackModerators } from './moderator-checkins';

/**
 * Tells each of these members (whose people just lost an accepted buddy) whose check-in runs and now reaches
 * no buddy, nor the moderators by the fallback. Called once per loss, so once per check-in unless a buddy
 * accepted since and left too. Returns whether anything was queued.
 */
export function tellIfNoOneLeft(store: Store, line: Pick<CheckinLine, 'rules' | 'moderatorContacts' | 'examples'>, memberIds: readonly number[], now: number): boolean {
  const alone = leftAlone(store, line, memberIds);
  tellNoOneLeft(store, line, alone, now);
  return alone.length > 0;
}

/** The members (of their running check-ins, each once) among these people whose check-in reaches no buddy, nor the moderators. */
export function leftAlone(store: Store, line: Pick<CheckinLine, 'rules' | 'moderatorContacts'>, memberIds: readonly number[]): number[] {
  const { db, vault } = store;
  const seen = new Set<number>();
  const alone: number[] = [];
  for (const id of new Set(memberIds)) {
    for (const running of personCheckins(db, id).open) {
      if (seen.has(running.id)) continue;
      seen.add(running.id);
      if (personBuddies(db, vault, running.memberId).length > 0) continue;
      if (fallbackModerators({ db, vault, fallback: line.rules.fallback, moderatorContacts: line.moderatorContacts }, running.memberId).length > 0) continue;
      alone.push(running.memberId);
    }
  }
  return alone;
}

/**
 * leftAlone after her Signal account showed a new number, these memberships (hers until now) parted: only when
 * one of them had a buddy who accepted, which the change may have taken from her check-in. With none, it reached
 * no buddy before the change either, and she was told when that came about (a buddy's STOP, DECLINE or DELETE,
 * the moderators gone, her BLOCK): not told again for the same loss. Nothing kept: it holds across a restart.
 */
export function leftAloneByChange(store: Store, line: Pick<CheckinLine, 'rules' | 'moderatorContacts'>, memberIds: readonly number[]): number[] {
  const hadBuddy = memberIds.some((id) => buddiesOf(store.db, store.vault, id).some((b) => b.status === 'accepted'));
  return hadBuddy ? leftAlone(store, line, memberIds) : [];
}

/** Queues the notice to each of these members (leftAlone) that her check-in now reaches no one. */
export function tellNoOneLeft(store: Store, line: Pick<CheckinLine, 'examples'>, alone: readonly number[], now: number): void {
  const { db, vault } = store;
  for (const memberId of alone) {
    // In her language on the check-in's channel; it comes unasked, to her lock screen: plain if she chose DISCREET.
    const t = catalog(memberLang(db, memberId));
    enqueueMessage(db, vault, memberId, memberDiscreet(db, memberId) ? t.discreetNoOneLeft() : t.checkinNoOneLeft(line.examples), now);
  }
}

/** Whether a reply is CHECKIN's refusal for want of a buddy, in any language: the notice says as much (and more). */
export function isNeedsBuddy(reply: string, examples: LineExamples | undefined): boolean {
  return LANGS.some((lang) => reply === catalog(lang).checkinNeedsBuddy(examples));
}

/**
 * Her other memberships, when erasing this one (her DELETE acts on its own channel) takes accepted buddies with
 * it: a check-in she runs there loses them (read before the erasure).
 */
export function twinsLosingBuddies(store: Store, memberId: number): number[] {
  if (!buddiesOf(store.db, store.vault, memberId).some((b) => b.status === 'accepted')) return [];
  return personMemberIds(store.db, memberId).filter((id) => id !== memberId);
}

/**
 * CHECKIN_FALLBACK=moderators and none of them can be reached any more (a
 * Signal moderator's identity changed: nothing goes to the new phone): each
 * member whose running check-in had no buddy, and so relied on them, is told
 * at once that it now reaches no one, not left to learn it at the deadline.
 * Not one BLOCK silenced: hers already went to no moderator, and she was
 * told. Returns whether anything was queued.
 */
export function tellIfModeratorsGone(
  store: Pick<Store, 'db' | 'vault'>,
  line: { fallback: 'moderators' | 'none'; moderatorContacts: readonly Sender[]; examples?: LineExamples },
  now: number,
): boolean {
  const { db, vault } = store;
  if (line.fallback !== 'moderators' || line.moderatorContacts.length === 0 || reachableModerators(db, vault, line.moderatorContacts).length > 0) return false;
  let told = false;
  for (const memberId of runningCheckinMembers(db)) {
    if (personBuddies(db, vault, memberId).length > 0 || memberBlocked(db, vault, memberId)) continue;
    const t = catalog(memberLang(db, memberId));
    enqueueMessage(db, vault, memberId, memberDiscreet(db, memberId) ? t.discreetModeratorsGone() : t.checkinModeratorsGone(line.examples), now);
    told = true;
  }
  return told;
}

/**
 * tellIfModeratorsGone once a moderator's identity change marked it due (store/moderators-gone.ts): run by the
 * check-in timers, in their transaction, after the message that showed the change was handled (its sender,
 * should she run such a check-in, gets her reply first). Returns whether anything was queued.
 */
export function tellIfModeratorsGoneDue(
  store: Pick<Store, 'db' | 'vault'>,
  line: { fallback: 'moderators' | 'none'; moderatorContacts: readonly Sender[]; examples?: LineExamples },
  now: number,
): boolean {
  return takeModeratorsGone(store.db) && tellIfModeratorsGone(store, line, now);
}
