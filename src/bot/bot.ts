/**
 * The bot as the rest of the code sees it: the line's rules and hooks put
 * together once. Inbound messages go through the steps of
 * inbound/handle-message.ts (the server reaches them through the inbound
 * path, which adds group commit and retries); the operator's console runs
 * the same handlers as a moderator's message does.
 */
import { memberKey, type Sender } from '../phone/identity';
import { InboundLog, senderLogKeys } from '../store/inbound-log';
import { memberIndex } from '../store/members';
import { SenderLimits } from '../store/sender-limits';
import { DEFAULT_DISCREET } from './discreet-commands';
import { handleMessage, type MessageDeps } from '../inbound/handle-message';
import { isTrustedModerator } from '../inbound/steps/identify-sender';
import type { Handled, Inbound, ReplyWay } from '../inbound/inbound';
import { catalog } from './catalog';
import { lineExamples, withExamples } from './line-examples';
import { MODERATOR_COMMANDS } from './commands';
import { DEFAULT_MAX_AREAS, type BotDeps } from './context';
import { DEFAULT_CHECKIN_RULES } from './line-rules';
import type { Asker } from './handler';
import { parse } from './parser';
import { applyOutcome, runCommand } from './run-command';

export type { Inbound };
/** What handling a message decided. */
export type BotResult = Handled;

/** Who the operator is at the command line: never a real address. */
const OPERATOR: Sender = { channel: 'sms', address: 'operator' };
const OPERATOR_USAGE = 'Commands: PENDING, APPROVE ref [NPA ...], REJECT ref, EDIT ref text, ALERT NPA ... text, BLOCK ref, SHOW ref, STATS, RETRACT ref';

export class Bot {
  /** What the steps of one message need; the inbound path shares it. */
  readonly message: MessageDeps;

  constructor(private readonly deps: BotDeps) {
    const { db, vault, regions, subscribeMode, retentionDays, limits, moderatorContacts, onQueued, onAlert } = deps;
    this.message = {
      db,
      vault,
      handled: new InboundLog(db, vault),
      limits: new SenderLimits(db),
      moderators: deps.moderators,
      moderatorTrusted: deps.moderatorTrusted,
      clocks: deps.clocks,
      rules: {
        regions,
        subscribeMode,
        maxAreas: deps.maxAreas ?? DEFAULT_MAX_AREAS,
        retentionDays,
        limits,
        moderatorContacts,
        sendChannels: deps.sendChannels ?? deps.checkins?.buddyChannels ?? ['sms', 'signal'],
        onQueued,
        onAlert,
        checkins: deps.checkins ?? DEFAULT_CHECKIN_RULES,
        discreet: deps.discreet ?? DEFAULT_DISCREET,
        onDisappearing: deps.onDisappearing,
        onRetract: deps.onRetract,
      },
    };
  }

  /** Whether a sender may use moderator commands. */
  isModerator(sender: Sender): boolean {
    return isTrustedModerator(this.deps.moderators, this.deps.moderatorTrusted, sender);
  }

  /**
   * Handles one message in a transaction of its own (the server batches
   * through the inbound path instead). `way` says how the reply leaves.
   */
  handle(msg: Inbound, way: ReplyWay = 'response'): BotResult {
    // A deadline this message writes is written by a clock its jobs have followed.
    this.message.clocks?.follow(this.deps.now());
    return this.deps.db.transaction(() => handleMessage(this.message, msg, way, this.deps.now()));
  }

  /**
   * Runs a moderator command typed by the operator at the command line
   * (`npm run admin`): no sender, no rate limits, English replies. `failed`
   * says the command did nothing (the reply says why).
   */
  operate(text: string): { reply: string; failed: boolean } {
    const parsed = parse(text, this.message.rules.regions.country);
    const moderatorCommand = parsed.ok ? MODERATOR_COMMANDS.has(parsed.command.kind) : parsed.command !== undefined && MODERATOR_COMMANDS.has(parsed.command);
    if (!moderatorCommand) return { reply: OPERATOR_USAGE, failed: true };
    const { db, vault } = this.deps;
    const key = memberKey(OPERATOR);
    const operator: Asker = {
      sender: OPERATOR,
      member: undefined,
      lang: 'en',
      t: withExamples(catalog('en'), lineExamples(this.message.rules.regions)),
      reporterKey: vault.index('reporter', key),
      senderKey: senderLogKeys(vault, key).current,
      limitKey: vault.index('sender', key),
      memberKey: memberIndex(vault, OPERATOR),
      operator: true,
    };
    return db.transaction(() => {
      const now = this.deps.now();
      const outcome = runCommand(this.message, this.message.rules, operator, true, parsed, now);
      applyOutcome(this.message, this.message.rules, null, outcome, now);
      return outcome.say === null ? { reply: OPERATOR_USAGE, failed: true } : { reply: outcome.say, failed: outcome.failed === true };
    });
  }
}
