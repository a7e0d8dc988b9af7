/**
 * From a parsed command to its handler: which handler runs, with which of
 * the line's rules. Members and moderators over any channel reach it through
 * the dispatch step; the operator's console calls it directly.
 */
import { endConversation, saveConversation } from '../store/conversations';
import type { Limit } from '../store/sender-limits';
import { LANGS } from './catalog';
import { check } from './check-command';
import { MODERATOR_COMMANDS, type Parsed } from './commands';
import { DEFAULT_NOTICE_LIMIT } from './context';
import { say, type Asker, type Outcome, type Store } from './handler';
import type { LineRules } from './line-rules';
import { lineExamples } from './line-examples';
import { areas, erase, join, leave, setLang, stop } from './member-commands';
import { runModeratorCommand } from './moderator-commands';
import { notifyModerators } from './notify';
import { report, type ReportRules } from './report-commands';
// Check-ins (issue 13)
import { accept, acceptedHere, askedToBeBuddy, buddyBack, buddyStop, decline, forgetAsBuddy, otherSends } from './buddy-answers';
import { tellIfNoOneLeft, twinsLosingBuddies } from './checkin-alone';
import { buddy } from './buddy-commands';
import { checkin, endOrLater, hasCheckinOf, later, laterFloor, ok, stillRuns, type CheckinLine } from './checkin-commands';
import { checkinExample, laterExample } from './checkin-examples';
import { read, setDiscreet } from './discreet-commands';

/** The plain yes of each language but English (whose YES is also Twilio's START): an answer to a buddy invitation only. */
const PLAIN_YES: ReadonlySet<string> = new Set(['SI', 'OUI', 'SIM']);

/** The check-in words that are also everyday words for "safe". */
const SAFE_WORDS: ReadonlySet<string> = new Set(['SAFE', 'SEGURA', 'SEGURO']);

/** What REPORT and the guided report apply of the line's rules. */
export function reportRules(rules: LineRules): ReportRules {
  return { limit: rules.limits.reports, maxAreas: rules.maxAreas, regions: rules.regions, retentionDays: rules.retentionDays, country: rules.regions.country };
}

/** At most one "your check-in still runs" per sender in 5 minutes: an auto-reply answered each time is a paid loop. */
const STILL_RUNS: Limit = { max: 1, windowMs: 5 * 60_000 };

/**
 * That her check-in still runs and OK ends it (silence would have her buddies told she is missing when she meant
 * she is safe: "I'm safe"), at most once in 5 minutes; null when there is none to tell (see stillRuns) or she was
 * told lately.
 */
function stillRunsOnce(store: Store, rules: LineRules, who: Asker, now: number): string | null {
  const running = who.operator ? null : stillRuns(store, who, now, rules.checkins);
  return running !== null && store.limits.take(who.limitKey, 'still_runs', STILL_RUNS, now) ? running : null;
}

/**
 * "Text HELP" (or another hint), at most once per sender per window, so that auto-replies cannot loop; while her
 * check-in runs, that it still runs instead, at most once in 5 minutes.
 */
export function hint(store: Store, rules: LineRules, who: Asker, now: number, text: string = plainHint(store, who)): Outcome {
  const running = stillRunsOnce(store, rules, who, now);
  if (running !== null) return say(running);
  return say(store.limits.take(who.limitKey, 'hint', rules.limits.hints, now) ? text : null);
}

/** Someone with no membership whose invitation to be a buddy waits here is told how to answer it, not to text HELP. */
function plainHint(store: Store, who: Asker): string {
  return !who.member && askedToBeBuddy(store, who) ? who.t.buddyAnswerHint() : who.t.hint();
}

/**
 * A moderator's typos are answered each time a person could make them: the bound only ends a loop with an
 * auto-reply, which no message limit would (moderators have none).
 */
const MODERATOR_HINTS: Limit = { max: 20, windowMs: 3_600_000 };

/** A moderator's typo hint (or `text`: her photo's "only text reaches the line"), counted apart from the members' hint. */
export function moderatorHint(store: Store, who: Asker, now: number, text: string = who.t.modHint()): Outcome {
  return say(store.limits.take(who.limitKey, 'moderator_hint', MODERATOR_HINTS, now) ? text : null);
}

/** What a message that is not a usable command is told. */
function parseError(store: Store, rules: LineRules, who: Asker, moderator: boolean, parsed: Extract<Parsed, { ok: false }>, now: number): Outcome {
  switch (parsed.error) {
    case 'missing_area':
      return say(parsed.command === 'alert' ? who.t.modNeedsArea() : who.t.leaveNeedsArea());
    case 'missing_text':
      if (parsed.command === 'report') return say(who.t.reportNeedsText());
      return say(parsed.command === 'edit' ? who.t.modEditNeedsText() : who.t.modNeedsText());
    case 'missing_number':
      return say(who.t.checkNeedsNumber());
    case 'missing_ref':
    case 'bad_ref':
      return say(who.t.modNeedsRef((parsed.command ?? 'approve').toUpperCase()));
    case 'one_ref':
      return say(who.t.modOneRef((parsed.command ?? '').toUpperCase()));
    case 'bad_lang':
      return say(who.t.badLang(LANGS.map((l) => l.toUpperCase())));
    // Check-ins (issue 13)
    case 'bad_number':
    case 'missing_name':
      return say(who.t.buddyUsage());
    case 'missing_minutes': {
      // "Safe now", "segura ya" while her check-in runs: she means she is, but only OK ends it (a false OK is
      // the worse mistake); told it still runs, not how to start one (told lately, the hint's bound applies).
      // With a number ("SAFE 11 at night", "SEGURA 11h30 hotel") she meant a new one: how to write it, or she
      // believes it set.
      const safeAlone = parsed.command === 'checkin' && SAFE_WORDS.has(parsed.keyword ?? '') && parsed.digitsAfter !== true;
      if (safeAlone && stillRuns(store, who, now) !== null) return hint(store, rules, who, now);
      if (parsed.command === 'later') return say(who.t.laterUsage(rules.checkins.maxMinutes, laterFloor(rules.checkins), laterExample(rules.checkins, now)));
      return say(checkinUsage(who, rules));
    }
    case 'unknown': {
      // A moderator's typo ("APROVE K7Q2") is answered each time, with her commands: a report she believes
      // approved may be waiting. Her own check-in first: "I'm safe" is no typo.
      if (!moderator) return hint(store, rules, who, now);
      const running = stillRunsOnce(store, rules, who, now);
      return running !== null ? say(running) : moderatorHint(store, who, now);
    }
    default:
      return hint(store, rules, who, now);
  }
}

function checkinUsage(who: Asker, rules: LineRules): string {
  return who.t.checkinUsage(Math.round(rules.checkins.minMinutes * 100) / 100, rules.checkins.maxMinutes);
}

/** What the check-in handlers take of the line's rules (issue 13). */
export function checkinLine(rules: LineRules): CheckinLine {
  return { rules: rules.checkins, moderatorContacts: rules.moderatorContacts, subscribeMode: rules.subscribeMode, discreet: rules.discreet, examples: lineExamples(rules.regions) };
}

/** Runs the handler of a parsed message for someone who may (`moderator`) or may not use moderator commands. */
export function runCommand(store: Store, rules: LineRules, who: Asker, moderator: boolean, parsed: Parsed, now: number): Outcome {
  if (!parsed.ok) {
    const forModerators = parsed.command !== undefined && MODERATOR_COMMANDS.has(parsed.command);
    if (forModerators && !moderator) return hint(store, rules, who, now);
    return parseError(store, rules, who, moderator, parsed, now);
  }
  const { command } = parsed;
  if (MODERATOR_COMMANDS.has(command.kind)) {
    if (!moderator) return hint(store, rules, who, now);
    return runModeratorCommand(store, who, rules, command, now) ?? hint(store, rules, who, now);
  }
  switch (command.kind) {
    case 'join':
      // Check-ins (issue 13): "Yes" is how people answer "be my buddy? Reply ACCEPT or DECLINE"; it subscribed them to alerts instead.
      // Twilio answers YES with its opt-in text, which says nothing of being a buddy nor of DECLINE: ours goes too.
      if (parsed.keyword === 'YES' && parsed.exactKeyword && askedToBeBuddy(store, who)) return { ...accept(store, who, undefined, now, otherSends(rules.sendChannels, who.sender.channel)), beyondCarrier: true };
      // A buddy who sent STOP and comes back may be asked again; invitations made meanwhile go now.
      if (buddyBack(store, who, now)) return { ...join(store, who, rules, command.areas, now), queued: true };
      return join(store, who, rules, command.areas, now);
    case 'leave':
      return leave(store, who, rules.regions, command.areas, now, command.all === true);
    case 'stop':
      return stopAll(store, rules, who, now, moderator);
    case 'help':
      return say(moderator ? who.t.modHelp() : who.t.help(undefined, checkinExample(rules.checkins)));
    case 'areas':
      return areas(store, who);
    case 'delete': {
      // A buddy's DELETE erases every buddy link to them too (issue 13), and her membership's own links go with it:
      // a check-in running on her other channel may reach no one now.
      const losing = [...acceptedHere(store, who), ...(who.member ? twinsLosingBuddies(store, who.member.id) : [])];
      const told = forgetAsBuddy(store, who, now);
      const erased = erase(store, who, now);
      const alone = tellIfNoOneLeft(store, checkinLine(rules), losing, now);
      return told || alone ? { ...erased, queued: true } : erased;
    }
    case 'lang':
      return setLang(store, who, rules, command.lang, now);
    case 'report':
      return report(store, who, reportRules(rules), command.areas, command.text, now, command.colonEnded === true);
    case 'discreet':
      return setDiscreet(store, who, rules.discreet, command.wants, now);
    case 'read':
      return read(store, who, now);
    case 'check':
      return check(store, who, { limit: rules.limits.checks, retentionDays: rules.retentionDays, country: rules.regions.country }, command.query, now);
    // Check-ins (issue 13)
    case 'buddy':
      return buddy(store, who, rules.checkins, rules, command, rules.regions.country, now);
    case 'accept':
      // "Sí", "Oui", "Sim" alone answer an invitation, as YES does; from anyone not asked they are no command.
      if (PLAIN_YES.has(parsed.keyword) && !(parsed.exactKeyword && askedToBeBuddy(store, who))) return hint(store, rules, who, now);
      return accept(store, who, command.name, now, otherSends(rules.sendChannels, who.sender.channel));
    case 'decline': {
      const losing = acceptedHere(store, who);
      const declined = decline(store, who, now, otherSends(rules.sendChannels, who.sender.channel));
      return tellIfNoOneLeft(store, checkinLine(rules), losing, now) ? { ...declined, queued: true } : declined;
    }
    case 'checkin':
      return checkin(store, who, checkinLine(rules), command.minutes, command.details, now);
    case 'later':
      return later(store, who, checkinLine(rules), command.minutes, now);
    case 'ok':
      // "Safe" (SEGURA) alone says she is while her check-in runs (on either channel, as OK finds it); with none, it asks how to start one.
      if (command.startWord && !hasCheckinOf(store, who)) return say(checkinUsage(who, rules));
      // "STOP my check-in" with none running: STOP, which means nothing else.
      if (command.stopWord && !hasCheckinOf(store, who)) return stopAll(store, rules, who, now, moderator);
      // "END CHECK IN 30": OK or LATER 30? Asked while it runs, nothing changed.
      if (command.minutes !== undefined) return endOrLater(store, who, now, rules.checkins) ?? ok(store, who, checkinLine(rules), now, true);
      return ok(store, who, checkinLine(rules), now, command.cancels === true);
    default:
      return hint(store, rules, who, now);
  }
}

function stopAll(store: Store, rules: LineRules, who: Asker, now: number, moderator: boolean): Outcome {
  // A buddy's STOP also ends every buddy link to them (issue 13).
  const losing = acceptedHere(store, who);
  const stopped = stop(store, who, now, moderator);
  const told = buddyStop(store, who, now);
  return tellIfNoOneLeft(store, checkinLine(rules), losing, now) || told ? { ...stopped, queued: true } : stopped;
}

/**
 * Does what a handler asked besides its own writes: notices to the
 * moderators, the conversation kept or ended, and, once the transaction has
 * committed, waking the dispatcher and the fan-out planner.
 */
export function applyOutcome(store: Store, rules: LineRules, who: Pick<Asker, 'memberKey' | 'sender'> | null, outcome: Outcome, now: number): void {
  const { db, vault } = store;
  let queued = outcome.queued === true;
  if (outcome.notify) queued = notifyModerators(store, rules.moderatorContacts, rules.limits.notices ?? DEFAULT_NOTICE_LIMIT, outcome.notify, now) || queued;
  const { converse } = outcome;
  if (who && converse !== undefined) {
    if (converse === 'end') {
      endConversation(db, vault, who.memberKey);
      // Its sealed answers (a dropped report's draft) must not stay in old WAL frames either.
      db.eraseSoon();
    } else saveConversation(db, vault, who.memberKey, converse, now);
  }
  if (queued) db.onCommit(rules.onQueued);
  for (const id of outcome.alerts ?? []) db.onCommit(() => rules.onAlert(id));
  const { disappearing } = outcome;
  const { onDisappearing } = rules;
  if (who && disappearing !== undefined && onDisappearing && who.sender.channel === 'signal') {
    const { address } = who.sender;
    db.onCommit(() => onDisappearing(address, disappearing));
  }
  const { onRetract } = rules;
  if (outcome.retracted && onRetract) db.onCommit(onRetract);
}
