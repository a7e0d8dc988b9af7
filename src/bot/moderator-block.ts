/** BLOCK of a reference: a report's sender, an applicant, or a missed check-in's sender (moderator-checkins); their pending reports discarded. */
import { memberKey, type Sender } from '../phone/identity';
import { blockIdentity, blockSender } from '../store/blocks';
import { decidedRequest, findRequest, requestOf } from '../store/member-requests';
import { memberSender, memberStatus, personMemberIds } from '../store/members';
import { withdrawAlertsOutside } from '../store/outbox';
import { decideReport, pendingReportsOf, reportExists, reportersOf } from '../store/reports';
import { unsubscribeAll } from '../store/subscriptions';
import { failed, say, type Outcome, type Store } from './handler';
import { blockCheckinSender } from './moderator-checkins';
import type { Moderator } from './moderator-commands';
import { eraseNotices, refuse } from './moderator-decisions';

export function block(store: Store, mod: Moderator, ref: string, now: number, moderators: readonly Sender[] = []): Outcome {
  const { db, vault } = store;
  const request = findRequest(db, ref);
  if (request) {
    // Someone a moderator will not let in (a harvester, a known abuser): refused, and their JOINs dropped from now
    // on, over SMS and over Signal alike when one number links the two (their twin membership is theirs too).
    for (const memberId of personMemberIds(db, request.memberId)) {
      const applicant = memberSender(db, vault, memberId);
      if (applicant) blockIdentity(db, vault, memberKey(applicant), now);
      // A member asking for one more area loses those they hold too: alerts are what such a person is after.
      if (memberStatus(db, memberId) !== 'pending') {
        unsubscribeAll(db, memberId);
        withdrawAlertsOutside(db, memberId, now);
      }
      // The twin's own request goes too: approved, it would send alerts to a blocked person.
      const twinRequest = memberId === request.memberId ? undefined : requestOf(db, memberId);
      if (twinRequest) refuse(store, twinRequest, now);
    }
    // Her reports go before the refusal erases the waiting membership, and her link to them with it (with those
    // a Signal account showing her number sent: it is blocked above, as her twin).
    const applicant = memberSender(db, vault, request.memberId);
    const keys = applicant ? [vault.index('reporter', memberKey(applicant))] : [];
    const discarded = discardPending(store, keys, now, moderators);
    refuse(store, request, now);
    return blocked(mod, ref, discarded);
  }
  // A report sent over Signal showing a number also carries that number's index over SMS: both are blocked.
  const reporters = reportersOf(db, vault, ref);
  if (reporters.length === 0 && !reportExists(db, ref)) {
    if (decidedRequest(db, ref, now)) return failed(mod.t.modAlreadyDecided(`#${ref}`));
    const blockedSender = blockCheckinSender(store, ref, now);
    if (blockedSender === undefined) return failed(mod.t.modNoSuchRef(`#${ref}`));
    // Her reports still pending go as a report's sender's do: those filed from this membership, and by SMS from the number she showed.
    const sender = memberSender(db, vault, blockedSender.memberId);
    const keys = [sender ? memberKey(sender) : null, blockedSender.phone].flatMap((k) => (k === null ? [] : [vault.index('reporter', k)]));
    return blocked(mod, ref, discardPending(store, keys, now, moderators));
  }
  if (reporters.length === 0) return failed(mod.t.modSenderErased(`#${ref}`));
  // A moderator's report (she relays callers'): the block would never silence her, nor discard hers. Not
  // written either: taken out of MODERATORS later, she would be silenced by it.
  if (reporters.some((key) => moderatorKeys(vault, moderators).some((mine) => mine.equals(key)))) return failed(mod.t.modBlockedModerator(`#${ref}`));
  for (const reporter of reporters) blockSender(db, reporter, now);
  return blocked(mod, ref, discardPending(store, reporters, now, moderators));
}

/** The moderators' reporter indexes. */
function moderatorKeys(vault: Store['vault'], moderators: readonly Sender[]): Buffer[] {
  return moderators.map((m) => vault.index('reporter', memberKey(m)));
}

function blocked(mod: Moderator, ref: string, discarded: number): Outcome {
  return say(discarded > 0 ? mod.t.modBlockedDiscarded(`#${ref}`, discarded) : mod.t.modBlocked(`#${ref}`));
}

/**
 * The blocked sender's reports still pending (filed under one of `keys`: as
 * their sender, or over Signal showing that number, which the block silences
 * too: the two halves agree, as the moderator is told the sender is blocked)
 * go as REJECT's do, counted: in a flood, PENDING (oldest first) could never reach a
 * real report behind a blocked troll's, and one of hers approved later would
 * broadcast a blocked sender's words. An SMS may be spoofed: a number blocked
 * by a spoofed report loses its Signal reports as it is silenced there.
 * Not a moderator's: the block never silences her, and her other reports may be real ones she relays.
 */
function discardPending(store: Store, keys: readonly Buffer[], now: number, moderators: readonly Sender[]): number {
  const { db, vault } = store;
  const theirs = moderatorKeys(vault, moderators);
  const ofModerator = theirs.some((mine) => keys.some((key) => key.equals(mine)));
  let discarded = 0;
  for (const id of ofModerator ? [] : pendingReportsOf(db, keys, theirs)) {
    if (!decideReport(db, id, 'rejected', now)) continue;
    eraseNotices(store, id, now);
    discarded += 1;
  }
  return discarded;
}
