/**
 * Trusting the new key of a member whose message signal-cli could not
 * decrypt (her safety number changed). signal-cli keeps that message and
 * reports it once: if the trust meets an outage (the identities list or the
 * trust request unanswered, a 5xx) and is not tried again, her message (an
 * OK, a STOP, a REPORT) is never handed over. So a trust that did not take is
 * tried again with the outbox's backoff, as long as a send would be: at least
 * `maxAttempts` times and until `maxAgeMs` after the report. In memory only:
 * after a restart, her next message is reported afresh and starts it again.
 */
import type { Logger } from '../../log/logger';
import type { BackoffPolicy } from '../../outbox/backoff';
import { backoffDelay } from '../../util/backoff';

/** What one trust of a changed identity came to (SignalSender.trustChangedIdentity). */
export type TrustOutcome = 'trusted' | 'trust_failed' | 'trust_unavailable' | 'moderator_skipped' | 'identities_unavailable';

export interface ChangedKeyTrustOptions {
  /** One trust of the contact's new key; never trusts a moderator's. */
  trust: (uuid: string) => Promise<TrustOutcome>;
  log: Logger;
  /** The outbox's retry policy (its waits and least number of tries). */
  backoff: BackoffPolicy;
  /** How long after the report tries go on (the outbox's maxAgeMs). */
  maxAgeMs: number;
  now: () => number;
}

export class ChangedKeyTrust {
  /** Senders whose key is being trusted, with the timer of their next try (null while one is in flight). */
  private readonly trying = new Map<string, NodeJS.Timeout | null>();
  private closed = false;

  constructor(private readonly opts: ChangedKeyTrustOptions) {}

  /**
   * Starts trusting a sender's new key, unless that is under way already
   * (signal-cli may report her messages again meanwhile). Not awaited: every
   * message behind this one would wait for two calls to signal-cli.
   * Returns when this first try has settled, taken or not (start-up's
   * catch-up waits for it: signal-cli then hands her message over); at once
   * when one is under way already.
   */
  begin(uuid: string): Promise<void> {
    if (this.closed || this.trying.has(uuid)) return Promise.resolve();
    this.trying.set(uuid, null);
    return this.attempt(uuid, 1, this.opts.now());
  }

  /** Ends every try still to come (the server is stopping). */
  close(): void {
    this.closed = true;
    for (const timer of this.trying.values()) if (timer) clearTimeout(timer);
    this.trying.clear();
  }

  private async attempt(uuid: string, tries: number, since: number): Promise<void> {
    const { log, backoff } = this.opts;
    const outcome = await this.opts.trust(uuid).catch((): TrustOutcome => 'trust_unavailable');
    if (this.closed) return;
    // A moderator's key is never trusted here: the identity gate has recorded the change.
    if (outcome === 'trusted' || outcome === 'moderator_skipped') {
      if (tries > 1) log.info({ tries }, "trusted a Signal member's changed identity after trying again: signal-cli hands her message over");
      this.trying.delete(uuid);
      return;
    }
    if (tries >= backoff.maxAttempts && this.opts.now() - since >= this.opts.maxAgeMs) {
      log.warn({ outcome, tries }, "gave up trusting a Signal member's changed identity: signal-cli keeps her message until her next one is reported");
      this.trying.delete(uuid);
      return;
    }
    const wait = backoffDelay(backoff, tries);
    // Warned once per sender; the further tries only at debug.
    log[tries === 1 ? 'warn' : 'debug']({ outcome, tries, retryInMs: wait }, "could not trust a Signal member's changed identity: trying again with backoff");
    this.trying.set(
      uuid,
      setTimeout(() => void this.attempt(uuid, tries + 1, since), wait),
    );
  }
}
