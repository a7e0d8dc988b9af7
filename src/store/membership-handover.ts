/**
 * What keeps a person safe, handed from a membership about to be erased by a moderator's refusal (REJECT,
 * BLOCK of its join request) to her twin on the other channel that stays: one phone showing one number is one
 * person, who may start a check-in and ask buddies from a membership still waiting (bot/person.ts).
 */
import { removeBuddy } from './buddy-erasure';
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
    // A number both asked: the link it accepted stays, wherever it was asked.
    const superseded = db
      .stmt("SELECT t.id FROM buddies t JOIN buddies f ON f.buddy_bidx = t.buddy_bidx WHERE t.member_id = ? AND t.status = 'invited' AND f.member_id = ? AND f.status = 'accepted'")
      .all(to, from) as Array<{ id: number }>;
    for (const { id } of superseded) removeBuddy(db, vault, id);
    // A number that accepted both: `to`'s link stays, and who her escalations told (by link) names it, or her OK
    // would tell no one and a failed Signal escalation find no number to go to by SMS.
    const both = db
      .stmt('SELECT f.id AS gone, t.id AS kept FROM buddies f JOIN buddies t ON t.buddy_bidx = f.buddy_bidx WHERE f.member_id = ? AND t.member_id = ?')
      .all(from, to) as Array<{ gone: number; kept: number }>;
    for (const { gone, kept } of both) {
      db.stmt('UPDATE checkin_messages SET buddy_id = ? WHERE buddy_id = ?').run(kept, gone);
      db.stmt('UPDATE checkin_told SET buddy_id = ? WHERE buddy_id = ?').run(kept, gone);
    }
    db.stmt('UPDATE OR IGNORE buddies SET member_id = ? WHERE member_id = ?').run(to, from);
    db.stmt('UPDATE buddy_messages SET member_id = ? WHERE member_id = ?').run(to, from);
    db.stmt('UPDATE OR IGNORE buddy_declines SET member_id = ? WHERE member_id = ?').run(to, from);
    // One phone: what she asked to be discreet stays so once the membership that asked is gone (her reminder, her notices).
    db.stmt('UPDATE members SET discreet = 1 WHERE id = ? AND (SELECT discreet FROM members WHERE id = ?) = 1').run(to, from);
  });
}
