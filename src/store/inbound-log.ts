/**
 * Provider message ids already handled, with the reply given, so a webhook
 * the provider retries is answered the same way but acted on once.
 */
import type { Db } from './db';
import type { Vault } from './vault';

const SLOT = { table: 'inbound_messages', column: 'reply' } as const;

/** The key a provider message id is remembered under. */
export function inboundIndex(vault: Vault, channel: string, providerId: string): Buffer {
  return vault.index('inbound', `${channel}:${providerId}`);
}

/** The reply given to an already-handled message: a string, null for "no reply", undefined if unseen. */
export function previousReply(db: Db, vault: Vault, key: Buffer): string | null | undefined {
  const row = db.stmt('SELECT reply_ct, key_version FROM inbound_messages WHERE provider_bidx = ?').get(key) as
    | { reply_ct: Buffer | null; key_version: number }
    | undefined;
  if (!row) return undefined;
  return row.reply_ct ? vault.open(row.reply_ct, { ...SLOT, row: key.toString('hex') }, row.key_version) : null;
}

/** Records that a message was handled and what was answered. */
export function rememberReply(db: Db, vault: Vault, key: Buffer, reply: string | null, now: number): void {
  db
    .stmt('INSERT INTO inbound_messages (provider_bidx, reply_ct, key_version, created_at) VALUES (?, ?, ?, ?)')
    .run(key, reply === null ? null : vault.seal(reply, { ...SLOT, row: key.toString('hex') }), vault.keyVersion, now);
}
