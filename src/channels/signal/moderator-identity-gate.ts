/**
 * Signal moderators are trusted by identity, not by UUID alone. Before a
 * message from a moderator's UUID is handled, their identity key (as
 * signal-cli holds it) is compared with the one recorded the first time they
 * were seen. A changed identity (a SIM swap and re-registration, or a new
 * phone) is not trusted for moderator commands: the message gets the
 * ordinary member treatment, the other moderators are told once, and only an
 * operator re-admits them (heads-up signal-readmit), never this code.
 *
 * A check that cannot be made (signal-cli stuck past IDENTITY_CHECK_TIMEOUT_MS,
 * an error, no identity listed) does not fall back on the record: that
 * message gets the member treatment too. Messages are handled in order, so
 * the bound is also the longest a member's message waits behind a moderator's
 * (in normal/native mode, after the one request signal-cli is serving: the
 * check takes the account's turn ahead of waiting sends, account-turn.ts).
 * So that moderators' messages queued behind each other do not wait that
 * bound each (ten of them would outlast a stop's 45 s, and the members'
 * messages behind them be lost), once a check timed out their messages count
 * as members' at once, until a check answers: one at a time goes meanwhile,
 * not waited for. At a stop the check in flight is given up and none waits.
 */
import type { Lang } from '../../domain/lang';
import { safeError } from '../../log/safe-error';
import type { Logger } from '../../log/logger';
import { isSignalUuid, type Sender } from '../../phone/identity';
import type { Db } from '../../store/db';
import { findMember, moderatorMember } from '../../store/members';
import { moderatorIdentityTrusted, noteReadmission, observeModeratorIdentity, sentBeforeReadmission } from '../../store/moderator-identities';
import { markModeratorsGone } from '../../store/moderators-gone';
import { enqueueMessage, eraseWaitingTo, withdrawFromChangedModerator } from '../../store/outbox';
import type { Vault } from '../../store/vault';
import { parseSignalItem, untrustedSender } from './signal-envelope';
import { IdentitiesError, type SignalIdentities, type SignalIdentity } from './signal-identities';
import { adminCommand } from '../../util/admin-command';

/**
 * How long a moderator's message may wait for signal-cli's identities list
 * (GET /v1/identities answers in well under a second in native and json-rpc
 * mode; normal mode starts a JVM for it). Read afresh for each message: a
 * copy read before it might predate the key it came with.
 */
export const IDENTITY_CHECK_TIMEOUT_MS = 5_000;

export interface ModeratorIdentityGateDeps {
  db: Db;
  vault: Vault;
  log: Logger;
  identities: Pick<SignalIdentities, 'of'>;
  /** MODERATORS, in order: the Signal UUIDs among them are checked; positions name them in notices. */
  moderators: readonly string[];
  /** Where moderators are reached. */
  contacts: readonly Sender[];
  /** The notice the other moderators get, in their language, naming the moderator by position only. */
  notice: (lang: Lang, position: number) => string;
  /** The note a re-admitted moderator gets, in her language: what she sent before it acted on nothing. */
  readmitNote: (lang: Lang) => string;
  /** Wakes the dispatcher after notices were queued. */
  wake: () => void;
  now: () => number;
}

export class ModeratorIdentityGate {
  private readonly uuids: ReadonlySet<string>;
  /** Moderators whose last message's identity could not be checked: untrusted until a check succeeds. */
  private readonly unchecked = new Set<string>();
  /** The last check timed out: no message waits for one until a check answers. */
  private stuck = false;
  /** A check not waited for is in flight (while stuck). */
  private probing = false;
  private readonly stopping = new AbortController();

  constructor(private readonly deps: ModeratorIdentityGateDeps) {
    this.uuids = new Set(deps.moderators.filter(isSignalUuid));
  }

  /**
   * Checks the identity of a received message's sender if they are a Signal
   * moderator; also of a moderator whose message signal-cli could not decrypt
   * because their key changed (nothing to handle, but the change to record). Never throws.
   */
  async observe(item: unknown): Promise<void> {
    const uuid = parseSignalItem(item)?.sender.address ?? untrustedSender(item);
    if (uuid === null || !this.uuids.has(uuid)) return;
    const { db, vault, log, now } = this.deps;
    // Unchecked until this check succeeds: a recorded identity is no proof for a message whose sender's key was not compared.
    this.unchecked.add(uuid);
    if (this.stopping.signal.aborted || this.stuck) {
      this.probe(uuid);
      log.warn({ moderator: this.position(uuid) }, "a Signal moderator's identity is not checked (signal-cli's last check timed out, or stopping): their message counts as a member's");
      return;
    }
    try {
      const identity = await this.listed(uuid);
      if (!identity) {
        log.warn({ moderator: this.position(uuid) }, 'signal-cli lists no identity for a Signal moderator who wrote: their message counts as a member\'s');
        return;
      }
      // The change and the notices to the other moderators: one transaction, so they are told exactly once.
      const verdict = db.transaction(() => {
        const v = observeModeratorIdentity(db, vault, uuid, identity.fingerprint, identity.status === 'UNTRUSTED', now());
        if (v === 'changed') this.tellOthers(uuid);
        return v;
      });
      this.unchecked.delete(uuid);
      if (verdict === 'first') log.info({ moderator: this.position(uuid) }, "recorded a Signal moderator's identity");
    } catch (err) {
      // The record stands as it was, but this message is not trusted on it.
      log.warn({ err: safeError(err), moderator: this.position(uuid) }, "could not check a Signal moderator's identity: their message counts as a member's");
    }
  }

  /** One identities list; whether it timed out, or answered, says whether signal-cli is stuck. */
  private async listed(uuid: string): Promise<SignalIdentity | null> {
    try {
      const identity = await this.deps.identities.of(uuid, this.stopping.signal);
      this.stuck = false;
      return identity;
    } catch (err) {
      if (!this.stopping.signal.aborted) this.stuck = err instanceof IdentitiesError && err.timedOut;
      throw err;
    }
  }

  /** While stuck, one check at a time goes unwaited for: its answer ends the run of time-outs. Its outcome is not used. */
  private probe(uuid: string): void {
    if (this.probing || this.stopping.signal.aborted) return;
    this.probing = true;
    void this.listed(uuid)
      .catch(() => undefined)
      .finally(() => {
        this.probing = false;
      });
  }

  /** A stop begins: the check in flight is given up, and no further one waits (their messages count as members'). */
  stop(): void {
    this.stopping.abort();
  }

  /**
   * Whether a received item is a Signal moderator's message that reached
   * Signal's server before her last re-admission: signal-cli held it while
   * her changed identity was untrusted and handed it over when the operator
   * trusted it, days later perhaps. Signal's server clock, not her phone's
   * (a phone running behind would have her fresh messages dropped, one
   * running ahead would let a held one through); her phone's only when the
   * envelope lacks the server's time (signal-cli always sets it). It acts on nothing, not even as a
   * member's (a stale ALERT, a CHECKIN or an OK out of its time); she is told
   * once, in her language, to send again what still matters.
   */
  heldBeforeReadmission(item: unknown): boolean {
    const msg = parseSignalItem(item);
    if (!msg || !this.uuids.has(msg.sender.address)) return false;
    const uuid = msg.sender.address;
    const { db, vault, log, now } = this.deps;
    try {
      return db.transaction(() => {
        if (!sentBeforeReadmission(db, vault, uuid, msg.serverReceivedAt ?? msg.sentAt)) return false;
        log.info({ moderator: this.position(uuid) }, 'dropped a message a Signal moderator sent before her re-admission (held by signal-cli until then)');
        if (noteReadmission(db, vault, uuid)) {
          const member = moderatorMember(db, vault, { channel: 'signal', address: uuid }, now());
          enqueueMessage(db, vault, member.id, this.deps.readmitNote(member.lang), now());
          db.onCommit(this.deps.wake);
        }
        return true;
      });
    } catch (err) {
      // Not known to be stale: handled as any message (a failing database parks it there).
      log.warn({ err: safeError(err), moderator: this.position(uuid) }, "could not read a Signal moderator's re-admission");
      return false;
    }
  }

  /** Whether a sender listed in MODERATORS may use moderator commands: over Signal, only with their recorded identity, checked for this message. */
  trusted(sender: Sender): boolean {
    if (sender.channel !== 'signal' || !this.uuids.has(sender.address)) return true;
    if (this.unchecked.has(sender.address)) return false;
    return moderatorIdentityTrusted(this.deps.db, this.deps.vault, sender.address);
  }

  private position(uuid: string): number {
    return this.deps.moderators.indexOf(uuid) + 1;
  }

  /** Withdraws what waits for the moderator and queues the notice to every other moderator, in the caller's transaction. */
  private tellOthers(uuid: string): void {
    const { db, vault, log, now } = this.deps;
    const position = this.position(uuid);
    log.warn({ moderator: position }, `a Signal moderator's identity changed: not trusted for moderator commands until re-admitted (${adminCommand('signal-readmit')})`);
    const t = now();
    // Queued before the change was known: nothing more goes to the new phone until they are re-admitted.
    const self = findMember(db, vault, { channel: 'signal', address: uuid });
    if (self) withdrawFromChangedModerator(db, self.id, t);
    eraseWaitingTo(db, vault, [uuid]);
    const others = this.deps.contacts.filter((c) => c.address !== uuid);
    for (const contact of others) {
      const member = moderatorMember(db, vault, contact, t);
      enqueueMessage(db, vault, member.id, this.deps.notice(member.lang, position), t);
    }
    if (others.length > 0) db.onCommit(this.deps.wake);
    // What follows from one moderator fewer (a check-in relying on them now reaching no one) is decided by the
    // check-in timers (jobs/checkin-timers.ts): after her message is handled, and again should it fail.
    markModeratorsGone(db, t);
  }
}
