/**
 * SUBSCRIBE_MODE switched from approval to open: the join requests still
 * waiting are admitted at start, as a moderator's APPROVE admits one
 * (bot/moderator-decisions.ts admit), each applicant told once through the
 * outbox, in her language. Left otherwise, they would wait forever under a
 * line that no longer asks anyone to decide.
 */
import { catalog } from '../bot/catalog';
import type { Db } from '../store/db';
import { memberBlocked } from '../store/blocks';
import { closeRequest } from '../store/member-requests';
import { memberDiscreet, memberLang, memberStatus, setMemberStatus } from '../store/members';
import { enqueueMessage } from '../store/outbox';
import { listAreas, subscribe } from '../store/subscriptions';
import type { Vault } from '../store/vault';

/** Admits every waiting request, inside one transaction; returns how many were admitted and how many left waiting (blocked). */
export function admitWaitingRequests(db: Db, vault: Vault, maxAreas: number, now: number): { admitted: number; blocked: number } {
  return db.transaction(() => {
    let admitted = 0;
    let blocked = 0;
    for (const r of db.stmt('SELECT id, member_id, npas FROM member_requests ORDER BY id').all() as Array<{ id: number; member_id: number; npas: string }>) {
      const memberId = r.member_id;
      // Blocked since she asked: never let in unasked; her request stays for a moderator to REJECT.
      if (memberBlocked(db, vault, memberId)) {
        blocked++;
        continue;
      }
      // An address found unable to receive stays marked so: admission adds her areas only.
      if (memberStatus(db, memberId) === 'pending') setMemberStatus(db, memberId, 'active');
      // Never past MAX_AREAS (it may have been lowered since she asked).
      const room = maxAreas - listAreas(db, memberId).length;
      subscribe(db, memberId, r.npas.split(',').slice(0, Math.max(0, room)), now);
      closeRequest(db, r.id, now);
      const t = catalog(memberLang(db, memberId));
      const areas = listAreas(db, memberId);
      // Sent unasked, to a lock screen: a discreet member's names nothing of the line.
      enqueueMessage(db, vault, memberId, memberDiscreet(db, memberId) ? t.discreetAdmitted(areas) : t.admitted(areas), now);
      admitted++;
    }
    return { admitted, blocked };
  });
}
