/**
 * Signal moderators' identities: the fingerprint of each moderator's identity
 * key, sealed, recorded the first time it is seen. A moderator whose identity
 * changed (a new phone, or an account taken over) stays untrusted until an
 * operator re-admits them; nothing here ever trusts a changed identity by
 * itself.
 */
import type { Db } from './db';
import type { Vault } from './vault';

const TABLE = 'moderator_identities';

/** What one sighting of a moderator's identity means. */
export type IdentityVerdict =
  /** Recorded now, for the first time: trusted from now on. */
  | 'first'
  /** The identity recorded before: trusted. */
  | 'same'
  /** It differs from the recorded one: no longer trusted, from now on (tell the other moderators). */
  | 'changed'
  /** Already not trusted since an earlier change: nothing new to tell. */
  | 'still_changed';

interface Row {
  id: number;
  identity_ct: Buffer;
  key_version: number;
  state: 'trusted' | 'changed';
}

function find(db: Db, vault: Vault, uuid: string): Row | undefined {
  return db.stmt(`SELECT id, identity_ct, key_version, state FROM ${TABLE} WHERE moderator_bidx = ?`).get(vault.index('moderator', uuid)) as Row | undefined;
}

function insert(db: Db, vault: Vault, uuid: string, identity: string, state: Row['state'], now: number): void {
  // Inside the caller's write transaction: the id is ours until the commit.
  const id = (db.stmt(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${TABLE}`).get() as { id: number }).id;
  db.stmt(
    `INSERT INTO ${TABLE} (id, moderator_bidx, moderator_ct, identity_ct, key_version, state, seen_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    vault.index('moderator', uuid),
    vault.seal(uuid, { table: TABLE, column: 'moderator', row: id }),
    vault.seal(identity, { table: TABLE, column: 'identity', row: id }),
    vault.keyVersion,
    state,
    now,
    state === 'changed' ? now : null,
  );
}

/**
 * Compares a sighting of a moderator's identity with the record, in one
 * transaction. `alreadyUntrusted` is signal-cli's own verdict: a first
 * sighting of a key it already marks untrusted (it saw an earlier one) is
 * recorded as changed, never trusted.
 */
export function observeModeratorIdentity(db: Db, vault: Vault, uuid: string, identity: string, alreadyUntrusted: boolean, now: number): IdentityVerdict {
  return db.transaction(() => {
    const row = find(db, vault, uuid);
    if (!row) {
      insert(db, vault, uuid, identity, alreadyUntrusted ? 'changed' : 'trusted', now);
      return alreadyUntrusted ? 'changed' : 'first';
    }
    if (row.state === 'changed') return 'still_changed';
    const recorded = vault.open(row.identity_ct, { table: TABLE, column: 'identity', row: row.id }, row.key_version);
    if (recorded === identity) {
      db.stmt(`UPDATE ${TABLE} SET seen_at = ? WHERE id = ?`).run(now, row.id);
      return 'same';
    }
    db.stmt(`UPDATE ${TABLE} SET state = 'changed', changed_at = ?, seen_at = ? WHERE id = ?`).run(now, now, row.id);
    return 'changed';
  });
}

/** Whether a moderator's recorded identity is trusted (false when none is recorded yet, or it changed). */
export function moderatorIdentityTrusted(db: Db, vault: Vault, uuid: string): boolean {
  return find(db, vault, uuid)?.state === 'trusted';
}

/**
 * Whether a message queued at `queuedAt` for `uuid` was meant for the phone
 * they had before their identity changed (not re-admitted since): it must not
 * go to the new one. What is queued after the change is a member's treatment.
 */
export function queuedBeforeIdentityChange(db: Db, vault: Vault, uuid: string, queuedAt: number): boolean {
  const row = db.stmt(`SELECT changed_at FROM ${TABLE} WHERE moderator_bidx = ? AND state = 'changed'`).get(vault.index('moderator', uuid)) as
    | { changed_at: number }
    | undefined;
  return row !== undefined && queuedAt < row.changed_at;
}

/** Whether a moderator's recorded identity changed and awaits re-admission (false when none is recorded yet). */
export function moderatorIdentityChanged(db: Db, vault: Vault, uuid: string): boolean {
  return find(db, vault, uuid)?.state === 'changed';
}

/**
 * The moderators' contacts anything may be queued for: not a Signal
 * moderator whose identity changed (a new phone, or an account taken over),
 * until an operator re-admits them; signal-cli may well send to the new
 * identity. Report notices and check-in escalations alike.
 */
export function reachableModerators<T extends { channel: string; address: string }>(db: Db, vault: Vault, contacts: readonly T[]): T[] {
  return contacts.filter((c) => c.channel !== 'signal' || !moderatorIdentityChanged(db, vault, c.address));
}

/**
 * An operator is re-admitting a moderator (before signal-cli trusts her
 * identity, which hands over what it held from her): what she sent before
 * `now` is to act on nothing, and she is to be told so once.
 */
export function markReadmission(db: Db, vault: Vault, uuid: string, now: number): void {
  db.stmt(`UPDATE ${TABLE} SET readmitted_at = ?, readmit_noted = 0 WHERE moderator_bidx = ?`).run(now, vault.index('moderator', uuid));
}

/** An operator re-admits a moderator after checking in person: `identity` is trusted from now on (`now` as markReadmission had it). */
export function readmitModerator(db: Db, vault: Vault, uuid: string, identity: string, now: number): void {
  db.transaction(() => {
    let row = find(db, vault, uuid);
    if (!row) {
      insert(db, vault, uuid, identity, 'trusted', now);
      row = find(db, vault, uuid) as Row;
    }
    db.stmt(
      `UPDATE ${TABLE} SET identity_ct = ?, moderator_ct = ?, key_version = ?, state = 'trusted', seen_at = ?, changed_at = NULL, readmitted_at = ? WHERE id = ?`,
    ).run(
      vault.seal(identity, { table: TABLE, column: 'identity', row: row.id }),
      vault.seal(uuid, { table: TABLE, column: 'moderator', row: row.id }),
      vault.keyVersion,
      now,
      now,
      row.id,
    );
  });
}

/** Whether a moderator's message that reached Signal at `receivedAt` (Signal's server clock) came before her last re-admission (signal-cli held it till then). */
export function sentBeforeReadmission(db: Db, vault: Vault, uuid: string, receivedAt: number): boolean {
  const row = db.stmt(`SELECT readmitted_at FROM ${TABLE} WHERE moderator_bidx = ?`).get(vault.index('moderator', uuid)) as { readmitted_at: number | null } | undefined;
  return row !== undefined && row.readmitted_at !== null && receivedAt < row.readmitted_at;
}

/** Marks her told that what she sent before her re-admission acted on nothing; true the first time since that re-admission only. */
export function noteReadmission(db: Db, vault: Vault, uuid: string): boolean {
  return db.stmt(`UPDATE ${TABLE} SET readmit_noted = 1 WHERE moderator_bidx = ? AND readmit_noted = 0`).run(vault.index('moderator', uuid)).changes === 1;
}

/**
 * Erases the records of Signal moderators no longer in MODERATORS (run at
 * start): who moderated the line is kept only while they do. Someone added
 * back is recorded afresh at their next message, as any new moderator is.
 * Returns how many were erased.
 */
export function forgetFormerModerators(db: Db, vault: Vault, uuids: readonly string[]): number {
  const kept = new Set(uuids.map((uuid) => vault.index('moderator', uuid).toString('hex')));
  return db.transaction(() => {
    const rows = db.stmt(`SELECT id, moderator_bidx FROM ${TABLE}`).all() as Array<{ id: number; moderator_bidx: Buffer }>;
    const former = rows.filter((r) => !kept.has(r.moderator_bidx.toString('hex')));
    for (const r of former) db.stmt(`DELETE FROM ${TABLE} WHERE id = ?`).run(r.id);
    return former.length;
  });
}
