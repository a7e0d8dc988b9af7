/** The commands the bot understands, as the parser produces them. */
import type { Channel } from '../domain/channel';
import type { Lang } from '../domain/lang';

export type { Lang };

/** A command with its arguments. Area tokens are unresolved (an NPA or a region name). */
export type Command =
  | { kind: 'join'; areas: string[] }
  /** `all`: "LEAVE ALL", every area she has (`areas` empty). */
  | { kind: 'leave'; areas: string[]; all?: true }
  | { kind: 'stop' }
  | { kind: 'help' }
  | { kind: 'areas' }
  /** `colonEnded`: the text leads with a colon the parser split off the last area code ("415:he hit me"). */
  | { kind: 'report'; areas: string[]; text: string; colonEnded?: true }
  | { kind: 'check'; query: string }
  | { kind: 'delete' }
  | { kind: 'lang'; lang: Lang }
  /** `page`: PENDING 2, the second page of what waits (the first when none is given). */
  | { kind: 'pending'; page?: number }
  | { kind: 'approve'; ref: string; areas: string[] }
  | { kind: 'reject'; ref: string }
  | { kind: 'edit'; ref: string; text: string }
  | { kind: 'alert'; areas: string[]; text: string; colonEnded?: true }
  | { kind: 'block'; ref: string }
  | { kind: 'show'; ref: string }
  /** `page`: STATS 2, the second page of the areas' counts. */
  | { kind: 'stats'; page?: number }
  // Check-ins (issue 13)
  | { kind: 'buddy'; action: 'add'; channel?: Channel; number: string; name: string }
  | { kind: 'buddy'; action: 'off'; number?: string }
  | { kind: 'buddy'; action: 'list' }
  /** `name`: the words after ACCEPT, the name of the one who asked, when several did. */
  | { kind: 'accept'; name?: string }
  | { kind: 'decline' }
  | { kind: 'checkin'; minutes: number; details: string }
  /**
   * `startWord`: the word that starts a check-in, alone ("Safe", SEGURA): OK while one runs, else how to start one.
   * `cancels`: a stop or cancel word naming the check-in ("Cancel my check-in"): OK's work, not STOP's; `stopWord`:
   * the word was STOP itself, which with no check-in running is her STOP. `minutes`: a time after the check-in's
   * name ("END CHECK IN 30"): she may have meant LATER, and is asked while it runs.
   */
  | { kind: 'ok'; startWord?: true; cancels?: true; stopWord?: true; minutes?: number }
  /** `withText`: more words followed the minutes ("Después 30 min de llegar", an answer in a conversation, not a LATER). */
  | { kind: 'later'; minutes: number; withText?: true }
  // Reach (issue 12)
  /** `wants`: an on or off word followed it ("DISCREET ON", "DISCRETO NO"), or words that say neither (`unclear`); bare, it toggles. */
  | { kind: 'discreet'; wants?: 'on' | 'off' | 'unclear' }
  | { kind: 'read' }
  // Reports (issue 11)
  | { kind: 'retract'; ref: string };

export type CommandKind = Command['kind'];

/** Why a message is not a usable command. */
export type ParseErrorCode =
  | 'empty'
  | 'unknown'
  | 'missing_area'
  | 'missing_text'
  | 'missing_number'
  | 'missing_ref'
  | 'bad_ref'
  | 'one_ref'
  | 'bad_lang'
  // Check-ins (issue 13)
  | 'bad_number'
  | 'missing_name'
  | 'missing_minutes';

/**
 * The parser's result. `lang` is the language the message was written in,
 * when its keyword says so; `keyword` is the normalized first word.
 * `exactKeyword` is true when the whole message is that one word (carriers
 * act on such messages themselves). `keeps`: members of these languages
 * stay in theirs (a keyword two languages write, see KeywordTable).
 * `digitsAfter`: a refused command's words after its keyword hold a digit ("SAFE 11 at night", not "Safe now").
 */
export type Parsed =
  | { ok: true; command: Command; lang?: Lang; keeps?: Lang[]; keyword: string; exactKeyword: boolean }
  | { ok: false; error: ParseErrorCode; lang?: Lang; keeps?: Lang[]; keyword?: string; command?: CommandKind; digitsAfter?: true };

/** Commands only moderators may use. */
export const MODERATOR_COMMANDS: ReadonlySet<CommandKind> = new Set([
  'pending',
  'approve',
  'reject',
  'edit',
  'alert',
  'block',
  'stats',
  'show',
  // Reports (issue 11)
  'retract',
]);
