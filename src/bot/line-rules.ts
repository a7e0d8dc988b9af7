/**
 * The line's own rules and hooks, as configured: what the dispatch step and
 * the operator console hand each handler the part of that it uses.
 */
import type { Regions } from '../alerts/regions';
import type { SubscribeMode } from '../config/env';
import type { Channel } from '../domain/channel';
import type { Sender } from '../phone/identity';
import type { BotLimits } from './context';
import type { DiscreetRules } from './discreet-commands';

export interface LineRules {
  regions: Regions;
  subscribeMode: SubscribeMode;
  /** Most areas one member may hold (MAX_AREAS). */
  maxAreas: number;
  retentionDays: number;
  limits: BotLimits;
  /** Where notices to each moderator go. */
  moderatorContacts: readonly Sender[];
  /** The channels the line sends on now (BotDeps.sendChannels). */
  sendChannels: readonly Channel[];
  /** Called after a commit that queued messages, to wake the dispatcher. */
  onQueued: () => void;
  /** Called after a commit that created an alert, to start planning its fan-out. */
  onAlert: (alertId: number) => void;
  // Check-ins (issue 13)
  checkins: CheckinRules;
  // Reach (issue 12)
  discreet: DiscreetRules;
  /** Called after a commit that asked for it, to set a Signal contact's disappearing-messages timer. */
  onDisappearing?: (address: string, seconds: number) => void;
  /** Called after a commit that retracted an alert, to follow up its copies (issue 11). */
  onRetract?: () => void;
}

/** CHECKIN_* and where buddies can be reached. */
export interface CheckinRules {
  /** Who hears of a missed check-in when the member has no accepted buddy (CHECKIN_FALLBACK). */
  fallback: 'moderators' | 'none';
  minMinutes: number;
  maxMinutes: number;
  /** The channels a buddy can be reached on; the first is where a BUDDY that names none goes. */
  buddyChannels: Channel[];
}

/** The SPEC's defaults: 10 to 720 minutes, a buddy required, buddies by SMS. */
export const DEFAULT_CHECKIN_RULES: CheckinRules = { fallback: 'none', minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms'] };
