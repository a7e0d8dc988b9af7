/**
 * What command handlers share: the shape of their inputs and of what they
 * return. A handler is a plain function: it takes the store it reads and
 * writes (inside the message's transaction), who asked, the rules it
 * applies and the command's arguments, and returns what to say and what
 * else to do; the dispatch step does the rest (notices, the conversation,
 * waking the dispatcher and the fan-out planner after the commit).
 */
import type { Lang } from '../domain/lang';
import type { Sender } from '../phone/identity';
import type { Conversation } from '../store/conversations';
import type { Db } from '../store/db';
import type { MemberRow } from '../store/members';
import type { SenderLimits } from '../store/sender-limits';
import type { Vault } from '../store/vault';
import type { Catalog } from './catalog';

/** The database and the keys, for the store's functions, and the per-sender limiter. */
export interface Store {
  db: Db;
  vault: Vault;
  limits: SenderLimits;
}

/** Who asked, as far as a handler needs to know them. */
export interface Asker {
  sender: Sender;
  /** Their member row, if they have one. */
  member: MemberRow | undefined;
  lang: Lang;
  t: Catalog;
  /** Blind index under the reporter purpose (REPORT, BLOCK, DELETE). */
  reporterKey: Buffer;
  /** Over Signal with the number shown: that number's reporter index over SMS, which their reports carry too. */
  phoneReporterKey?: Buffer;
  /** Blind index of the inbound log's purpose (their stored replies and parked messages). */
  senderKey: Buffer;
  /** What the per-sender limits count under: the number's, on both channels, when it shows. */
  limitKey: Buffer;
  /** Blind index of the member row, under which their conversation is kept. */
  memberKey: Buffer;
  /** The operator at the command line (`npm run admin`), not someone texting. */
  operator?: true;
  /** When her message is judged sent, where timing decides (inbound/heard-at.ts): LATER before her deadline. Now when unset. */
  heardAt?: number;
}

/** What a notice to the moderators is about. */
export interface NoticeSubject {
  kind: 'report' | 'join';
  /** The report a notice quotes: the notice is erased once the report is decided or edited. */
  reportId?: number;
  /** The join request a notice announces: a notice still waiting is withdrawn if the applicant closes it. */
  requestId?: number;
}

/** A notice for every moderator, each in their own language. */
export interface Notice {
  subject: NoticeSubject;
  text: (t: Catalog, lang: Lang) => string;
  /** A moderator not told: the one whose own command the notice reports. */
  except?: Sender;
  /**
   * Outside the cap: a notice of a moderator's own act (an EDIT), which no
   * outsider can flood, never holds back the next report's notice.
   */
  uncapped?: boolean;
  /** Counted into the moderators' digest whatever the cap (an applicant's number announced already today). */
  digestOnly?: boolean;
}

/** What a handler decided. */
export interface Outcome {
  /** The reply, or null for none. */
  say: string | null;
  /** Tell the moderators. */
  notify?: Notice;
  /** Hold this conversation open for the sender's next message, or end the open one. */
  converse?: Conversation | 'end';
  /** Messages were queued: wake the dispatcher once the transaction commits. */
  queued?: boolean;
  /** Alerts were created: plan their fan-out once the transaction commits. */
  alerts?: number[];
  /** Set the Signal sender's disappearing-messages timer to this many seconds (0: off) once the transaction commits. */
  disappearing?: number;
  /** An alert was retracted: follow up its sent copies once the transaction commits (issue 11). */
  retracted?: boolean;
  /** The command did nothing (no such reference, already decided, an unknown area): the command line exits 1. */
  failed?: boolean;
  /** The reply quotes a report (an APPROVE answered with its changed text): not kept for a carrier's retry. */
  quotesReport?: boolean;
  /** The reply is a READ message: the alerts it quotes, and the "+N older" it ends with (store/read-quotes.ts). */
  quotesAlerts?: { ids: number[]; older: number };
  /**
   * The reply says what the carrier's own answer to its keyword cannot (a buddy's YES is their ACCEPT,
   * and Twilio's opt-in confirmation knows nothing of it): sent even when the carrier answered.
   */
  beyondCarrier?: boolean;
}

/** An outcome that only says something. */
export function say(text: string | null): Outcome {
  return { say: text };
}

/** A moderator command that did nothing: it says why. */
export function failed(text: string): Outcome {
  return { say: text, failed: true };
}
