/**
 * Signal's rate-limit challenges, seen from the server: a refused send hands
 * over the challenge token, which is recorded for `doctor` and
 * `heads-up signal-captcha`; SMS moderators get one notice per challenge;
 * once the operator's captcha is submitted, the server notices it (it looks
 * every `pollMs`) and resumes Signal sends at once, without a restart.
 */
import { catalog } from '../../bot/catalog';
import { safeError } from '../../log/safe-error';
import type { Logger } from '../../log/logger';
import type { Sender } from '../../phone/identity';
import type { Db } from '../../store/db';
import { moderatorMember } from '../../store/members';
import { enqueueMessage } from '../../store/outbox';
import { claimSubmission, clearChallenge, markChallengeTold, recordChallenge } from '../../store/signal-challenge';
import type { Vault } from '../../store/vault';
import { adminCommand } from '../../util/admin-command';

export interface SignalChallengeWatchDeps {
  db: Db;
  vault: Vault;
  log: Logger;
  /** Moderators reached by SMS (empty when SMS is not configured). */
  smsModerators: readonly Sender[];
  /** Wakes the dispatcher after a notice was queued. */
  wake: () => void;
  /** Ends the Signal pause now (the sender's and its lane's). */
  resume: () => void;
  now: () => number;
  pollMs?: number;
}

export class SignalChallengeWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: SignalChallengeWatchDeps) {}

  /** A send was refused with a challenge token. Never throws (it runs inside a send). */
  onChallenge(token: string): void {
    const { db, vault, log, now } = this.deps;
    try {
      db.transaction(() => {
        if (!recordChallenge(db, token, now())) return;
        const t = now();
        for (const contact of this.deps.smsModerators) {
          const member = moderatorMember(db, vault, contact, t);
          // In her language, as every moderator notice (modSignalCaptcha).
          enqueueMessage(db, vault, member.id, catalog(member.lang).modSignalCaptcha(), t);
        }
        markChallengeTold(db, t);
        if (this.deps.smsModerators.length > 0) db.onCommit(this.deps.wake);
        log.warn({ smsModeratorsTold: this.deps.smsModerators.length }, `Signal demands a captcha (rate-limit challenge): ${adminCommand('doctor')} shows it; ${adminCommand('signal-captcha')} lifts it`);
      });
    } catch (err) {
      log.error({ err: safeError(err) }, 'could not record a Signal rate-limit challenge');
    }
  }

  /** Signal accepts messages again: the challenge is over. */
  onRecovered(): void {
    try {
      clearChallenge(this.deps.db);
      this.deps.log.info('Signal accepts messages again; the rate-limit challenge is over');
    } catch (err) {
      this.deps.log.error({ err: safeError(err) }, 'could not clear the Signal rate-limit challenge');
    }
  }

  /** Resumes Signal sends if a captcha was submitted since the last look; returns whether it did. */
  check(): boolean {
    if (!claimSubmission(this.deps.db, this.deps.now())) return false;
    this.deps.log.info('a captcha was submitted for the Signal rate limit: resuming Signal sends');
    this.deps.resume();
    return true;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.check();
      } catch (err) {
        this.deps.log.error({ err: safeError(err) }, 'looking for a submitted Signal captcha failed');
      }
    }, this.deps.pollMs ?? 2_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
