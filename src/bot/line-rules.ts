/**
 * The line's own rules and hooks, as configured: what the dispatch step and
 * the operator console hand each handler the part of that it uses.
 */
import type { Regions } from '../alerts/regions';
import type { SubscribeMode } from '../config/env';
import type { Sender } from '../phone/identity';
import type { BotLimits } from './context';

export interface LineRules {
  regions: Regions;
  subscribeMode: SubscribeMode;
  /** Most areas one member may hold (MAX_AREAS). */
  maxAreas: number;
  retentionDays: number;
  limits: BotLimits;
  /** Where notices to each moderator go. */
  moderatorContacts: readonly Sender[];
  /** Called after a commit that queued messages, to wake the dispatcher. */
  onQueued: () => void;
  /** Called after a commit that created an alert, to start planning its fan-out. */
  onAlert: (alertId: number) => void;
  /** Called after a commit that retracted an alert, to follow up its copies (issue 11). */
  onRetract?: () => void;
}
