/**
 * What a member's own words take back from the outbox before it is sent:
 * DELETE (messages addressed to her numbers), LEAVE and STOP (alert copies
 * for areas she left), READ (copies a discreet member read), and a Signal moderator's
 * changed identity (notices not sent to an unchecked phone).
 */
import { NOT_CONNECTED, SHUTTING_DOWN } from '../channels/types';
import type { Channel } from '../domain/channel';
import type { Db } from './db';
import { PRIORITY, readableRowAddress, type AddressedRow } from './outbox-rows';
import { forgetUnreadOf } from './unread-alerts';
import type { Vault } from './vault';

/**
 * Erases the messages still waiting to go to one of `addresses` directly
 * (rows with no member: replies to a stranger, a buddy's invitation or
 * escalation): their DELETE. Only such rows keep an address: unfinished
 * ones (all urgent, so the lane index bounds the look to the urgent
 * backlog) and SMS sent but not yet final (see recordOutcomes), which
 * would be sent again on "undelivered". With `channel`, only those going
 * over it: a DELETE by SMS from a number leaves what goes to it over Signal
 * (an SMS may be spoofed, or a recycled number's new holder's), and the
 * reverse. A check-in escalation goes by its buddy link's channel, not its
 * lane: the SMS copy of a Signal link's escalation is that link's, left to
 * forgetBuddy. Returns how many.
 */
export function eraseWaitingTo(db: Db, vault: Vault, addresses: readonly string[], channel?: Channel): number {
  const wanted = new Set(addresses);
  const waiting = db.stmt(
    "SELECT id, address_ct, key_version FROM outbox INDEXED BY outbox_lane WHERE channel = ? AND priority = ? AND state = 'pending' AND address_ct IS NOT NULL",
  );
  const sent = db.stmt(
    "SELECT id, address_ct, key_version FROM outbox INDEXED BY outbox_sent_addressed WHERE state = 'sent' AND address_ct IS NOT NULL AND channel IN (SELECT value FROM json_each(?))",
  );
  const lanes: Channel[] = channel ? [channel] : ['sms', 'signal'];
  const rows = [...lanes.flatMap((lane) => waiting.all(lane, PRIORITY.urgent) as AddressedRow[]), ...(sent.all(JSON.stringify(lanes)) as AddressedRow[])];
  const otherLink = db.stmt("SELECT 1 FROM checkin_messages c JOIN buddies b ON b.id = c.buddy_id WHERE c.outbox_id = ? AND c.kind = 'escalation' AND b.channel <> ?");
  const erase = db.stmt('DELETE FROM outbox WHERE id = ?');
  let erased = 0;
  for (const row of rows) {
    const to = readableRowAddress(vault, row);
    if (to === undefined || !wanted.has(to)) continue;
    if (channel && otherLink.get(row.id, channel) !== undefined) continue;
    erased += erase.run(row.id).changes;
  }
  return erased;
}

/**
 * A Signal moderator's identity changed: the messages still waiting for
 * them (report notices, digests, escalations, replies) are not sent to the
 * new, unchecked phone; they fail as 'moderator_identity_changed'. Alert
 * copies stay, as for any member; a send in flight is left to its answer.
 * Returns how many.
 */
export function withdrawFromChangedModerator(db: Db, memberId: number, now: number): number {
  return db
    .stmt(
      `UPDATE outbox SET state = 'failed', error = 'moderator_identity_changed', lease_until = 0, address_ct = NULL, body_ct = NULL, updated_at = @now
       WHERE member_id = @member AND channel = 'signal' AND state = 'pending' AND alert_id IS NULL AND lease_until <= @now`,
    )
    .run({ now, member: memberId }).changes;
}

/**
 * A row of `outbox` that is a copy of an alert reaching none of the areas its
 * member holds now (she left them: LEAVE, STOP, a moderator's refusal). One
 * waiting is withdrawn at once; one in flight, or sent and reported
 * undelivered, when its try comes back to be sent again (cancelIfWithdrawn,
 * releaseLeases): the same rule, so a JOIN back in time keeps it.
 */
export const OUTSIDE_HER_AREAS = `outbox.alert_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM alerts a JOIN subscriptions s ON s.member_id = outbox.member_id
  WHERE a.id = outbox.alert_id AND instr(',' || a.reach || ',', ',' || s.npa || ',') > 0)`;

/**
 * Why a copy in flight when she left its areas failed, its try's answer
 * unknown (a time-out, a 5xx, a restart): the provider may have taken it.
 * Like 'retracted', it keeps its try, so Twilio's "delivered" still finds it,
 * and a RETRACT corrects it over Signal, which reports no delivery.
 */
export const LEFT_MAYBE_SENT = 'left_area_maybe_sent';

/**
 * Why a copy of a retracted alert failed when a try of it may have reached
 * the provider (TRY_UNANSWERED, or the try in flight came back a time-out
 * or a 5xx): not an unsent copy; RETRACT corrects her, on either channel.
 */
export const RETRACTED_MAYBE_SENT = 'retracted_maybe_sent';

/**
 * An outbox row with a try that did not end in the provider's id: more
 * tries than sends taken, 429s aside (a hold takes its try back). A
 * time-out, a 5xx or a restart may have been delivered all the same. The
 * row does not keep how each try failed, so one surely not taken (a refused
 * connection) counts alike once it is behind: a correction too many costs
 * one line, one too few leaves a withdrawn alert standing.
 */
export const TRY_UNANSWERED = 'attempts - throttles > sends';

/** An alert copy waiting for a member: its alert, and when it was planned. */
export interface WaitingCopy {
  alertId: number;
  plannedAt: number;
}

/**
 * A member left areas (LEAVE), or all of them (STOP, `error` then saying
 * so): copies of alerts waiting for her that reach none of the areas she
 * still holds are not sent (she was told she gets no alerts there now), and
 * a discreet member's READ no longer shows them (a notice sent before, or
 * tried without an answer, stays readable: it may have told her to). A copy
 * in flight is left to its answer, and withdrawn if it comes back to be sent
 * again (cancelIfWithdrawn). One waiting after a try with no answer (a
 * time-out, a restart's released lease; its last try's refused connection
 * aside) may be on her phone: LEAVE fails it as LEFT_MAYBE_SENT, as in
 * flight, so a RETRACT corrects her there. STOP's (`error` given) can send
 * her nothing more there: her other membership takes it, maybe twice rather
 * than never.
 * Returns the copies withdrawn that her other membership may take instead
 * (planTwinFallback).
 */
export function withdrawAlertsOutside(db: Db, memberId: number, now: number, error = 'left_area'): WaitingCopy[] {
  const maybeSent = `attempts - throttles - (coalesce(error, '') IN (${NOT_TAKEN.map((e) => `'${e}'`).join(', ')})) > sends`;
  const withdrawn = db
    .stmt(
      `UPDATE outbox SET state = 'failed', lease_until = 0, address_ct = NULL, provider_id = NULL, updated_at = @now,
         error = CASE WHEN @error = 'left_area' AND ${maybeSent} THEN '${LEFT_MAYBE_SENT}' ELSE @error END
       WHERE member_id = @member AND state = 'pending' AND lease_until <= @now AND ${OUTSIDE_HER_AREAS}
       RETURNING alert_id AS alertId, created_at AS plannedAt, ${maybeSent} AS maybeSent, error`,
    )
    .all({ now, member: memberId, error }) as Array<WaitingCopy & { maybeSent: 0 | 1; error: string }>;
  // A copy tried without an answer (a time-out) may be on her phone saying READ: it stays readable.
  forgetUnreadOf(db, memberId, withdrawn.filter((c) => c.maybeSent === 0).map((c) => c.alertId));
  return withdrawn.filter((c) => c.error !== LEFT_MAYBE_SENT).map(({ alertId, plannedAt }) => ({ alertId, plannedAt }));
}

/**
 * How a waiting row's last try failed when it surely never reached the
 * provider (SendError.neverReached: no connection made; the database, before
 * the send): that try is not one she may have had. Not a stop's refusal
 * (SHUTTING_DOWN): held, its try was given back already.
 */
const NOT_TAKEN = [...NOT_CONNECTED]
  .filter((code) => code !== SHUTTING_DOWN)
  .map((code) => `connection:${code}`)
  .concat('database');

/** The alert copies waiting for a member, none in flight. */
export function waitingAlertCopies(db: Db, memberId: number, now: number): WaitingCopy[] {
  return db
    .stmt("SELECT alert_id AS alertId, created_at AS plannedAt FROM outbox WHERE member_id = ? AND state = 'pending' AND alert_id IS NOT NULL AND lease_until <= ?")
    .all(memberId, now) as WaitingCopy[];
}

/**
 * A discreet member read these alerts with READ: her copies of them count as
 * delivered (a RETRACT then sends her its correction), and a notice of them
 * still to go is moot: one waiting, one whose try is at the provider (it
 * goes once; should it come back for a retry, it is not sent again), and an
 * SMS sent whose "undelivered" would send it again. A notice sent over
 * Signal, or in flight there, is marked to be corrected, not deleted, should
 * the alert be retracted: a deletion would take the notice but not the READ
 * answer that holds the alert in full (nor is its timestamp kept now).
 * They are marked settled without a callback (outbox.polled); doctor counts
 * only those Twilio took (sends > 0), not a copy never sent.
 */
export function copiesRead(db: Db, memberId: number, alertIds: readonly number[], now: number): void {
  const gone = db.stmt(
    "UPDATE outbox SET retraction = 'correct' WHERE member_id = @member AND alert_id = @alert AND channel = 'signal' AND (state = 'sent' OR (state = 'pending' AND lease_until > @now))",
  );
  const mark = db.stmt(
    // Final now: the id of a try waiting for its retry goes (Twilio maps it to her number); a send's late answer finds no pending row.
    // polled: settled without a status callback (doctor-reports.ts), or her READs would hide that callbacks are lost.
    "UPDATE outbox SET state = 'delivered', provider_id = NULL, lease_until = 0, polled = 1, updated_at = @now WHERE member_id = @member AND alert_id = @alert AND state IN ('pending', 'sent', 'failed')",
  );
  for (const alert of alertIds) {
    gone.run({ now, member: memberId, alert });
    mark.run({ now, member: memberId, alert });
  }
}
