/**
 * Delivery: the fan-out planner, the dispatcher (a lane per channel), the
 * follow-up of retracted alerts (corrections, Signal remote deletes), the
 * cleanup of Twilio's copies and the fetch of statuses whose callback never
 * came. They start once the server listens and what
 * waited while it was down has been handled (a STOP she sent then comes
 * before an alert: parts/inbound.ts, catchUp), from what a crash left
 * (leases released, unplanned alerts planned), and stop before the
 * channels close.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { FanoutPlanner } from '../alerts/fanout-planner';
import { SignalSender } from '../channels/signal/signal-sender';
import { TwilioSender } from '../channels/twilio/twilio-sender';
import { DEFAULT_RETRACTIONS, RetractionJob } from '../jobs/retractions';
import { DEFAULT_DISPATCHER, Dispatcher } from '../outbox/dispatcher';
import { DEFAULT_CLEANUP, ProviderCleanup } from '../outbox/provider-cleanup';
import { DEFAULT_STATUS_POLL, StatusPoller } from '../outbox/status-poller';
import { releaseLeases } from '../store/outbox';
import type { ServerOptions } from '../server';

declare module 'fastify' {
  interface FastifyInstance {
    dispatcher: Dispatcher;
    planner: FanoutPlanner;
    /** TWILIO_REDACT: Twilio's copy of finished messages is redacted or deleted (only when Twilio sends SMS). */
    cleanup: ProviderCleanup | null;
    /** RETRACT's follow-up: SMS corrections through the outbox, Signal copies deleted (issue 11). */
    retractions: RetractionJob;
  }
}

async function delivery(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const { db, vault, senders, metrics } = app;
  const dispatcher = new Dispatcher(db, vault, senders, log, { ...DEFAULT_DISPATCHER, sendRate: config.sendRate, ...opts.dispatcher }, metrics, now);
  metrics.watchHolds([...senders.keys()], (channel) => dispatcher.held(channel));
  const planner = new FanoutPlanner(db, log, () => dispatcher.wake(), now, senders.has('signal'));
  const sms = senders.get('sms');
  const cleanup = config.twilio?.redact && sms instanceof TwilioSender ? new ProviderCleanup(db, vault, sms, log, { ...DEFAULT_CLEANUP, ...opts.cleanup }, now) : null;

  // Lost status callbacks: fetched at a few a minute, only while the SMS lane has nothing due (taking no place of its sends).
  const statusPoller = sms instanceof TwilioSender ? new StatusPoller(db, vault, sms, log, metrics, cleanup, { ...DEFAULT_STATUS_POLL, pace: dispatcher.pace('sms') }, now) : null;

  const signal = senders.get('signal');
  const retractions = new RetractionJob(
    db,
    vault,
    signal instanceof SignalSender ? signal : null,
    log,
    () => dispatcher.wake(),
    // Remote deletes are messages to Signal: under SEND_RATE and the lane's pauses with its sends.
    { ...DEFAULT_RETRACTIONS, ...opts.retractions, pace: dispatcher.pace('signal') },
    now,
  );

  let stopWatch: (() => void) | null = null;
  app.addHook('onListen', async () =>
    app.catchUp.whenDone('starting delivery', () => {
      // Only this process sends from this database (the server lock: store/server-lock.ts): anything leased before a crash is due again.
      const released = releaseLeases(db, now());
      if (released) log.warn({ released }, 'released outbox rows claimed before the last stop');
      planner.resume();
      stopWatch = planner.watch(opts.plannerWatchMs);
      dispatcher.start();
      cleanup?.start();
      statusPoller?.start();
      retractions.start();
    }),
  );
  app.addHook('onClose', async () => dispatcher.stop());
  app.addHook('onClose', async () => cleanup?.stop());
  app.addHook('onClose', async () => statusPoller?.stop());
  app.addHook('onClose', async () => retractions.stop());
  app.addHook('onClose', async () => {
    stopWatch?.();
    await planner.stop();
  });
  app.decorate('dispatcher', dispatcher);
  app.decorate('planner', planner);
  app.decorate('cleanup', cleanup);
  app.decorate('retractions', retractions);
}

export default fp(delivery, { name: 'delivery', dependencies: ['channels'] });
