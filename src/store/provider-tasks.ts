/**
 * Provider tasks: calls owed to the provider once a message is finished
 * (redact a sent body, delete a handled inbound message). Durable: a task is
 * written with the effect that makes it due and deleted only once done or
 * given up, so a crash repeats at most the call in flight. The message id is
 * sealed and leaves the database with its row.
 */
import type { Db } from './db';
import type { Vault } from './vault';

export type ProviderTaskKind = 'redact' | 'delete';

const SID = { table: 'provider_tasks', column: 'sid' } as const;

/** Twilio's message ids (the pattern of the Messages/{Sid} path): nothing else is sent to a URL path. */
const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

export interface ProviderTask {
  id: number;
  kind: ProviderTaskKind;
  sid: string;
  /** Tries so far, this one included. */
  attempts: number;
}

/** Queues a task about message `sid`, due at `dueAt`; an id that is not a message id is ignored. Returns the row id, or null. */
export function enqueueProviderTask(db: Db, vault: Vault, kind: ProviderTaskKind, sid: string, dueAt: number): number | null {
  return enqueueProviderTasks(db, vault, kind, [sid], dueAt)[0] ?? null;
}

/**
 * Queues a task per message id in one transaction (ids that are not message
 * ids are left out); returns the row ids. The next row id is read once: the
 * ciphertext is bound to its row, so the id must be known before the insert.
 */
export function enqueueProviderTasks(db: Db, vault: Vault, kind: ProviderTaskKind, sids: string[], dueAt: number): number[] {
  const valid = sids.filter((sid) => MESSAGE_SID.test(sid));
  if (valid.length === 0) return [];
  return db.transaction(() => {
    let id = (db.stmt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'provider_tasks'), 0) AS id").get() as { id: number }).id;
    const insert = db.stmt('INSERT INTO provider_tasks (id, kind, sid_ct, key_version, due_at) VALUES (?, ?, ?, ?, ?)');
    return valid.map((sid) => {
      id++;
      insert.run(id, kind, vault.seal(sid, { ...SID, row: id }), vault.keyVersion, dueAt);
      return id;
    });
  });
}

/** Claims up to `limit` due tasks, oldest due first, leased (and due again) until `leaseUntil`. Unreadable rows are dropped. */
export function claimProviderTasks(db: Db, vault: Vault, now: number, limit: number, leaseUntil: number): ProviderTask[] {
  return db.transaction(() => {
    const rows = db
      .stmt('SELECT id, kind, sid_ct, key_version, attempts FROM provider_tasks WHERE due_at <= ? ORDER BY due_at LIMIT ?')
      .all(now, limit) as Array<{ id: number; kind: ProviderTaskKind; sid_ct: Buffer; key_version: number; attempts: number }>;
    const lease = db.stmt('UPDATE provider_tasks SET attempts = attempts + 1, due_at = ?, lease_until = ? WHERE id = ?');
    const tasks: ProviderTask[] = [];
    for (const r of rows) {
      let sid: string;
      try {
        sid = vault.open(r.sid_ct, { ...SID, row: r.id }, r.key_version);
      } catch {
        // Never opens: claiming it again and again would not help.
        finishProviderTask(db, r.id);
        continue;
      }
      lease.run(leaseUntil, leaseUntil, r.id);
      tasks.push({ id: r.id, kind: r.kind, sid, attempts: r.attempts + 1 });
    }
    return tasks;
  });
}

/** Erases a task (done, or given up): its message id goes with it. */
export function finishProviderTask(db: Db, id: number): void {
  db.stmt('DELETE FROM provider_tasks WHERE id = ?').run(id);
}

/** Makes a task due again at `dueAt`. */
export function retryProviderTask(db: Db, id: number, dueAt: number): void {
  db.stmt('UPDATE provider_tasks SET due_at = ?, lease_until = 0 WHERE id = ?').run(dueAt, id);
}

/** At start-up no call is in flight: leased tasks are due now. */
export function releaseProviderLeases(db: Db, now: number): number {
  return db.stmt('UPDATE provider_tasks SET due_at = ?, lease_until = 0 WHERE lease_until > 0').run(now).changes;
}

/** The earliest due time of a task, or null. */
export function nextProviderTaskDue(db: Db): number | null {
  return (db.stmt('SELECT min(due_at) AS d FROM provider_tasks').get() as { d: number | null }).d;
}

/** Tasks waiting (metrics, tests). */
export function countProviderTasks(db: Db): number {
  return (db.stmt('SELECT count(*) AS n FROM provider_tasks').get() as { n: number }).n;
}
