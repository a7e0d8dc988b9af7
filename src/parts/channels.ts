/**
 * The channels: a sender per configured channel (Twilio or, outside
 * production with no provider, the console for SMS; signal-cli-rest-api for
 * Signal), and the address each moderator's notices go to. Closed after
 * everything that sends through them.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ConsoleSender } from '../channels/console/console-sender';
import { SignalSender, type SignalSenderOptions } from '../channels/signal/signal-sender';
import { TwilioSender } from '../channels/twilio/twilio-sender';
import type { ChannelSender } from '../channels/types';
import type { Config } from '../config/env';
import { consoleSms, moderatorContacts, unheardModerators } from '../config/moderator-contacts';
import { unconfiguredChannel } from '../config/unconfigured-channel';
import type { Channel, Sender } from '../phone/identity';
import type { ServerOptions } from '../server';
import { onChannel } from '../store/channel-removed';
import { signalPauseLevels } from '../store/provider-pauses';
import { adminCommand } from '../util/admin-command';

/** What the Signal sender reports, passed on to the challenge watch once the signal-safety part has made it. */
export interface SignalEvents {
  onChallenge: (token: string) => void;
  onRecovered: () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    senders: Map<Channel, ChannelSender>;
    signalEvents: SignalEvents;
    /** Where notices to each moderator go (only on configured channels). */
    moderatorContacts: Sender[];
  }
}

async function channels(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, secrets, log } = opts;
  const events: SignalEvents = { onChallenge: () => undefined, onRecovered: () => undefined };
  const senders = new Map<Channel, ChannelSender>();
  if (config.twilio && secrets.twilioAuthToken) {
    senders.set('sms', new TwilioSender({ config: config.twilio, authToken: secrets.twilioAuthToken, statusCallbackUrl: `${config.publicUrl}/webhooks/twilio/status` }));
  } else if (consoleSms(config, secrets)) {
    // The console prints what it would send: for development with no provider at all (consoleSms says why).
    senders.set('sms', new ConsoleSender('sms', opts.consoleOut));
  }
  if (config.signal) {
    const signalOpts: SignalSenderOptions = {
      apiUrl: config.signal.apiUrl,
      number: config.signal.number,
      log,
      throttle: opts.signal?.throttle,
      timeoutMs: opts.signal?.sendTimeoutMs,
      // Polling goes with signal-cli-rest-api's MODE=normal or native (doctor checks): sends served one at a time.
      sendsInTurn: config.signal.receiveMode === 'poll',
      // A moderator's changed identity waits for an operator (heads-up signal-readmit).
      neverAutoTrust: new Set(config.moderators),
      onIdentityTrust: (outcome) => app.metrics.signalIdentityTrust(outcome),
      onChallenge: (token) => events.onChallenge(token),
      onRecovered: () => events.onRecovered(),
      // The rate limit's pauses in a row are kept across restarts: one restarting in a loop must not start again at 15 s.
      pauseLevels: signalPauseLevels(app.db, log),
    };
    senders.set('signal', new SignalSender(signalOpts));
  }
  for (const s of opts.senders ?? []) senders.set(s.channel, s);
  app.addHook('onClose', async () => {
    for (const s of senders.values()) await s.close?.();
  });

  const contacts = moderatorContacts(config, (channel) => senders.has(channel));
  if (config.moderators.length === 0) log.warn(`MODERATORS is empty: reports wait for the operator (${adminCommand('PENDING')})`);
  const unheard = unheardModerators(config, (channel) => senders.has(channel));
  if (unheard) log.warn(unheard);
  if (contacts.length < config.moderators.length) {
    log.warn({ unreachable: config.moderators.length - contacts.length }, 'some moderators are on a channel that is not configured');
  }
  for (const channel of ['sms', 'signal'] as const) {
    if (!senders.has(channel)) warnUnconfigured(app, log, channel, senders.has(channel === 'sms' ? 'signal' : 'sms'));
  }
  app.decorate('senders', senders);
  app.decorate('signalEvents', events);
  app.decorate('moderatorContacts', contacts);
}

/** A channel not configured with people or messages on it: one warning at start, in counts only, naming what to set. */
function warnUnconfigured(app: FastifyInstance, log: ServerOptions['log'], channel: Channel, otherSends: boolean): void {
  const counts = onChannel(app.db.sqlite, channel);
  const words = unconfiguredChannel(channel, counts, otherSends);
  if (words) log.warn({ channel, ...counts }, words);
}

export default fp(channels, { name: 'channels', dependencies: ['storage'] });
