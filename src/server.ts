/**
 * The composition root: the Fastify app with its parts registered as plugins
 * in order of opening (src/parts/): storage (key, database, vault) →
 * channels → delivery (planner, dispatcher, provider cleanup) → Signal
 * safety → inbound (bot, inbound path, Signal receiver) → timed jobs → HTTP
 * routes. Each part starts its workers once the server listens and closes
 * them in onClose, so app.close() releases everything in reverse order of
 * opening. main.ts and the integration tests both build the server here.
 */
import type { FastifyInstance } from 'fastify';
import type { FanoutPlanner } from './alerts/fanout-planner';
import { appRoutes, createApp, type HttpLimits } from './app';
import type { Bot } from './bot/bot';
import type { BotLimits } from './bot/context';
import { knownTimeZone, UNKNOWN_TIME_ZONE } from './bot/clock-time';
import type { ReceiverTuning } from './channels/signal/signal-receiver';
import type { ThrottlePolicy } from './channels/signal/signal-sender';
import type { ChannelSender, ProviderCheck } from './channels/types';
import type { Config, Secrets } from './config/env';
import { askProviders, checkDatabase, type ChannelFault } from './http/health-routes';
import type { InboundPath, RetryPolicy } from './inbound/inbound-path';
import type { Logger } from './log/logger';
import type { Dispatcher, DispatcherOptions } from './outbox/dispatcher';
import type { CleanupOptions } from './outbox/provider-cleanup';
import type { RetractionJob, RetractionOptions } from './jobs/retractions';
import channels from './parts/channels';
import delivery from './parts/delivery';
import inbound from './parts/inbound';
import jobs from './parts/jobs';
import signalSafety from './parts/signal-safety';
import storage from './parts/storage';
import type { Channel } from './phone/identity';
import type { Db } from './store/db';
import type { Vault } from './store/vault';

export interface ServerOptions {
  config: Config;
  secrets: Secrets;
  log: Logger;
  limits?: BotLimits;
  dispatcher?: Partial<DispatcherOptions>;
  /** Where the console channel prints (tests collect it). */
  consoleOut?: (line: string) => void;
  /** Extra channel senders (replacing the defaults per channel). */
  senders?: ChannelSender[];
  /**
   * Signal tuning (tests shorten the 429 pause, the reconnect and ping intervals, and the time-outs of a send,
   * 30 s by default, and of a moderator's identity check, IDENTITY_CHECK_TIMEOUT_MS).
   */
  signal?: { throttle?: ThrottlePolicy; receiver?: Partial<ReceiverTuning>; challengePollMs?: number; sendTimeoutMs?: number; identityCheckMs?: number };
  /** How messages whose handling failed are tried again (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  /** Connection and time limits of the HTTP server (tests shorten them). */
  http?: Partial<HttpLimits>;
  /** Cleanup of Twilio's copy (tests shorten the waits). */
  cleanup?: Partial<CleanupOptions>;
  /** The follow-up of RETRACT (tests shorten the tick). */
  retractions?: Partial<RetractionOptions>;
  /** How often check-in timers are looked for (issue 13; 1 s by default). */
  checkinPollMs?: number;
  /** How often the database's files are watched for removal (parts/line-guard.ts; 1 s by default; tests shorten it). */
  lineWatchMs?: number;
  /** How often alerts approved by another process (the admin command) are looked for (5 s by default; tests shorten it). */
  plannerWatchMs?: number;
  now?: () => number;
}

export interface HeadsUp {
  app: FastifyInstance;
  db: Db;
  vault: Vault;
  bot: Bot;
  /** The inbound path every channel's messages take. */
  inbound: InboundPath;
  planner: FanoutPlanner;
  dispatcher: Dispatcher;
  /** The follow-up of retracted alerts (issue 11). */
  retractions: RetractionJob;
  /** Files or drops lapsed report drafts now (it also runs every minute); returns the counts. */
  expireDrafts(): { filed: number; dropped: number };
  senders: Map<Channel, ChannelSender>;
  /** Starts listening and the background workers; resolves with the address. */
  start(): Promise<string>;
  /**
   * Stops taking requests, finishes sends in flight, closes the database: app.close().
   * `deadline` (performance.now() time): when the whole stop must be done, so the dispatcher's last retry leaves time for its error line.
   */
  close(opts?: { deadline?: number }): Promise<void>;
}

/** Registers each part in order of opening; a part that fails to open closes those before it. */
export async function createServer(opts: ServerOptions): Promise<HeadsUp> {
  const { config, secrets, log } = opts;
  const app = createApp({ log, http: { connectionsPerAddress: config.connectionsPerAddress, ...opts.http } });
  try {
    await app.register(storage, opts);
    await app.register(channels, opts);
    await app.register(delivery, opts);
    await app.register(signalSafety, opts);
    await app.register(inbound, opts);
    await app.register(jobs, opts);
    // Twilio webhooks: signed when Twilio is configured; unsigned only outside
    // production with the console channel; otherwise they do not exist.
    const unsigned = !secrets.twilioAuthToken && config.nodeEnv !== 'production' && app.senders.get('sms')?.name === 'console';
    if (unsigned) log.warn('TWILIO_AUTH_TOKEN is not set: Twilio webhooks are accepted unsigned (development only, with the console channel). Do not expose this server.');
    if (config.timeZone !== undefined && !knownTimeZone(config.timeZone)) log.warn(UNKNOWN_TIME_ZONE);
    const { db, vault, metrics, senders } = app;
    await app.register(appRoutes, {
      metrics,
      metricsToken: secrets.metricsToken,
      twilio:
        secrets.twilioAuthToken || unsigned
          ? { inbound: app.inbound, db, vault, metrics, publicUrl: config.publicUrl, authToken: secrets.twilioAuthToken, carrier: !unsigned, now: opts.now ?? Date.now, cleanup: app.cleanup }
          : null,
      health: {
        database: () => checkDatabase(db, (opts.now ?? Date.now)()),
        providers: () => {
          const checks = new Map<string, () => Promise<ProviderCheck>>();
          for (const [channel, sender] of senders) if (sender.ready) checks.set(channel, sender.ready.bind(sender));
          return askProviders(checks);
        },
        // What the line knows without asking anyone: a lane held for its own fault or failing, a Signal receiver that cannot receive.
        channels: () => {
          const faults: Record<string, ChannelFault | null> = {};
          for (const channel of senders.keys()) {
            const deaf = channel === 'signal' && app.signalReceiver !== null && !app.signalReceiver.receiving;
            const fault = app.dispatcher.held(channel) ? 'sending_held' : app.dispatcher.failing(channel) ? 'sending_failing' : null;
            faults[channel] = fault ?? (deaf ? 'not_receiving' : null);
          }
          return faults;
        },
      },
    });
    await app.ready();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return {
    app,
    db: app.db,
    vault: app.vault,
    bot: app.bot,
    inbound: app.inbound,
    planner: app.planner,
    dispatcher: app.dispatcher,
    retractions: app.retractions,
    expireDrafts: app.expireDrafts,
    senders: app.senders,
    // The parts start their workers in onListen.
    start: () => app.listen({ port: config.port, host: config.host }),
    close: (closing) => {
      if (closing?.deadline !== undefined) app.dispatcher.stopBy(closing.deadline);
      return app.close();
    },
  };
}
