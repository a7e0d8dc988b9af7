/** Commands any sender can use about their own membership: JOIN, LEAVE, STOP, AREAS, DELETE, LANG. */
import type { Regions } from '../alerts/regions';
import type { SubscribeMode } from '../config/env';
import type { Lang } from '../domain/lang';
import { memberKey, numberKey, type Sender } from '../phone/identity';
import { endConversation } from '../store/conversations';
import { eraseCheckinsOf } from '../store/checkins';
import { endRunningCheckin } from '../store/checkin-stop';
import { eraseBuddyLinksOf, eraseBuddyMessagesOf } from '../store/buddy-erasure';
import { forgetSenderReplies, senderLogKeys } from '../store/inbound-log';
import { dropSenderItems } from '../store/inbound-retry';
import { forgetReporter } from '../store/reports';
import { choosePersonLang } from '../store/person-lang';
import { deleteMember, insertMember, memberIndex, setMemberStatus, type MemberRow } from '../store/members';
import { closeRequestOf, requestedAreas, requestJoin, withdrawFromRequest } from '../store/member-requests';
import { planTwinFallback } from '../store/alerts';
import { eraseWaitingTo, waitingAlertCopies, withdrawAlertsOutside } from '../store/outbox';
import { listAreas, subscribe, unsubscribe, unsubscribeAll } from '../store/subscriptions';
import { forgetUnreadOf } from '../store/unread-alerts';
import { catalog } from './catalog';
import { joinAreaQuestion, resolvePolitely } from './dialogues';
import { signalTimer, type DiscreetRules } from './discreet-commands';
import { say, type Asker, type Outcome, type Store } from './handler';
import { unknownArea, whichArea } from './unknown-area';
import { dropDigestsIfNothingWaits } from './notify';
import { waitingAreas } from './waiting-catalog';

/** An applicant's join requests announced to the moderators: one a day per number. */
const JOIN_NOTICES = { max: 1, windowMs: 86_400_000 };

/** What JOIN applies: the line's areas, its subscribe mode, MAX_AREAS and whether new members are discreet. */
export interface JoinRules extends NewMemberRules {
  regions: Regions;
  maxAreas: number;
}

/** How a new member's row starts: pending under approval; discreet under DISCREET_DEFAULT=on. */
export interface NewMemberRules {
  subscribeMode: SubscribeMode;
  discreet?: DiscreetRules;
}

// Re-exported for the commands that import them from here.
export { unknownArea, whichArea } from './unknown-area';

/** The asker's member row, created if needed (pending under SUBSCRIBE_MODE=approval). */
export function memberOf(store: Store, who: Asker, rules: NewMemberRules, now: number): MemberRow {
  if (who.member) return who.member;
  const status = rules.subscribeMode === 'approval' ? 'pending' : 'active';
  // The sender was looked up when the message came in, and had no row.
  who.member = insertMember(store.db, store.vault, who.sender, who.lang, now, status, rules.discreet?.byDefault === true, who.memberKey);
  return who.member;
}

/** A new member who starts discreet over Signal gets the conversation's disappearing timer too. */
function withTimer(outcome: Outcome, who: Asker, rules: NewMemberRules, created: boolean): Outcome {
  if (!created || !rules.discreet?.byDefault) return outcome;
  const disappearing = signalTimer(who, rules.discreet, true);
  return disappearing === undefined ? outcome : { ...outcome, disappearing };
}

/**
 * JOIN: subscribes to the areas given, else to the sender's own. A sender
 * whose number names no area (hidden, or outside North America) is asked
 * which one, and their answer comes back here as the areas; so is one who
 * named none of a line's listed areas ("JOIN Londn"), told to reply with one.
 */
export function join(store: Store, who: Asker, rules: JoinRules, tokens: string[], now: number): Outcome {
  const { db } = store;
  let npas: string[];
  if (tokens.length === 0) {
    const own = who.sender.phone ? rules.regions.areaOf(who.sender.phone) : null;
    if (!own) return { say: whichArea(who.t, rules.regions), converse: joinAreaQuestion(who.lang, now) };
    npas = [own];
  } else {
    // "JOIN 415 please": courtesy words around North American codes only, which capitals cannot blur (JOIN's
    // words come upper-cased: "JOIN ok man" would read as the code MAN).
    const resolved = resolvePolitely(rules.regions, tokens, (t) => /^\d{3}$/.test(t) && rules.regions.writtenAsCode(t));
    if (!resolved.ok) {
      const told = unknownArea(who.t, rules.regions, resolved.bad);
      // "Reply with one of LDN, MAN…": the join question waits for that reply, as for a number with no area.
      return rules.regions.listed() ? { say: told, converse: joinAreaQuestion(who.lang, now) } : say(told);
    }
    npas = resolved.npas;
  }
  const { maxAreas } = rules;
  // The example LEAVE names one of hers: "LEAVE 415" from one without 415 would be told she left it.
  if (npas.length > maxAreas) return say(who.t.tooManyAreas(maxAreas, who.member ? allAreasOf(db, who.member.id) : []));
  const created = !who.member;
  const member = memberOf(store, who, rules, now);
  const approval = rules.subscribeMode === 'approval';
  if (member.status === 'stopped' || member.status === 'invalid') {
    // Copies the lane skipped while she was stopped would go now: the carrier's STOP (21610) left them
    // queued, and so does a retry of a send in flight at her STOP. She holds no area yet. (Invalid here:
    // its areas dropped, marked before migration 0045 or 14 days past its mark; one marked lately
    // is active again before this runs: store/invalid-streak.ts.)
    withdrawWaitingAlerts(db, member.id, now);
    member.status = approval ? 'pending' : 'active';
    setMemberStatus(db, member.id, member.status);
  }
  // Left waiting while the line was under approval: an open line lets them in as anyone, their request moot.
  if (member.status === 'pending' && !approval) {
    member.status = 'active';
    setMemberStatus(db, member.id, 'active');
    closeRequestOf(db, member.id, now);
  }
  // A row created just now holds no areas yet.
  const held = created ? [] : listAreas(db, member.id);
  const adding = npas.filter((npa) => !held.includes(npa));
  if (held.length + adding.length > maxAreas) return say(who.t.tooManyAreas(maxAreas, allAreasOf(db, member.id)));
  // Under approval, every new area waits for a moderator, after admission as before it.
  if (member.status === 'pending' || (approval && adding.length > 0)) {
    const request = requestJoin(db, member.id, adding, now, maxAreas - held.length);
    if (!request) return say(who.t.tooManyAreas(maxAreas, allAreasOf(db, member.id)));
    const pending = withTimer(say(who.t.joinPending(request.npas)), who, rules, created);
    // A request notifies once, however often the applicant repeats JOIN. An applicant's number has a notice of
    // its own once a day, however often it closes a request (STOP, DELETE) and asks again: the others are
    // counted into the moderators' digest ("2 more join requests waiting"), so none goes untold.
    // (A member a moderator admitted is told of at once: she can be blocked, and DELETE makes her an applicant.)
    if (!request.created) return pending;
    const own = member.status !== 'pending' || store.limits.take(who.limitKey, 'join_notice', JOIN_NOTICES, now);
    return {
      ...pending,
      notify: { subject: { kind: 'join', requestId: request.id }, text: (t) => t.modJoinRequest(`#${request.ref}`, request.npas), digestOnly: !own },
    };
  }
  subscribe(db, member.id, adding, now);
  // What listAreas would now read: the areas held and those just added, in its order.
  return withTimer(say(who.t.joined([...held, ...adding].sort())), who, rules, created);
}

/**
 * Withdraws every alert copy waiting for a member who holds no area now
 * (STOP, or back after one by JOIN or CHECKIN): she was told she gets no more. Over Signal,
 * her SMS membership gets those its areas cover, as after LEAVE. Her unread
 * alerts go too, notices sent included: a READ after JOIN would show what
 * she stopped (or a recycled number's new holder, what its owner was sent).
 */
export function withdrawWaitingAlerts(db: Store['db'], memberId: number, now: number): void {
  for (const copy of withdrawAlertsOutside(db, memberId, now, 'recipient_stopped')) planTwinFallback(db, memberId, copy.alertId, now, copy.plannedAt);
  forgetUnreadOf(db, memberId);
}

/**
 * LEAVE: unsubscribes from the areas named, and only those; the reply says what still reaches her.
 * `all` ("LEAVE ALL"): every area she has or still asks for; she stays a member (STOP is for everything).
 */
export function leave(store: Store, who: Asker, regions: Regions, tokens: string[], now: number, all = false): Outcome {
  if (!who.member) return say(who.t.notMember());
  const hers = allAreasOf(store.db, who.member.id);
  const resolved = all ? { ok: true as const, npas: hers } : namedToLeave(regions, tokens, hers);
  if (!resolved.ok) return say(unknownArea(who.t, regions, resolved.bad, 'leave', hers));
  // An applicant naming an area she neither asked for nor holds is told her request still waits, not that she left it.
  const waiting = waitingAreas(store.db, who.member);
  if (waiting.length > 0 && !resolved.npas.some((npa) => waiting.includes(npa))) return say(who.t.requestWaiting(waiting));
  // With none to leave, what AREAS says: she has none, and how to get alerts.
  if (resolved.npas.length === 0) return say(who.t.areas([]));
  const remaining = unsubscribe(store.db, who.member.id, resolved.npas);
  // Under approval, areas still waiting for a moderator are left too: APPROVE admits her to the others only.
  if (withdrawFromRequest(store.db, who.member.id, resolved.npas, now)) dropDigestsIfNothingWaits(store.db);
  // She is told she gets no alerts there now: copies still waiting for her go too. Over Signal, her
  // SMS membership gets those its areas still cover (the planner had sent them here instead).
  for (const copy of withdrawAlertsOutside(store.db, who.member.id, now)) planTwinFallback(store.db, who.member.id, copy.alertId, now, copy.plannedAt);
  // An area named whose alerts still reach an area she keeps (LEAVE 415, keeping 628: one region) is not
  // "left": she is told through which, and how to stop them, rather than lose more than she named.
  const covered = resolved.npas.filter((npa) => regions.expand([npa]).some((area) => remaining.includes(area)));
  if (covered.length > 0) {
    const through = remaining.filter((area) => regions.expand(covered).includes(area));
    return say(who.t.leftCovered(resolved.npas.filter((npa) => !covered.includes(npa)), covered, through));
  }
  return say(who.t.left(resolved.npas, remaining));
}

/** The areas LEAVE names: one she holds is hers to leave, whatever the line calls it now (JOIN once took 500). */
function namedToLeave(regions: Regions, tokens: string[], held: string[]): ReturnType<Regions['resolve']> {
  const resolved = regions.resolve(tokens);
  const hers = tokens.filter((token) => held.includes(token));
  if (resolved.ok || hers.length === 0) return resolved;
  const others = tokens.filter((token) => !held.includes(token));
  const rest = others.length > 0 ? regions.resolve(others) : { ok: true as const, npas: [] };
  return rest.ok ? { ok: true, npas: [...new Set([...rest.npas, ...hers])].sort() } : resolved;
}

/** Her areas and those her join request still asks for, sorted, each once. */
function allAreasOf(db: Store['db'], memberId: number): string[] {
  return [...new Set([...listAreas(db, memberId), ...requestedAreas(db, memberId)])].sort();
}

/**
 * STOP: unsubscribes from everything, ends any open question and a running
 * check-in, and drops their messages parked after a failure: tried again
 * after the STOP, a parked JOIN would subscribe them again. It acts on the
 * channel it comes from only: a number is not proof enough to act on the other
 * channel's member (an SMS STOP may be spoofed, or sent by the new holder of a
 * recycled number her Signal account still shows).
 */
export function stop(store: Store, who: Asker, now: number, moderator = false): Outcome {
  const { db } = store;
  const via = who.sender.channel;
  // A Signal moderator stays sendable (MODERATORS makes her one, no carrier stops Signal): her notices go on.
  const keepsNotices = moderator && via === 'signal';
  // Under the log's index, and the one messages parked before migration 0030 carry (see senderLogKeys).
  for (const key of senderLogKeys(store.vault, memberKey(who.sender)).all) dropSenderItems(db, key);
  if (who.member) {
    unsubscribeAll(db, who.member.id);
    // Or a JOIN elsewhere would send her the alerts of the areas she stopped.
    withdrawWaitingAlerts(db, who.member.id, now);
    closeRequestOf(db, who.member.id, now); // moderators are not told of a request that is gone
    dropDigestsIfNothingWaits(db);
    if (!keepsNotices) setMemberStatus(db, who.member.id, 'stopped');
    // Nothing more goes out about them: a running check-in would tell their buddies they are missing (an escalated one stays, so that an OK after START still tells the buddies who heard).
    if (endRunningCheckin(db, who.member.id)) {
      // Said where the reply reaches them (Signal; over SMS the carrier answers STOP itself).
      return { say: who.t.stopped(via, true, keepsNotices), converse: 'end' };
    }
  }
  return { say: who.t.stopped(via, false, keepsNotices), converse: 'end' };
}

export function areas(store: Store, who: Asker): Outcome {
  if (!who.member) return say(who.t.notMember());
  const waiting = waitingAreas(store.db, who.member);
  return say(waiting.length > 0 ? who.t.requestWaiting(waiting) : who.t.areas(listAreas(store.db, who.member.id)));
}

/**
 * DELETE: erases everything keyed to the sender: their member row (with its
 * subscriptions, join request and queued messages), the link to their
 * reports, the messages waiting to go to them without a member row, their
 * rate-limit counters older than a day (those of the last day stay until
 * then, or DELETE would reset the limits), the replies stored for their retried webhooks, their
 * parked messages and their open conversation, and their
 * check-ins with every message that carried their details (their buddy
 * links go with the member row). A block stays (it keys nothing else). The
 * WAL is truncated after the commit, so no copy stays there.
 */
export function erase(store: Store, who: Asker, now: number): Outcome {
  const { db } = store;
  if (who.member) {
    // Check-ins (issue 13): their messages are addressed to buddies, not to the member row, so they go first.
    eraseCheckinsOf(db, who.member.id);
    eraseBuddyMessagesOf(db, who.member.id);
    eraseBuddyLinksOf(db, store.vault, who.member.id);
    // Over Signal, her SMS membership stays: the alerts the planner sent here instead go to it.
    for (const copy of waitingAlertCopies(db, who.member.id, now)) planTwinFallback(db, who.member.id, copy.alertId, now, copy.plannedAt);
    closeRequestOf(db, who.member.id, now);
    deleteMember(db, who.member.id);
    dropDigestsIfNothingWaits(db);
  }
  eraseSenderTraces(store, who.sender, now);
  db.eraseSoon();
  who.member = undefined;
  // A membership of the same number on the other channel stays (a number is not proof enough to erase it);
  // the reply always says to send DELETE there too, never whether one is held (it may be a stranger's since).
  return say(who.t.deleted(who.sender.channel));
}

/**
 * What is keyed to a sender besides their member row: the link to their
 * reports, messages waiting to go to them, their rate-limit counters older than a day, the
 * replies stored for their webhooks, their parked messages and their open
 * conversation. DELETE erases it, and so does a moderator's refusal of an
 * applicant (REJECT, BLOCK), though not the link to her reports still
 * pending (`refused`): the refusal is of her membership, and a moderator who
 * finds them to be doxxing must still be able to BLOCK her by one, and so
 * discard the others. The caller truncates the WAL.
 */
export function eraseSenderTraces(store: Store, sender: Sender, now: number, refused = false): void {
  const { db, vault } = store;
  const key = memberKey(sender);
  forgetReporter(db, vault, vault.index('reporter', key), refused);
  // Messages waiting to go to them with no member row (a stranger's replies, a buddy's invitation): by
  // their address, and by their number (how buddies are reached), over this channel only, as DELETE acts.
  const { address, phone } = sender;
  eraseWaitingTo(db, vault, phone ? [address, phone] : [address], sender.channel);
  // Counted under their number's index when it shows (the same over SMS and Signal): see identify-sender.ts.
  store.limits.forget(vault.index('sender', numberKey(sender)), now);
  const logKeys = senderLogKeys(vault, key).all;
  forgetSenderReplies(db, vault, logKeys);
  for (const logKey of logKeys) dropSenderItems(db, logKey);
  endConversation(db, vault, memberIndex(vault, sender));
}

export function setLang(store: Store, who: Asker, rules: NewMemberRules, lang: Lang, now: number): Outcome {
  const created = !who.member;
  const member = memberOf(store, who, rules, now);
  choosePersonLang(store.db, store.vault, member.id, who.sender, lang);
  member.lang = lang;
  return withTimer(say(catalog(lang).langSet()), who, rules, created);
}
