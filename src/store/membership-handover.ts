/**
 * What keeps a person safe, handed from a membership about to be erased by a moderator's refusal (REJECT,
 * BLOCK of its join request) to her twin on the other channel that stays: one phone showing one number is one
 * person, who may start a check-in and ask buddies from a membership still waiting (bot/person.ts).
 */
import { removeBuddy } from './buddy-erasure';
import { moveBuddyRows, sharedLinks } from './buddy-handover';
import { eraseCheckin } from './checkins';
import type { Db } from './db';
import type { Vault } from './vault';

/**
 * Moves `from`'s check-ins (running and escalated, with their references and a reminder not yet sent),
 * accepted links and the messages about them, the numbers that declined her, and DISCREET, to `to`. An invitation not
 * yet answered is withdrawn as DELETE withdraws it: the moderator refused the membership that asked. Where
 * both hold one, the latest running check-in stays, and `to`'s link to a number unless only `from`'s was
 * accepted. The caller erases what is left of `from` with its row, and the WAL soon.
 */
export function handOverToTwin(db: Db, vault: Vault, from: number, to: number): void {
  db.transaction(() => {
    const invited = db.stmt("SELECT id FROM buddies WHERE member_id = ? AND status = 'invited'").all(from) as Array<{ id: number }>;
    for (const { id } of invited) removeBuddy(db, vault, id);
    // One running check-in a person: a CHECKIN on either channel replaces the other's, so the latest is hers.
    const open = db.stmt("SELECT id FROM checkins WHERE member_id IN (?, ?) AND state = 'open' ORDER BY id").all(from, to) as Array<{ id: number }>;
    for (const { id } of open.slice(0, -1)) eraseCheckin(db, id);
    // A reminder still waiting to go to `from` would go with its row: it is asked for again, due when it was.
    const reminders = db
      .stmt(
        "SELECT o.id, o.due_at, c.checkin_id FROM outbox o JOIN checkin_messages c ON c.outbox_id = o.id WHERE o.member_id = ? AND o.state = 'pending' AND c.kind = 'reminder'",
      )
      .all(from) as Array<{ id: number; due_at: number; checkin_id: number }>;
    for (const r of reminders) {
      db.stmt('DELETE FROM outbox WHERE id = ?').run(r.id);
      db.stmt("UPDATE checkins SET remind_at = ? WHERE id = ? AND state = 'open'").run(r.due_at, r.checkin_id);
    }
    db.stmt('UPDATE checkins SET member_id = ? WHERE member_id = ?').run(to, from);
    db.stmt('UPDATE checkin_refs SET member_id = ? WHERE member_id = ?').run(to, from);
    // A number both asked: the link it accepted stays, wherever it was asked. Links are kept under an index of
    // their member (buddy-indexes.ts), so the two are told apart by their opened numbers.
    const pairs = sharedLinks(db, vault, from, to);
    const superseded = pairs.filter(([f, t]) => t.status === 'invited' && f.status === 'accepted');
    for (const [, t] of superseded) removeBuddy(db, vault, t.id);
    // A number that accepted both: `to`'s link stays, and who her escalations told (by link) names it, or her OK
    // would tell no one and a failed Signal escalation find no number to go to by SMS.
    for (const [f, t] of pairs.filter((p) => !superseded.includes(p))) {
      db.stmt('UPDATE checkin_messages SET buddy_id = ? WHERE buddy_id = ?').run(t.id, f.id);
      db.stmt('UPDATE checkin_told SET buddy_id = ? WHERE buddy_id = ?').run(t.id, f.id);
    }
    moveBuddyRows(db, vault, from, to);
    db.stmt('UPDATE buddy_messages SET member_id = ? WHERE member_id = ?').run(to, from);
    // One phone: what she asked to be discreet stays so once the membership that asked is gone (her reminder, her notices).
    db.stmt('UPDATE members SET discreet = 1 WHERE id = ? AND (SELECT discreet FROM members WHERE id = ?) = 1').run(to, from);
  });
}
