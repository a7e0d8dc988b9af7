/**
 * The bot: one inbound message in, at most one reply out. Everything a
 * message changes happens in one transaction together with the record of its
 * provider id, so a retried webhook is answered again but acted on once.
 * Messages that change nothing leave no record (they are safe to answer twice).
 */
import { memberKey, type Sender } from '../phone/identity';
import { isBlocked } from '../store/blocks';
import { InboundLog } from '../store/inbound-log';
import { findMember, linkSignalPhone, setMemberLang } from '../store/members';
import { takeLimit } from '../store/sender-limits';
import { catalog } from './catalog';
import { MODERATOR_COMMANDS, type Command, type Parsed } from './commands';
import type { BotDeps, Ctx } from './context';
import { areas, erase, join, leave, setLang, stop } from './member-commands';
import { runModeratorCommand } from './moderator-commands';
import { MessageLimiter } from './message-limiter';
import { parse } from './parser';
import { check, report } from './report-commands';

/** A message as a channel adapter hands it over. */
export interface Inbound {
  sender: Sender;
  text: string;
  /** The provider's id for this message (Twilio MessageSid, Signal timestamp), for de-duplication. */
  providerId?: string;
  /** The provider has answered this message itself (Twilio's STOP/START/HELP): act on it, reply nothing. */
  answered?: boolean;
}

/** What the bot decided: the reply (or none) and how the message was read. */
export interface BotResult {
  reply: string | null;
  parsed: Parsed;
  /** True when this provider id was already handled: the reply is the one given then. */
  duplicate: boolean;
  /** Why nothing was done, when the message was dropped. */
  dropped?: 'blocked' | 'rate_limited';
}

/** A parsed message; `result` is set when it needs no database work. */
export interface Reading {
  msg: Inbound;
  parsed: Parsed;
  result?: BotResult;
}

/** How one message of a batch ended. */
export type BatchOutcome = { ok: true; result: BotResult } | { ok: false; error: unknown };

const NOT_HANDLED: BatchOutcome = { ok: false, error: new Error('message not handled') };

/** Who the operator is at the command line: never a real address. */
const OPERATOR: Sender = { channel: 'sms', address: 'operator' };
const OPERATOR_USAGE = 'Commands: PENDING, APPROVE ref [NPA ...], REJECT ref, EDIT ref text, ALERT NPA ... text, BLOCK ref, SHOW ref, STATS';

/** Handles inbound messages for every channel. */
export class Bot {
  private readonly messages: MessageLimiter;
  private readonly handled: InboundLog;

  constructor(private readonly deps: BotDeps) {
    this.messages = new MessageLimiter(deps.limits.messages.max, deps.limits.messages.windowMs);
    this.handled = new InboundLog(deps.db, deps.vault);
  }

  /** Whether a sender may use moderator commands. */
  isModerator(sender: Sender): boolean {
    // Over Signal by UUID only: the number an envelope carries is the sender's word, not proof.
    return this.deps.moderators.has(sender.address);
  }

  /** Handles one message. Synchronous: the whole effect is one transaction. */
  handle(msg: Inbound): BotResult {
    const outcome = this.handleBatch([this.read(msg)])[0] as BatchOutcome;
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /**
   * Parses a message. The result is already there when the message needs
   * no database at all: a HELP the provider has answered asks nothing more
   * of us (no reply, no state to change).
   */
  read(msg: Inbound): Reading {
    const parsed = parse(msg.text);
    if (msg.answered && parsed.ok && parsed.command.kind === 'help') return { msg, parsed, result: { reply: null, parsed, duplicate: false } };
    return { msg, parsed };
  }

  /**
   * Handles messages in order, in one transaction: one commit for all of
   * them, which under load costs far less than one each. Each message runs
   * under its own savepoint, so one that fails is undone alone and reported
   * in its place. Two copies of one provider id must not share a batch (the
   * second would not see the first's record until the commit).
   */
  handleBatch(readings: Reading[]): BatchOutcome[] {
    const out: BatchOutcome[] = readings.map((r) => (r.result ? { ok: true, result: r.result } : NOT_HANDLED));
    const todo = readings.filter((r) => !r.result).length;
    if (todo === 0) return out;
    const { db } = this.deps;
    try {
      db.transaction(() => {
        readings.forEach((r, i) => {
          if (r.result) return;
          // A lone message needs no savepoint: if it fails, the whole transaction is undone anyway.
          if (todo === 1) {
            out[i] = { ok: true, result: this.handleInTransaction(r) };
            return;
          }
          try {
            out[i] = { ok: true, result: db.savepoint(() => this.handleInTransaction(r)) };
          } catch (error) {
            out[i] = { ok: false, error };
          }
        });
      });
    } catch (error) {
      // Nothing of this transaction was kept: no message in it was handled.
      readings.forEach((r, i) => {
        if (!r.result) out[i] = { ok: false, error };
      });
    }
    return out;
  }

  private handleInTransaction({ msg, parsed }: Reading): BotResult {
    const { db } = this.deps;
    const now = this.deps.now();
    const dedupeKey = msg.providerId ? this.handled.key(msg.sender.channel, msg.providerId) : undefined;
    if (dedupeKey) {
      const before = this.handled.previousReply(dedupeKey, now);
      if (before !== undefined) return { reply: before, parsed, duplicate: true };
    }
    const changesBefore = db.totalChanges();
    const acted = this.act(msg.sender, parsed, now);
    const result = msg.answered ? { ...acted, reply: null } : acted;
    // Only a message that changed something needs remembering: one that only
    // read (HELP, AREAS, …) is simply answered again when the provider retries.
    if (dedupeKey && db.totalChanges() !== changesBefore) {
      // Stored under the sender's rate-limit index so that DELETE can erase the reply;
      // DELETE's own record carries no link to the sender it just erased.
      const erased = parsed.ok && parsed.command.kind === 'delete';
      const senderKey = erased ? null : this.deps.vault.index('sender', memberKey(msg.sender));
      this.handled.remember(dedupeKey, result.reply, now, senderKey);
    }
    return result;
  }

  private act(sender: Sender, parsed: Parsed, now: number): BotResult {
    const { db, vault } = this.deps;
    const key = memberKey(sender);
    const reporterKey = vault.index('reporter', key);
    const senderKey = vault.index('sender', key);
    const member = findMember(db, vault, sender);
    if (member && sender.channel === 'signal' && sender.phone) linkSignalPhone(db, vault, member.id, sender.phone);
    const lang = parsed.lang ?? member?.lang ?? 'en';
    if (member && parsed.lang && member.lang !== parsed.lang) {
      setMemberLang(db, member.id, parsed.lang);
      member.lang = parsed.lang;
    }
    const ctx: Ctx = { deps: this.deps, sender, member, lang, t: catalog(lang), now, reporterKey, senderKey };
    const isStop = parsed.ok && parsed.command.kind === 'stop';
    // Opting out always works, even for a blocked or rate-limited sender.
    if (isBlocked(db, reporterKey)) {
      if (isStop) stop(ctx);
      // Erasure too: DELETE erases everything but the block itself (which keys nothing else), and says so.
      if (parsed.ok && parsed.command.kind === 'delete') {
        const reply = erase(ctx);
        return { reply: this.messages.take(senderKey.toString('base64'), now) ? reply : null, parsed, duplicate: false, dropped: 'blocked' };
      }
      return { reply: null, parsed, duplicate: false, dropped: 'blocked' };
    }
    // Moderators are not rate limited: a busy night means many PENDING and APPROVE messages.
    const limited = !isStop && !this.isModerator(sender);
    if (limited && !this.messages.take(senderKey.toString('base64'), now)) {
      return { reply: null, parsed, duplicate: false, dropped: 'rate_limited' };
    }
    return { reply: this.reply(ctx, parsed), parsed, duplicate: false };
  }

  /**
   * Runs a moderator command typed by the operator at the command line
   * (`npm run admin`): no sender, no rate limits, English replies.
   */
  operate(text: string): string {
    const parsed = parse(text);
    const { db, vault } = this.deps;
    return db.transaction(() => {
      const key = memberKey(OPERATOR);
      const ctx: Ctx = {
        deps: this.deps,
        sender: OPERATOR,
        member: undefined,
        lang: 'en',
        t: catalog('en'),
        now: this.deps.now(),
        reporterKey: vault.index('reporter', key),
        senderKey: vault.index('sender', key),
      };
      const moderatorCommand = parsed.ok ? MODERATOR_COMMANDS.has(parsed.command.kind) : parsed.command !== undefined && MODERATOR_COMMANDS.has(parsed.command);
      if (!moderatorCommand) return OPERATOR_USAGE;
      return (parsed.ok ? runModeratorCommand(ctx, parsed.command) : this.parseErrorReply(ctx, parsed)) ?? OPERATOR_USAGE;
    });
  }

  private hint(ctx: Ctx): string | null {
    const { max, windowMs } = this.deps.limits.hints;
    return takeLimit(this.deps.db, ctx.senderKey, 'hint', max, windowMs, ctx.now) ? ctx.t.hint() : null;
  }

  private parseErrorReply(ctx: Ctx, parsed: Extract<Parsed, { ok: false }>): string | null {
    switch (parsed.error) {
      case 'missing_area':
        return parsed.command === 'alert' ? ctx.t.modNeedsArea() : ctx.t.leaveNeedsArea();
      case 'missing_text':
        return parsed.command === 'report' ? ctx.t.reportNeedsText() : ctx.t.modNeedsText();
      case 'missing_number':
        return ctx.t.checkNeedsNumber();
      case 'missing_ref':
      case 'bad_ref':
        return ctx.t.modNeedsRef();
      case 'bad_lang':
        return ctx.t.badLang();
      default:
        return this.hint(ctx);
    }
  }

  private reply(ctx: Ctx, parsed: Parsed): string | null {
    const moderator = this.isModerator(ctx.sender);
    if (!parsed.ok) {
      const forModerators = parsed.command !== undefined && MODERATOR_COMMANDS.has(parsed.command);
      if (forModerators && !moderator) return this.hint(ctx);
      return this.parseErrorReply(ctx, parsed);
    }
    const command: Command = parsed.command;
    if (MODERATOR_COMMANDS.has(command.kind)) return moderator ? runModeratorCommand(ctx, command) : this.hint(ctx);
    switch (command.kind) {
      case 'join':
        return join(ctx, command.areas);
      case 'leave':
        return leave(ctx, command.areas);
      case 'stop':
        return stop(ctx);
      case 'help':
        return ctx.t.help();
      case 'areas':
        return areas(ctx);
      case 'delete':
        return erase(ctx);
      case 'lang':
        return setLang(ctx, command.lang);
      case 'report':
        return report(ctx, command.areas, command.text);
      case 'check':
        return check(ctx, command.query);
      default:
        return this.hint(ctx);
    }
  }
}
