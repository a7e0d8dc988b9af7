/** Prometheus metrics: counts only, labelled by closed sets (channel, command, outcome), never by a number or a text. */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DispatchObserver } from './outbox/dispatcher';
import type { Db } from './store/db';
import { outboxCounts } from './store/outbox';

export class Metrics implements DispatchObserver {
  readonly registry = new Registry();
  readonly inbound = new Counter({
    name: 'headsup_inbound_messages_total',
    help: 'Inbound messages handled, by channel and command',
    labelNames: ['channel', 'command'] as const,
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'headsup_webhook_rejections_total',
    help: 'Webhook requests refused, by HTTP status',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly outcomes = new Counter({
    name: 'headsup_outbox_outcomes_total',
    help: 'Send attempts by channel and outcome (sent, retry, failed)',
    labelNames: ['channel', 'outcome', 'reason'] as const,
    registers: [this.registry],
  });

  constructor(db: Db) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'headsup_outbox_rows',
      help: 'Outbox rows by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        for (const [state, n] of Object.entries(outboxCounts(db))) this.set({ state }, n);
      },
    });
  }

  // Labelled children, looked up once: hashing the label object costs more than the count.
  private readonly inboundByLabel = new Map<string, { inc(): void }>();

  /** Counts one inbound message of a command kind ('unknown' when it did not parse). */
  countInbound(channel: string, command: string): void {
    const key = `${channel}\u0000${command}`;
    let child = this.inboundByLabel.get(key);
    if (!child) {
      child = this.inbound.labels({ channel, command });
      this.inboundByLabel.set(key, child);
    }
    child.inc();
  }

  outcome(channel: string, kind: string, reason?: string): void {
    this.outcomes.inc({ channel, outcome: kind, reason: reason ?? '' });
  }
}
