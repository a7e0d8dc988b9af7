/**
 * Senders silenced by BLOCK, held as reporter indexes so the list names no
 * one. A block holds for the number (over SMS, and over Signal showing it)
 * unless it is of one channel only (BLOCK of a join request): then it holds
 * for messages over that channel alone.
 */
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import { memberSender, personMemberIds } from './members';
import { memberKey } from '../phone/identity';
import type { Vault } from './vault';

/** Silences a sender, and the number it is, over both channels (BLOCK of a report or a check-in). */
export function blockSender(db: Db, reporterKey: Buffer, now: number): void {
  db.stmt('INSERT INTO blocked_senders (reporter_bidx, created_at) VALUES (?, ?) ON CONFLICT (reporter_bidx) DO UPDATE SET channel_only = 0').run(
    reporterKey,
    startOfDay(now),
  );
}

/** Silences a sender over its own channel only (BLOCK of a join request); a block of the number stays one. */
export function blockChannelSender(db: Db, reporterKey: Buffer, now: number): void {
  db.stmt('INSERT OR IGNORE INTO blocked_senders (reporter_bidx, created_at, channel_only) VALUES (?, ?, 1)').run(reporterKey, startOfDay(now));
}

/** Whether a sender is silenced over its own channel (its own reporter index). */
export function isBlocked(db: Db, reporterKey: Buffer): boolean {
  return db.stmt('SELECT 1 FROM blocked_senders WHERE reporter_bidx = ?').get(reporterKey) !== undefined;
}

/** Whether a number is silenced over both channels: a Signal sender showing it is then silenced too. */
export function isNumberBlocked(db: Db, numberReporterKey: Buffer): boolean {
  return db.stmt('SELECT 1 FROM blocked_senders WHERE reporter_bidx = ? AND channel_only = 0').get(numberReporterKey) !== undefined;
}

/** Whether a sender is silenced: over its own channel, or (over Signal showing a number) as that number. */
export function senderBlocked(db: Db, who: { reporterKey: Buffer; phoneReporterKey?: Buffer }): boolean {
  return isBlocked(db, who.reporterKey) || (who.phoneReporterKey !== undefined && isNumberBlocked(db, who.phoneReporterKey));
}

/** Silences a person by her member row, on either channel, as BLOCK of her report would. */
export function blockMember(db: Db, vault: Vault, memberId: number, now: number): void {
  for (const id of personMemberIds(db, memberId)) {
    const key = reporterKeyOf(db, vault, id);
    if (key) blockSender(db, key, now);
  }
}

/**
 * Whether a person (by her member row) is silenced: this membership by any
 * block, her linked twin by a block of the number or of the person only (a
 * block of one channel, as of a join request, stays on that channel).
 */
export function memberBlocked(db: Db, vault: Vault, memberId: number): boolean {
  return personMemberIds(db, memberId).some((id) => {
    const key = reporterKeyOf(db, vault, id);
    return key !== undefined && (id === memberId ? isBlocked(db, key) : isNumberBlocked(db, key));
  });
}

/** A membership's reporter index; none for a row that will not open (a damaged value must not fail a check-in's escalation). */
function reporterKeyOf(db: Db, vault: Vault, memberId: number): Buffer | undefined {
  try {
    const sender = memberSender(db, vault, memberId);
    return sender ? vault.index('reporter', memberKey(sender)) : undefined;
  } catch {
    return undefined;
  }
}
