/**
 * The composition root: config → key → database (migrated, failing hard) →
 * channels → bot, planner, dispatcher → HTTP routes. Each resource is opened
 * on the Fastify app and closed by its onClose hook, so app.close() releases
 * everything in reverse order of opening. main.ts and the integration tests
 * both build the server here.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FanoutPlanner } from './alerts/fanout-planner';
import { Regions } from './alerts/regions';
import { appRoutes, createApp, type HttpLimits } from './app';
import { Bot } from './bot/bot';
import { DEFAULT_LIMITS, type BotLimits } from './bot/context';
import { ConsoleSender } from './channels/console/console-sender';
import { SignalReceiver, type ReceiverTuning } from './channels/signal/signal-receiver';
import { ModeratorIdentityGate } from './channels/signal/moderator-identity-gate';
import { SignalChallengeWatch } from './channels/signal/signal-challenge-watch';
import { SignalIdentities } from './channels/signal/signal-identities';
import { SignalSender, type SignalSenderOptions, type ThrottlePolicy } from './channels/signal/signal-sender';
import { TwilioSender } from './channels/twilio/twilio-sender';
import type { ChannelSender } from './channels/types';
import { ConfigError, type Config, type Secrets } from './config/env';
import { InboundPath, type RetryPolicy } from './inbound/inbound-path';
import { receiveSignal } from './inbound/receive-signal';
import { expireReportDrafts } from './jobs/report-drafts';
import { runRetention, scheduleRetention } from './jobs/retention';
import { DEFAULT_RETRACTIONS, RetractionJob, type RetractionOptions } from './jobs/retractions';
import { everyGuarded } from './jobs/guarded';
import type { Logger } from './log/logger';
import { safeError } from './log/safe-error';
import { Metrics } from './metrics';
import { DEFAULT_DISPATCHER, Dispatcher, type DispatcherOptions } from './outbox/dispatcher';
import { DEFAULT_CLEANUP, ProviderCleanup, type CleanupOptions } from './outbox/provider-cleanup';
import { isSignalUuid, type Channel, type Sender } from './phone/identity';
import { Db } from './store/db';
import { recordKey, verifyKey } from './store/key-check';
import { readKeyState, ROTATION_UNDER_WAY, rotationUnderWay } from './store/key-state';
import { loadMasterKey } from './store/master-key';
import { migrate } from './store/migrate';
import { releaseLeases } from './store/outbox';
import { cryptoReady, Vault } from './store/vault';

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
  /** Signal tuning (tests shorten the 429 pause and the reconnect and ping intervals). */
  signal?: { throttle?: ThrottlePolicy; receiver?: Partial<ReceiverTuning>; challengePollMs?: number };
  /** How messages whose handling failed are tried again (tests shorten it). */
  retry?: Partial<RetryPolicy>;
  /** Connection and time limits of the HTTP server (tests shorten them). */
  http?: Partial<HttpLimits>;
  /** Cleanup of Twilio's copy (tests shorten the waits). */
  cleanup?: Partial<CleanupOptions>;
  /** The follow-up of RETRACT (tests shorten the tick). */
  retractions?: Partial<RetractionOptions>;
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
  /** Stops taking requests, finishes sends in flight, closes the database: app.close(). */
  close(): Promise<void>;
}

/**
 * The address book entry moderators are reached at, from their MODERATORS
 * form: a UUID over Signal; a number by SMS, or over Signal (which takes
 * numbers as recipients) when only Signal is configured. A moderator on both
 * who wants notices on Signal lists their UUID instead of their number.
 */
function moderatorContact(id: string, config: Config): Sender {
  if (isSignalUuid(id)) return { channel: 'signal', address: id };
  return !config.twilio && config.signal ? { channel: 'signal', address: id, phone: id } : { channel: 'sms', address: id, phone: id };
}

/** What the Signal sender reports to the rest of the server (issue 15). */
type SignalHooks = Pick<SignalSenderOptions, 'onIdentityTrust' | 'onChallenge' | 'onRecovered'>;

function defaultSenders(opts: ServerOptions, hooks: SignalHooks): Map<Channel, ChannelSender> {
  const { config, secrets } = opts;
  const senders = new Map<Channel, ChannelSender>();
  if (config.twilio && secrets.twilioAuthToken) {
    senders.set('sms', new TwilioSender({ config: config.twilio, authToken: secrets.twilioAuthToken, statusCallbackUrl: `${config.publicUrl}/webhooks/twilio/status` }));
  } else if (config.nodeEnv !== 'production') {
    // The console channel prints what it would send: a development convenience, never in production.
    senders.set('sms', new ConsoleSender('sms', opts.consoleOut));
  }
  if (config.signal) {
    senders.set(
      'signal',
      new SignalSender({
        apiUrl: config.signal.apiUrl,
        number: config.signal.number,
        log: opts.log,
        throttle: opts.signal?.throttle,
        // A moderator's changed identity waits for an operator (heads-up signal-readmit).
        neverAutoTrust: new Set(config.moderators),
        ...hooks,
      }),
    );
  }
  for (const s of opts.senders ?? []) senders.set(s.channel, s);
  return senders;
}

export async function createServer(opts: ServerOptions): Promise<HeadsUp> {
  const { config, secrets, log } = opts;
  const now = opts.now ?? Date.now;
  await cryptoReady();
  const key = loadMasterKey(secrets.masterKeyBase64, config.dataDir);
  if (key.source === 'file') {
    log.warn(
      { file: key.file, generated: key.generated },
      'HEADSUP_MASTER_KEY is not set: using a development key file. Anyone who copies DATA_DIR can read the data; set HEADSUP_MASTER_KEY in production and keep the key elsewhere.',
    );
  }
  const db = new Db(path.join(config.dataDir, 'heads-up.db'));
  // The data is sealed under the key version the database records (rotate-key moves it on).
  const vault = new Vault(key.key, readKeyState(db).version);
  try {
    if (rotationUnderWay(db)) throw new ConfigError('HEADSUP_MASTER_KEY', ROTATION_UNDER_WAY);
    // A wrong key is refused before anything is written, migrations included.
    verifyKey(db, vault);
    const applied = migrate(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    recordKey(db, vault);
  } catch (err) {
    db.close();
    throw err;
  }
  db.reportHookErrors((err) => log.error({ err: safeError(err) }, 'work after a commit failed; the commit stands'));
  const metrics = new Metrics(db);
  const app = createApp({ log, metrics, http: opts.http });
  const onClose = (fn: () => unknown) => app.addHook('onClose', async () => void (await fn()));
  // Opened first, closed last.
  onClose(() => db.close());
  const regions = Regions.load();
  let challengeWatch: SignalChallengeWatch | null = null;
  const senders = defaultSenders(opts, {
    onIdentityTrust: (outcome) => metrics.signalIdentityTrust(outcome),
    onChallenge: (token) => challengeWatch?.onChallenge(token),
    onRecovered: () => challengeWatch?.onRecovered(),
  });
  onClose(async () => {
    for (const s of senders.values()) await s.close?.();
  });
  const dispatcher = new Dispatcher(db, vault, senders, log, { ...DEFAULT_DISPATCHER, sendRate: config.sendRate, ...opts.dispatcher }, metrics, now);
  onClose(() => dispatcher.stop());
  const planner = new FanoutPlanner(db, log, () => dispatcher.wake(), now);
  // TWILIO_REDACT: Twilio's copy of finished messages is redacted or deleted (only when Twilio is the SMS sender).
  const sms = senders.get('sms');
  const cleanup =
    config.twilio?.redact && sms instanceof TwilioSender ? new ProviderCleanup(db, vault, sms, log, { ...DEFAULT_CLEANUP, ...opts.cleanup }, now) : null;
  if (cleanup) onClose(() => cleanup.stop());
  let stopWatch: (() => void) | null = null;
  onClose(() => {
    stopWatch?.();
    return planner.stop();
  });
  const moderatorContacts = config.moderators.map((id) => moderatorContact(id, config)).filter((c) => senders.has(c.channel));
  if (config.moderators.length === 0) log.warn('MODERATORS is empty: reports wait for the operator (npm run admin -- PENDING)');
  if (moderatorContacts.length < config.moderators.length) {
    log.warn({ unreachable: config.moderators.length - moderatorContacts.length }, 'some moderators are on a channel that is not configured');
  }
  // Signal moderators are trusted by their recorded identity, not by UUID alone (issue 15).
  const moderatorGate = config.signal
    ? new ModeratorIdentityGate({
        db,
        vault,
        log,
        identities: new SignalIdentities(config.signal.apiUrl, config.signal.number),
        moderators: config.moderators,
        contacts: moderatorContacts,
        wake: () => dispatcher.wake(),
        now,
      })
    : null;
  const signalSender = senders.get('signal');
  if (signalSender instanceof SignalSender) {
    challengeWatch = new SignalChallengeWatch({
      db,
      vault,
      log,
      smsModerators: moderatorContacts.filter((c) => c.channel === 'sms'),
      wake: () => dispatcher.wake(),
      resume: () => {
        signalSender.resume();
        dispatcher.resume('signal');
      },
      now,
      pollMs: opts.signal?.challengePollMs,
    });
    const watch = challengeWatch;
    onClose(() => watch.stop());
  }
  // RETRACT's follow-up: SMS corrections through the outbox, Signal copies deleted (issue 11).
  const retractions = new RetractionJob(
    db,
    vault,
    signalSender instanceof SignalSender ? signalSender : null,
    log,
    () => dispatcher.wake(),
    { ...DEFAULT_RETRACTIONS, ...opts.retractions },
    now,
  );
  onClose(() => retractions.stop());
  const bot = new Bot({
    db,
    vault,
    regions,
    moderators: new Set(config.moderators),
    moderatorTrusted: moderatorGate ? (sender) => moderatorGate.trusted(sender) : undefined,
    moderatorContacts,
    subscribeMode: config.subscribeMode,
    retentionDays: config.retentionDays,
    maxAreas: config.maxAreas,
    limits: opts.limits ?? DEFAULT_LIMITS,
    now,
    onQueued: () => dispatcher.wake(),
    onAlert: (id) => planner.plan(id),
    onRetract: () => retractions.wake(),
  });
  const expireDrafts = () => db.transaction(() => expireReportDrafts(bot.message, bot.message.rules, now()));
  let stopDrafts: (() => void) | null = null;
  onClose(() => stopDrafts?.());

  // Every channel's messages take the one inbound path; failed ones are tried again from it.
  const inbound = new InboundPath({ message: bot.message, log, metrics, now, retry: opts.retry, alsoInCommit: cleanup ? () => cleanup.writeInbound() : undefined });
  onClose(() => inbound.close());
  const toInbound = receiveSignal(inbound, log);
  const receiveSignalChecked = async (item: unknown) => {
    // A moderator's identity is checked before their message is handled (issue 15).
    await moderatorGate?.observe(item);
    toInbound(item);
  };
  const signalReceiver =
    config.signal && senders.has('signal')
      ? new SignalReceiver({
          apiUrl: config.signal.apiUrl,
          number: config.signal.number,
          mode: config.signal.receiveMode,
          log,
          onItem: receiveSignalChecked,
          tuning: opts.signal?.receiver,
        })
      : null;
  if (signalReceiver) onClose(() => signalReceiver.stop());

  let stopRetention: (() => void) | null = null;
  let stopCheckpoints: (() => void) | null = null;
  onClose(() => {
    stopRetention?.();
    stopCheckpoints?.();
  });

  // Twilio webhooks: signed when Twilio is configured; unsigned only outside
  // production with the console channel; otherwise they do not exist.
  const smsSender = senders.get('sms');
  const unsigned = !secrets.twilioAuthToken && config.nodeEnv !== 'production' && smsSender?.name === 'console';
  if (unsigned) log.warn('TWILIO_AUTH_TOKEN is not set: Twilio webhooks are accepted unsigned (development only, with the console channel). Do not expose this server.');
  await app.register(appRoutes, {
    metrics,
    metricsToken: secrets.metricsToken,
    twilio: secrets.twilioAuthToken || unsigned
      ? { inbound, db, metrics, publicUrl: config.publicUrl, authToken: secrets.twilioAuthToken, carrier: !unsigned, now, cleanup }
      : null,
    health: {
      database: () => db.ping(),
      providers: async () => {
        const checks: Record<string, boolean> = {};
        for (const [channel, sender] of senders) if (sender.ready) checks[channel] = await sender.ready();
        return checks;
      },
    },
  });

  return {
    app,
    db,
    vault,
    bot,
    inbound,
    planner,
    dispatcher,
    retractions,
    expireDrafts,
    senders,
    async start() {
      const address = await app.listen({ port: config.port, host: config.host });
      // Only this process sends from this database: anything leased before a crash is due again.
      const released = releaseLeases(db);
      if (released) log.warn({ released }, 'released outbox rows claimed before the last stop');
      planner.resume();
      stopWatch = planner.watch();
      stopCheckpoints = db.checkpointEvery(1_000);
      dispatcher.start();
      cleanup?.start();
      signalReceiver?.start();
      inbound.startRetries();
      challengeWatch?.start();
      retractions.start();
      stopDrafts = everyGuarded(log, 'report drafts', 60_000, () => {
        const done = expireDrafts();
        if (done.filed + done.dropped > 0) log.info(done, 'lapsed report drafts filed or dropped');
      });
      stopRetention = scheduleRetention(log, () => {
        const erased = runRetention(db, config.retentionDays, now());
        log.info({ erased }, 'retention run');
      });
      return address;
    },
    async close() {
      await app.close();
    },
  };
}
