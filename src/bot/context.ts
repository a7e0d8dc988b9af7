/** What the bot is configured with: the store, the line's rules and limits, and the hooks that wake the workers. */
import type { Regions } from '../alerts/regions';
import type { SubscribeMode } from '../config/env';
import type { CheckinRules } from './line-rules';
import type { Channel, Sender } from '../phone/identity';
import type { Db } from '../store/db';
import type { Vault } from '../store/vault';
import type { DiscreetRules } from './discreet-commands';

import type { Limit } from '../store/sender-limits';

export type { Limit };

export interface BotLimits {
  /** Inbound messages acted on; past this a sender is ignored (STOP still works). */
  messages: Limit;
  reports: Limit;
  checks: Limit;
  /** "Text HELP" hints, so that auto-replies cannot loop. */
  hints: Limit;
  /** Moderator notices of reports and join requests per period (shared by all senders); the rest go in one digest. */
  notices?: Limit;
}

/** Five notices per quarter hour: past that, moderators get one digest at the end of the quarter. */
export const DEFAULT_NOTICE_LIMIT: Limit = { max: 5, windowMs: 900_000 };

/** Most areas a member holds unless MAX_AREAS says otherwise. */
export const DEFAULT_MAX_AREAS = 10;

export const DEFAULT_LIMITS: BotLimits = {
  messages: { max: 60, windowMs: 3_600_000 },
  reports: { max: 5, windowMs: 86_400_000 },
  checks: { max: 10, windowMs: 3_600_000 },
  hints: { max: 1, windowMs: 3_600_000 },
  notices: DEFAULT_NOTICE_LIMIT,
};

export interface BotDeps {
  db: Db;
  vault: Vault;
  regions: Regions;
  /** Canonical moderator identities (E.164 numbers, Signal UUIDs). */
  moderators: ReadonlySet<string>;
  /** Whether a sender listed in MODERATORS is trusted now (over Signal: their recorded identity, issue 15); all are when unset. */
  moderatorTrusted?: (sender: Sender) => boolean;
  /** Where notices to each moderator go. */
  moderatorContacts: Sender[];
  /**
   * The channels the line sends on now. Unset: those buddies can be reached on when check-in rules are
   * given (the server gives every channel it has a sender for), else both.
   */
  sendChannels?: Channel[];
  subscribeMode: SubscribeMode;
  retentionDays: number;
  /** Most areas one member may hold (MAX_AREAS); 10 when unset. */
  maxAreas?: number;
  limits: BotLimits;
  now: () => number;
  /** Called after a commit that queued messages, to wake the dispatcher. */
  onQueued: () => void;
  /** Called after a commit that created an alert, to start planning its fan-out. */
  onAlert: (alertId: number) => void;
  // Check-ins (issue 13): CHECKIN_* and buddy channels; the SPEC's defaults when unset.
  checkins?: CheckinRules;
  // Reach (issue 12)
  /** DISCREET_DEFAULT and DISCREET_TIMER_SECONDS; off and one day when unset. */
  discreet?: DiscreetRules;
  /** Sets a Signal contact's disappearing-messages timer (the Signal adapter), after the commit that asked for it. */
  onDisappearing?: (address: string, seconds: number) => void;
  /** Called after a commit that retracted an alert, to follow up its copies (issue 11). */
  onRetract?: () => void;
  /** Reads the wall clock for the jobs that keep the deadlines a message writes (jobs/deadline-clocks.ts), before each message. */
  clocks?: { follow(now: number): void };
}
