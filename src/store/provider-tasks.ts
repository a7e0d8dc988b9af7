/**
 * Provider tasks: calls owed to the provider once a message is finished
 * (redact a sent body, delete a handled inbound message). Durable: a task is
 * written with the effect that makes it due and deleted only once done or
 * given up, so a crash repeats at most the calls of the task in flight
 * (harmless: a message already cleaned is "not found"). The message ids are
 * sealed and leave the database with their row.
 */
import type { Db } from './db';
import type { Vault } from './vault';

export type ProviderTaskKind = 'redact' | 'delete';

const SID = { table: 'provider_tasks', column: 'sid' } as const;

/** Twilio's message ids (the pattern of the Messages/{Sid} path): nothing else is sent to a URL path. */
const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;

/**
 * One row, one call or a batch of them: a sent message's redaction is one
 * id; the deletions of the inbound messages of a moment share a row, so a
 * webhook costs no seal and no insert of its own.
 */
export interface ProviderTask {
  id: number;
  kind: ProviderTaskKind;
  sids: string[];
  /** Tries so far, this one included. */
  attempts: number;
}

/**
 * Queues one task about messages `sids`, due at `dueAt`; ids that are not
 * message ids are left out. Returns the row id, or null when none is left.
 * The ciphertext is bound to its row, so the id is read before the insert.
 */
export function enqueueProviderTask(db: Db, vault: Vault, kind: ProviderTaskKind, sids: readonly string[], dueAt: number, attempts = 0): number | null {
  const valid = sids.filter((sid) => MESSAGE_SID.test(sid));
  if (valid.length === 0) return null;
  return db.transaction(() => {
    const id = (db.stmt("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'provider_tasks'), 0) + 1 AS id").get() as { id: number }).id;
    db.stmt('INSERT INTO provider_tasks (id, kind, sid_ct, key_version, due_at, attempts) VALUES (?, ?, ?, ?, ?, ?)').run(
      id,
      kind,
      vault.seal(JSON.stringify(valid), { ...SID, row: id }),
      vault.keyVersion,
      dueAt,
      attempts,
    );
    return id;
  });
}

/** The ids a row holds: a JSON list, or (rows written before batches) one bare id. */
function sidsOf(plain: string): string[] {
  if (!plain.startsWith('[')) return [plain];
  const list = JSON.parse(plain) as unknown;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string' && MESSAGE_SID.test(s))) throw new Error('not a list of message ids');
  return list as string[];
}

/** Claims up to `limit` due tasks, oldest due first, leased (and due again) until `leaseUntil`. Unreadable rows are dropped. */
export function claimProviderTasks(db: Db, vault: Vault, now: number, limit: number, leaseUntil: number): ProviderTask[] {
  return db.transaction(() => {
    const rows = db
      .stmt('SELECT id, kind, sid_ct, key_version, attempts FROM provider_tasks WHERE due_at <= ? ORDER BY due_at LIMIT +?')
      .all(now, limit) as Array<{ id: number; kind: ProviderTaskKind; sid_ct: Buffer; key_version: number; attempts: number }>;
    const lease = db.stmt('UPDATE provider_tasks SET attempts = attempts + 1, due_at = ?, lease_until = ? WHERE id = ?');
    const tasks: ProviderTask[] = [];
    for (const r of rows) {
      let sids: string[];
      try {
        sids = sidsOf(vault.open(r.sid_ct, { ...SID, row: r.id }, r.key_version));
      } catch {
        // Never opens: claiming it again and again would not help.
        finishProviderTask(db, r.id);
        continue;
      }
      lease.run(leaseUntil, leaseUntil, r.id);
      tasks.push({ id: r.id, kind: r.kind, sids, attempts: r.attempts + 1 });
    }
    return tasks;
  });
}

/** Erases a task (done, or given up): its message ids go with it. */
export function finishProviderTask(db: Db, id: number): void {
  db.stmt('DELETE FROM provider_tasks WHERE id = ?').run(id);
}

/** Keeps only `sids` of a task (the calls still owed), with `attempts` tries so far, due again at `dueAt`. */
export function retryProviderTask(db: Db, vault: Vault, id: number, sids: readonly string[], attempts: number, dueAt: number): void {
  db.stmt('UPDATE provider_tasks SET sid_ct = ?, key_version = ?, attempts = ?, due_at = ?, lease_until = 0 WHERE id = ?').run(
    vault.seal(JSON.stringify(sids), { ...SID, row: id }),
    vault.keyVersion,
    attempts,
    dueAt,
    id,
  );
}

/**
 * Erases tasks due before `before` that no worker took up (the line turned
 * TWILIO_REDACT off, or stopped using Twilio): a worker finishes or gives
 * up on a task within hours, and its sealed ids must not outlive retention.
 */
export function eraseStaleProviderTasks(db: Db, before: number): number {
  return db.stmt('DELETE FROM provider_tasks WHERE due_at < ?').run(before).changes;
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
