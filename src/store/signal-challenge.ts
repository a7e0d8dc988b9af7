/**
 * The rate-limit challenge Signal demands of the bot (at most one at a time):
 * the server records it, the admin command submits the captcha for it, and
 * the server resumes Signal sends once it sees the submission. Erased when
 * Signal accepts messages again.
 */
import type { Db } from './db';

/** The challenge on record. */
export interface SignalChallenge {
  token: string;
  seenAt: number;
  toldAt: number;
  submittedAt: number | null;
  resumedAt: number | null;
}

interface Row {
  token: string;
  seen_at: number;
  told_at: number;
  submitted_at: number | null;
  resumed_at: number | null;
}

/** The challenge on record, if any. */
export function readChallenge(db: Db): SignalChallenge | null {
  const r = db.stmt('SELECT token, seen_at, told_at, submitted_at, resumed_at FROM signal_challenge WHERE id = 1').get() as Row | undefined;
  return r ? { token: r.token, seenAt: r.seen_at, toldAt: r.told_at, submittedAt: r.submitted_at, resumedAt: r.resumed_at } : null;
}

/**
 * Records a challenge token from a refused send. The latest token is kept;
 * after a submission a new token opens a new challenge. Returns true when
 * nobody has been told of the challenge yet.
 */
export function recordChallenge(db: Db, token: string, now: number): boolean {
  return db.transaction(() => {
    const open = readChallenge(db);
    if (!open || open.submittedAt !== null) {
      if (open && open.token === token) {
        // Refused again with the same token after the server resumed: the captcha did not lift it. Open
        // again for doctor and signal-captcha (moderators were told already). Before the resume, the
        // refusal was in flight before the submission: nothing new.
        if (open.resumedAt !== null) db.stmt('UPDATE signal_challenge SET submitted_at = NULL, resumed_at = NULL WHERE id = 1').run();
        return false;
      }
      db.stmt('INSERT OR REPLACE INTO signal_challenge (id, token, seen_at, told_at, submitted_at, resumed_at) VALUES (1, ?, ?, 0, NULL, NULL)').run(token, now);
      return true;
    }
    if (open.token !== token) db.stmt('UPDATE signal_challenge SET token = ? WHERE id = 1').run(token);
    return open.toldAt === 0;
  });
}

/** Records that moderators were told of the open challenge. */
export function markChallengeTold(db: Db, now: number): void {
  db.stmt('UPDATE signal_challenge SET told_at = ? WHERE id = 1').run(now);
}

/** Records that the captcha for `token` was accepted by signal-cli-rest-api. */
export function markChallengeSubmitted(db: Db, token: string, now: number): void {
  db.stmt('UPDATE signal_challenge SET submitted_at = ? WHERE id = 1 AND token = ?').run(now, token);
}

/**
 * Claims a submission the server has not acted on yet (true once per
 * submission), and makes the Signal messages held back by the rate limit due
 * now, in one transaction.
 */
export function claimSubmission(db: Db, now: number): boolean {
  return db.transaction(() => {
    const claimed = db.stmt('UPDATE signal_challenge SET resumed_at = ? WHERE id = 1 AND submitted_at IS NOT NULL AND resumed_at IS NULL').run(now).changes === 1;
    if (claimed) {
      db.stmt("UPDATE outbox SET due_at = ? WHERE channel = 'signal' AND state = 'pending' AND due_at > ? AND error LIKE 'throttled%'").run(now, now);
    }
    return claimed;
  });
}

/** Signal accepts messages again: the challenge is over. */
export function clearChallenge(db: Db): void {
  db.stmt('DELETE FROM signal_challenge WHERE id = 1').run();
}
