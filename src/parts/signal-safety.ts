/**
 * Signal safety (issue 15): moderators over Signal are trusted by their
 * recorded identity, not by UUID alone, and a rate-limit challenge holds
 * Signal messages back until the operator solves it (moderators on SMS are
 * told). Nothing here without Signal but what former moderators leave: their
 * records, and the notices and escalations still queued for them.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { catalog } from '../bot/catalog';
import { IDENTITY_CHECK_TIMEOUT_MS, ModeratorIdentityGate } from '../channels/signal/moderator-identity-gate';
import { SignalChallengeWatch } from '../channels/signal/signal-challenge-watch';
import { SignalIdentities } from '../channels/signal/signal-identities';
import { SignalSender } from '../channels/signal/signal-sender';
import { escalateToListedModerators } from '../jobs/escalations-to-listed-moderators';
import { isSignalUuid, type Sender } from '../phone/identity';
import type { ServerOptions } from '../server';
import type { Db } from '../store/db';
import { findMember } from '../store/members';
import { forgetFormerModerators } from '../store/moderator-identities';
import { withdrawFromFormerModerators } from '../store/moderator-notices';
import type { Vault } from '../store/vault';
import { readChallenge } from '../store/signal-challenge';

declare module 'fastify' {
  interface FastifyInstance {
    moderatorGate: ModeratorIdentityGate | null;
  }
}

async function signalSafety(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const { db, vault, dispatcher, moderatorContacts } = app;
  // With or without Signal now: a record outlives neither the moderator's place in MODERATORS nor the channel.
  const forgotten = forgetFormerModerators(db, vault, config.moderators.filter(isSignalUuid));
  if (forgotten > 0) log.info({ moderators: forgotten }, 'erased the Signal identities recorded for moderators no longer in MODERATORS');
  // One taken off MODERATORS (who left, or was found hostile) gets none of what was queued for her as one;
  // a missed check-in's escalation goes to those listed now instead, in the same transaction: it must arrive.
  const { withdrawn, requeued } = db.transaction(() => {
    const at = now();
    const { withdrawn, checkins } = withdrawFromFormerModerators(db, moderatorRows(db, vault, config.moderators), at);
    return { withdrawn, requeued: escalateToListedModerators(db, vault, moderatorContacts, checkins, at) };
  });
  if (withdrawn > 0) {
    db.eraseSoon();
    log.info({ messages: withdrawn, checkins: requeued }, 'withdrew the notices and escalations queued for moderators no longer in MODERATORS');
  }
  const signal = app.senders.get('signal');
  const gate = config.signal
    ? new ModeratorIdentityGate({
        db,
        vault,
        log,
        // Bounded well below the client's 30 s: every Signal message behind a moderator's waits for it. In the
        // account's turn (account-turn.ts), ahead of sends waiting: a fan-out does not hold her check back.
        identities: new SignalIdentities(config.signal.apiUrl, config.signal.number, opts.signal?.identityCheckMs ?? IDENTITY_CHECK_TIMEOUT_MS, signal instanceof SignalSender ? signal.turn : undefined),
        moderators: config.moderators,
        contacts: moderatorContacts,
        notice: (lang, position) => catalog(lang).modIdentityChanged(position),
        readmitNote: (lang) => catalog(lang).modReadmitHeld(),
        wake: () => dispatcher.wake(),
        now,
      })
    : null;
  app.decorate('moderatorGate', gate);
  if (!(signal instanceof SignalSender)) return;
  const watch = new SignalChallengeWatch({
    db,
    vault,
    log,
    smsModerators: moderatorContacts.filter((c) => c.channel === 'sms'),
    wake: () => dispatcher.wake(),
    resume: () => {
      signal.resume();
      dispatcher.resume('signal');
    },
    now,
    pollMs: opts.signal?.challengePollMs,
  });
  app.signalEvents.onChallenge = (token) => watch.onChallenge(token);
  app.signalEvents.onRecovered = () => watch.onRecovered();
  // The sender's memory of a challenge died with the last process; the record did not.
  if (readChallenge(db)) signal.challengeOnRecord();
  app.addHook('onListen', async () => watch.start());
  app.addHook('onClose', async () => watch.stop());
}

/** The member rows of the moderators listed: a number's on either channel (Signal takes numbers too), whichever channels the line has now. */
function moderatorRows(db: Db, vault: Vault, moderators: readonly string[]): number[] {
  const senders = moderators.flatMap((id): Array<Pick<Sender, 'channel' | 'address'>> =>
    isSignalUuid(id) ? [{ channel: 'signal', address: id }] : [{ channel: 'sms', address: id }, { channel: 'signal', address: id }],
  );
  return senders.flatMap((s) => findMember(db, vault, s)?.id ?? []);
}

export default fp(signalSafety, { name: 'signal-safety', dependencies: ['delivery'] });
