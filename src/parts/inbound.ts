/**
 * The inbound side: the bot's rules and handlers, the one inbound path every
 * channel's messages take (failed ones are tried again from it), and the
 * Signal receiver that feeds it. Twilio's messages arrive by the webhook
 * routes instead.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Bot } from '../bot/bot';
import { DEFAULT_LIMITS } from '../bot/context';
import { ChangedKeyTrust } from '../channels/signal/changed-key-trust';
import { DisappearingTimer } from '../channels/signal/disappearing-timer';
import { DEFAULT_RECEIVER, SignalReceiver } from '../channels/signal/signal-receiver';
import { SignalSender } from '../channels/signal/signal-sender';
import type { ChannelSender } from '../channels/types';
import type { Config } from '../config/env';
import { CatchUp } from '../inbound/catch-up';
import { InboundPath } from '../inbound/inbound-path';
import { receiveSignal } from '../inbound/receive-signal';
import { ResumeGate } from '../inbound/resume-gate';
import { DeadlineClocks } from '../jobs/deadline-clocks';
import { runGuardedAsync } from '../jobs/guarded';
import { safeError } from '../log/safe-error';
import { expireReportDrafts } from '../jobs/report-drafts';
import { DEFAULT_DISPATCHER } from '../outbox/dispatcher';
import type { Channel } from '../phone/identity';
import type { ServerOptions } from '../server';

declare module 'fastify' {
  interface FastifyInstance {
    bot: Bot;
    inbound: InboundPath;
    /** Files or drops lapsed report drafts now (the jobs part runs it every minute); returns the counts. */
    expireDrafts: () => { filed: number; dropped: number };
    /** The wall clock's followers for check-in deadlines and conversations' expiry: the messages and the jobs (parts/jobs.ts) share them. */
    deadlineClocks: DeadlineClocks;
    /** Start-up's catch-up: delivery and the timed jobs start once what waited while the server was down is handled (inbound/catch-up.ts). */
    catchUp: CatchUp;
    /** The resume's catch-up: after a sleep, the deadline jobs wait for what Signal held meanwhile (inbound/resume-gate.ts). */
    resumeGate: ResumeGate;
    /** The Signal receiver, when Signal is configured (/readyz asks whether it receives). */
    signalReceiver: SignalReceiver | null;
  }
}

/**
 * Where buddies can be reached (issue 13), the default first: SMS through
 * Twilio; Signal when it is the only real provider (the console channel
 * only prints); SMS otherwise.
 */
function buddyChannels(config: Config, senders: Map<Channel, ChannelSender>): Channel[] {
  const first: Channel = !config.twilio && config.signal ? 'signal' : 'sms';
  return [first, ...[...senders.keys()].filter((c) => c !== first)].filter((c) => senders.has(c));
}

async function inbound(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const { db, vault, dispatcher, planner, moderatorGate: gate, metrics } = app;
  // DISCREET over Signal sets the conversation's disappearing-messages timer (issue 12).
  const signal = app.senders.get('signal');
  const timer = signal instanceof SignalSender ? new DisappearingTimer((to, s) => signal.setExpiration(to, s), log) : null;
  if (timer) app.addHook('onClose', async () => timer.close());
  // One follower each for check-in deadlines and conversations' expiry, read by every message and by their jobs.
  const clocks = new DeadlineClocks(db, log);
  const bot = new Bot({
    db,
    vault,
    regions: app.regions,
    discreet: { byDefault: config.discreetDefault, timerSeconds: config.discreetTimerSeconds },
    onDisappearing: timer ? (address, seconds) => timer.set(address, seconds) : undefined,
    moderators: new Set(config.moderators),
    moderatorTrusted: gate ? (sender) => gate.trusted(sender) : undefined,
    moderatorContacts: app.moderatorContacts,
    sendChannels: [...app.senders.keys()],
    subscribeMode: config.subscribeMode,
    retentionDays: config.retentionDays,
    maxAreas: config.maxAreas,
    limits: opts.limits ?? DEFAULT_LIMITS,
    now,
    onQueued: () => dispatcher.wake(),
    onAlert: (id) => planner.plan(id),
    onRetract: () => app.retractions.wake(),
    checkins: { ...config.checkin, buddyChannels: buddyChannels(config, app.senders) },
    clocks,
  });
  // Signal's stamp is believed as is in a catch-up (start-up's, or the resume's); else moved by this clock's offset from Signal's (signal-skew.ts).
  const path = new InboundPath({ message: bot.message, log, metrics, now, retry: opts.retry, catchingUp: (at) => catchUp.waiting || !resumeGate.mayAct(at) });
  // A member whose safety number changed is trusted again (and again after an outage), so that signal-cli hands over what she sent; never a moderator.
  const retries = { ...DEFAULT_DISPATCHER, ...opts.dispatcher };
  const trust =
    signal instanceof SignalSender
      ? new ChangedKeyTrust({ trust: (uuid) => signal.trustChangedIdentity(uuid), log, backoff: retries.backoff, maxAgeMs: retries.maxAgeMs, now })
      : null;
  if (trust) app.addHook('onClose', async () => trust.close());
  // Bounded as the receiver's first receive is; the catch-up keeps its own bound should anything fail to end the wait.
  const boundMs = opts.signal?.receiver?.boundMs ?? DEFAULT_RECEIVER.boundMs;
  // After a sleep, the deadline jobs wait for what signal-cli takes from Signal on waking, at most as long (resume-gate.ts).
  const resumeGate = new ResumeGate({ log, boundMs, signal: config.signal && app.senders.has('signal') ? config.signal.receiveMode : null });
  // Her message comes once her key is trusted, on a later receive: start-up's catch-up waits for that too (first-receive.ts).
  const toInbound = receiveSignal(path, log, trust ? (uuid) => receiver?.awaitMore(trust.begin(uuid)) : undefined);
  const receiver =
    config.signal && app.senders.has('signal')
      ? new SignalReceiver({
          apiUrl: config.signal.apiUrl,
          number: config.signal.number,
          mode: config.signal.receiveMode,
          log,
          onItem: async (item: unknown) => {
            // What a moderator sent before her re-admission (signal-cli held it until then) acts on nothing.
            if (gate?.heldBeforeReadmission(item)) return;
            // A moderator's identity is checked before their message is handled (issue 15), or signal-cli's word that it changed.
            await gate?.observe(item);
            // Awaited: stopping waits until what signal-cli already handed over is committed.
            await toInbound(item);
          },
          tuning: opts.signal?.receiver,
          // Polling: signal-cli serves the account's requests one at a time; the sender holds the turn (account-turn.ts).
          turn: signal instanceof SignalSender ? signal.turn : undefined,
          onReceived: (startedAt) => resumeGate.received(startedAt),
        })
      : null;
  const catchUp = new CatchUp(log, boundMs);
  let closing = false;
  const catchUpThenReceive = async () => {
    // What waited while the server was down first: every parked message, due or not, then the first receive (catch-up.ts).
    const until = performance.now() + boundMs;
    await runGuardedAsync(log, 'parked messages', async () => void (await path.retryAllParked(() => performance.now() < until)));
    if (closing) return;
    path.startRetries();
    if (receiver) {
      try {
        receiver.start();
      } catch (err) {
        // Nothing the configuration lets through throws here (a URL ws refuses, with a fragment, is refused at start); should anything, the catch-up's bound still ends the wait.
        log.error({ err: safeError(err) }, 'the Signal receiver could not start: no Signal message is received (check SIGNAL_API_URL)');
      }
      void receiver.caughtUp.then(() => catchUp.done());
    } else catchUp.done();
  };
  app.addHook('onListen', async () => {
    catchUp.begin();
    void catchUpThenReceive();
  });
  // Before any onClose: nothing that still waits for the catch-up starts while the server closes.
  app.addHook('preClose', async () => {
    closing = true;
    catchUp.close();
  });
  app.addHook('onClose', async () => path.close());
  app.addHook('onClose', async () => {
    // Moderators' identity checks wait no more: the members' messages behind them must be committed within the stop's 45 s.
    gate?.stop();
    await receiver?.stop();
  });
  app.decorate('bot', bot);
  app.decorate('inbound', path);
  app.decorate('deadlineClocks', clocks);
  app.decorate('catchUp', catchUp);
  app.decorate('resumeGate', resumeGate);
  app.decorate('signalReceiver', receiver);
  app.decorate('expireDrafts', () => db.transaction(() => expireReportDrafts(bot.message, bot.message.rules, now())));
}

export default fp(inbound, { name: 'inbound', dependencies: ['signal-safety'] });
