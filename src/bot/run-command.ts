/**
 * From a parsed command to its handler: which handler runs, with which of
 * the line's rules. Members and moderators over any channel reach it through
 * the dispatch step; the operator's console calls it directly.
 */
import { endConversation, saveConversation } from '../store/conversations';
import { takeLimit } from '../store/sender-limits';
import { MODERATOR_COMMANDS, type Parsed } from './commands';
import { DEFAULT_NOTICE_LIMIT } from './context';
import { say, type Asker, type Outcome, type Store } from './handler';
import type { LineRules } from './line-rules';
import { areas, erase, join, leave, setLang, stop } from './member-commands';
import { runModeratorCommand } from './moderator-commands';
import { notifyModerators } from './notify';
import { check, report, type ReportRules } from './report-commands';

/** What REPORT and the guided report apply of the line's rules. */
export function reportRules(rules: LineRules): ReportRules {
  return { limit: rules.limits.reports, maxAreas: rules.maxAreas, regions: rules.regions, retentionDays: rules.retentionDays };
}

/** "Text HELP", at most once per sender per window, so that auto-replies cannot loop. */
function hint(store: Store, rules: LineRules, who: Asker, now: number): Outcome {
  const { max, windowMs } = rules.limits.hints;
  return say(takeLimit(store.db, who.senderKey, 'hint', max, windowMs, now) ? who.t.hint() : null);
}

/** What a message that is not a usable command is told. */
function parseError(store: Store, rules: LineRules, who: Asker, parsed: Extract<Parsed, { ok: false }>, now: number): Outcome {
  switch (parsed.error) {
    case 'missing_area':
      return say(parsed.command === 'alert' ? who.t.modNeedsArea() : who.t.leaveNeedsArea());
    case 'missing_text':
      return say(parsed.command === 'report' ? who.t.reportNeedsText() : who.t.modNeedsText());
    case 'missing_number':
      return say(who.t.checkNeedsNumber());
    case 'missing_ref':
    case 'bad_ref':
      return say(who.t.modNeedsRef());
    case 'bad_lang':
      return say(who.t.badLang());
    default:
      return hint(store, rules, who, now);
  }
}

/** Runs the handler of a parsed message for someone who may (`moderator`) or may not use moderator commands. */
export function runCommand(store: Store, rules: LineRules, who: Asker, moderator: boolean, parsed: Parsed, now: number): Outcome {
  if (!parsed.ok) {
    const forModerators = parsed.command !== undefined && MODERATOR_COMMANDS.has(parsed.command);
    if (forModerators && !moderator) return hint(store, rules, who, now);
    return parseError(store, rules, who, parsed, now);
  }
  const { command } = parsed;
  if (MODERATOR_COMMANDS.has(command.kind)) {
    if (!moderator) return hint(store, rules, who, now);
    return runModeratorCommand(store, who, rules, command, now) ?? hint(store, rules, who, now);
  }
  switch (command.kind) {
    case 'join':
      return join(store, who, rules, command.areas, now);
    case 'leave':
      return leave(store, who, rules.regions, command.areas);
    case 'stop':
      return stop(store, who);
    case 'help':
      return say(who.t.help());
    case 'areas':
      return areas(store, who);
    case 'delete':
      return erase(store, who);
    case 'lang':
      return setLang(store, who, rules.subscribeMode, command.lang, now);
    case 'report':
      return report(store, who, reportRules(rules), command.areas, command.text, now);
    case 'check':
      return check(store, who, { limit: rules.limits.checks, retentionDays: rules.retentionDays }, command.query, now);
    default:
      return hint(store, rules, who, now);
  }
}

/**
 * Does what a handler asked besides its own writes: notices to the
 * moderators, the conversation kept or ended, and, once the transaction has
 * committed, waking the dispatcher and the fan-out planner.
 */
export function applyOutcome(store: Store, rules: LineRules, who: Pick<Asker, 'memberKey'> | null, outcome: Outcome, now: number): void {
  const { db, vault } = store;
  let queued = outcome.queued === true;
  if (outcome.notify) queued = notifyModerators(store, rules.moderatorContacts, rules.limits.notices ?? DEFAULT_NOTICE_LIMIT, outcome.notify, now) || queued;
  const { converse } = outcome;
  if (who && converse !== undefined) {
    if (converse === 'end') endConversation(db, who.memberKey);
    else saveConversation(db, vault, who.memberKey, converse, now);
  }
  if (queued) db.onCommit(rules.onQueued);
  for (const id of outcome.alerts ?? []) db.onCommit(() => rules.onAlert(id));
  const { onRetract } = rules;
  if (outcome.retracted && onRetract) db.onCommit(onRetract);
}
