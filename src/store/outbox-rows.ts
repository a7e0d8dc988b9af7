/**
 * What an outbox row is, and how its sealed parts open: the queue, the
 * lanes' claims, status reports and withdrawals all read rows this way.
 */
import type { Channel } from '../domain/channel';
import type { Lang } from '../domain/lang';
import type { Vault } from './vault';

/** Where a row's sealed text and address are bound (a sealed value opens only in its own row). */
export const BODY = { table: 'outbox', column: 'body' } as const;
export const ADDRESS = { table: 'outbox', column: 'address' } as const;

/** Replies, notices and admissions go before alerts. */
export const PRIORITY = { urgent: 0, bulk: 1 } as const;

/** A claimed row with what is needed to send it (still sealed). */
export interface ClaimedRow {
  id: number;
  /** Null for a row addressed directly (address_ct is then the row's own). */
  member_id: number | null;
  channel: Channel;
  /** PRIORITY.urgent or PRIORITY.bulk. */
  priority: number;
  member_status: string | null;
  lang: Lang;
  address_ct: Buffer | null;
  address_kv: number;
  alert_id: number | null;
  body_ct: Buffer | null;
  key_version: number;
  /** Tries so far, this one included; `throttles` of them were answered "too many requests". */
  attempts: number;
  throttles: number;
  created_at: number;
  /** 1 when an alert goes to this member as a neutral notice (discreet now, or unread from when they were). */
  discreet: number;
  /** 1 for a message to a buddy by their number (a check-in escalation, a message about the link): a buddy's STOP stops it. */
  to_buddy: number;
}

/** A row addressed directly, as read to open its address. */
export type AddressedRow = { id: number; address_ct: Buffer; key_version: number };

/** Opens a one-off message body. */
export function openBody(vault: Vault, row: Pick<ClaimedRow, 'id' | 'body_ct' | 'key_version'>): string {
  if (!row.body_ct) throw new Error('outbox row has no body');
  return vault.open(row.body_ct, { ...BODY, row: row.id }, row.key_version);
}

/** Opens the address of a row with no member (see enqueueReply). */
export function openRowAddress(vault: Vault, row: Pick<ClaimedRow, 'id' | 'address_ct' | 'key_version'>): string {
  if (!row.address_ct) throw new Error('outbox row has no address');
  return vault.open(row.address_ct, { ...ADDRESS, row: row.id }, row.key_version);
}

/** A one-off row's address and text, or null when either will not open (a damaged value: the row stays where it is). */
export function openCopy(vault: Vault, row: Pick<ClaimedRow, 'id' | 'address_ct' | 'body_ct' | 'key_version'>): { address: string; body: string } | null {
  try {
    return { address: openRowAddress(vault, row), body: openBody(vault, row) };
  } catch {
    return null;
  }
}

/**
 * The address of a row with no member, or undefined when it cannot be opened:
 * a damaged address is nobody's we can name (the dispatcher fails the row).
 * For DELETE's look through rows that may be anyone's.
 */
export function readableRowAddress(vault: Vault, row: AddressedRow): string | undefined {
  try {
    return openRowAddress(vault, row);
  } catch {
    return undefined;
  }
}

/** A row for a buddy (SQL over `o`): a check-in escalation or an invitation, addressed directly (no member row). */
export const TO_BUDDY = `o.member_id IS NULL AND (EXISTS (SELECT 1 FROM checkin_messages c WHERE c.outbox_id = o.id AND c.kind = 'escalation')
         OR EXISTS (SELECT 1 FROM buddy_messages b WHERE b.outbox_id = o.id))`;
