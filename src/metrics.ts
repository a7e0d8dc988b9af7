/** Prometheus metrics: counts only, labelled by closed sets (channel, command, outcome), never by a number or a text. */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { CHANNELS, type Channel } from './domain/channel';
import type { DispatchObserver } from './outbox/dispatcher';
import type { Db } from './store/db';
import { countPending, countPendingOn, oldestWaitMs } from './store/outbox';

const DELIVERY_STATES: ReadonlySet<string> = new Set(['delivered', 'failed', 'undelivered']);

export class Metrics implements DispatchObserver {
  readonly registry = new Registry();
  /**
   * Inbound counts by channel and command, kept as plain numbers and handed
   * to prom-client only when scraped: counting through a labelled counter
   * cost more than parsing the message.
   */
  private readonly inboundCounts = new Map<string, Map<string, number>>();
  readonly inbound: Counter<'channel' | 'command'>;
  readonly rejected = new Counter({
    name: 'headsup_webhook_rejections_total',
    help: 'Webhook requests refused, by HTTP status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly connectionsRefused = new Counter({
    name: 'headsup_connections_refused_total',
    help: 'Connections closed as they arrived, by reason: per_address (their address already held CONNECTIONS_PER_ADDRESS open), server_full (256 open in all); addresses are never recorded',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly deliveryReports = new Counter({
    name: 'headsup_delivery_reports_total',
    help: 'Delivery reports from the provider that changed a message, by status (delivered, failed, undelivered, progress); a repeated one counts once',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly deliveryPolls = new Counter({
    name: 'headsup_delivery_reports_polled_total',
    help: 'Final statuses of SMS whose status callback never came, fetched from Twilio by the status poller, that changed a message, by status (delivered, failed, undelivered); not in headsup_delivery_reports_total',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly outcomes = new Counter({
    name: 'headsup_outbox_outcomes_total',
    help: "Send attempts by channel and outcome (sent, retry, held: refused for the line's own fault, failed)",
    labelNames: ['channel', 'outcome', 'reason'] as const,
    registers: [this.registry],
  });

  /** Where the lane-held gauge reads each channel's hold when scraped (watchHolds): what /readyz reads. */
  private holds: { channels: readonly Channel[]; held: (channel: Channel) => boolean } | null = null;

  readonly laneHeld = new Gauge({
    name: 'headsup_outbox_lane_held',
    help: "1 while a channel's sending is held because the provider refuses the line's own credentials or sender (the operator must fix it), else 0",
    labelNames: ['channel'] as const,
    registers: [this.registry],
    // Read at each scrape, as /readyz reads it: set on a lane's hold and release, it stayed 1 once the held
    // message left unsent on a quiet line, and said 0 after a restart while a message refused for the line waited.
    collect: () => {
      if (!this.holds) return;
      for (const channel of this.holds.channels) this.laneHeld.set({ channel }, this.holds.held(channel) ? 1 : 0);
    },
  });

  readonly signalIdentityTrusts = new Counter({
    name: 'headsup_signal_identity_trusts_total',
    help: "Signal sends refused for a changed safety number, by what followed: trusted (the member's new identity, then sent again), trust_failed, moderator_skipped (never automatic)",
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  // Check-ins (issue 13)
  readonly checkinTimers = new Counter({
    name: 'headsup_checkin_timers_total',
    help: 'Check-in timers fired, by event (reminded: a reminder, or the question of a check-in a restore brought back; escalated, failed: an escalation undone, tried again at the next run, or a reminder that could not be written, given up; unreached: a member told her escalation reached none of her buddies, or of the moderators)',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  constructor(db: Db, now: () => number = Date.now) {
    collectDefaultMetrics({ register: this.registry });
    // Shown at 0 from the start: a counter that never appears cannot tell lost status callbacks from a quiet line.
    for (const status of [...DELIVERY_STATES, 'progress']) this.deliveryReports.inc({ status }, 0);
    // The poller's too: fetched statuses that stay at 0 say no callback was lost (it counts final ones only).
    for (const status of DELIVERY_STATES) this.deliveryPolls.inc({ status }, 0);
    const counts = this.inboundCounts;
    this.inbound = new Counter({
      name: 'headsup_inbound_messages_total',
      help: 'Inbound messages handled, by channel and command',
      labelNames: ['channel', 'command'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [channel, byCommand] of counts) for (const [command, n] of byCommand) this.inc({ channel, command }, n);
      },
    });
    new Gauge({
      name: 'headsup_outbox_pending',
      help: 'Outbox rows waiting to be sent (due now or backing off)',
      registers: [this.registry],
      collect() {
        this.set(countPending(db));
      },
    });
    // By channel beside the total (kept unlabelled: README, dashboards and alert rules read it), each lane through its index.
    new Gauge({
      name: 'headsup_outbox_pending_by_channel',
      help: 'Outbox rows waiting to be sent on each channel (due now or backing off)',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      collect() {
        for (const channel of CHANNELS) this.set({ channel }, countPendingOn(db, channel));
      },
    });
    // Late alerts that /readyz does not call a fault (a Signal captcha, a sustained 429, a slow fan-out) show here.
    new Gauge({
      name: 'headsup_outbox_oldest_due_seconds',
      help: 'How long the oldest message waiting on each channel (due now or being retried) has waited since it was queued, in seconds (0: none)',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      collect() {
        for (const channel of CHANNELS) this.set({ channel }, Math.floor(oldestWaitMs(db, channel, now()) / 1000));
      },
    });
  }

  /** Counts a delivery report from the provider that changed a message (delivered, failed, undelivered; anything else is progress). */
  deliveryReport(status: string): void {
    this.deliveryReports.inc({ status: DELIVERY_STATES.has(status) ? status : 'progress' });
  }

  /** Counts a final status the status poller fetched (a lost callback) that changed a message: delivered, read (counted delivered, as it is applied), failed, undelivered. */
  deliveryPolled(status: string): void {
    this.deliveryPolls.inc({ status: DELIVERY_STATES.has(status) ? status : 'delivered' });
  }

  /** Counts one inbound message of a command kind ('unknown' when it did not parse). */
  countInbound(channel: string, command: string): void {
    let byCommand = this.inboundCounts.get(channel);
    if (!byCommand) this.inboundCounts.set(channel, (byCommand = new Map()));
    byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
  }

  /** Counts what followed a Signal send refused for a changed safety number. */
  signalIdentityTrust(outcome: 'trusted' | 'trust_failed' | 'moderator_skipped'): void {
    this.signalIdentityTrusts.inc({ outcome });
  }

  outcome(channel: string, kind: string, reason?: string): void {
    this.outcomes.inc({ channel, outcome: kind, reason: reason ?? '' });
  }

  /** Has the lane-held gauge read `held` for each of `channels` at each scrape (the dispatcher's, what /readyz reads). */
  watchHolds(channels: readonly Channel[], held: (channel: Channel) => boolean): void {
    this.holds = { channels, held };
  }
}
