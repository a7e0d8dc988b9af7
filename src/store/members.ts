/**
 * Members: one row per person per channel, found by a blind index of the
 * channel and address, with the address sealed for sending. Plain functions
 * over (db, vault); the SQL lives here and nowhere else.
 */
import type { Lang } from '../domain/lang';
import { memberKey, type Sender } from '../phone/identity';
import { startOfDay } from './coarse-time';
import type { Db } from './db';
import type { Vault } from './vault';

export type MemberStatus = 'active' | 'pending' | 'stopped' | 'invalid';

export interface MemberRow {
  id: number;
  lang: Lang;
  status: MemberStatus;
}

const SLOT = { table: 'members', column: 'address' } as const;

/** The blind index a member row is found by. */
export function memberIndex(vault: Vault, sender: Pick<Sender, 'channel' | 'address'>): Buffer {
  return vault.index('member', memberKey(sender));
}

/** Finds the member for a sender, if they have a row. */
export function findMember(db: Db, vault: Vault, sender: Pick<Sender, 'channel' | 'address'>): MemberRow | undefined {
  return findMemberByIndex(db, memberIndex(vault, sender));
}

/**
 * A sender's membership on the other channel, found by her number (Signal
 * showing it, or the SMS number a Signal membership showed), for someone
 * with none on this one: OK over Signal for the check-in she started by SMS.
 */
export function otherChannelMember(db: Db, vault: Vault, sender: Sender): number | undefined {
  if (!sender.phone) return undefined;
  if (sender.channel === 'signal') return findMember(db, vault, { channel: 'sms', address: sender.phone })?.id;
  const row = db.stmt("SELECT id FROM members WHERE channel = 'signal' AND phone_bidx = ? LIMIT 1").get(linkIndex(vault, sender.phone)) as { id: number } | undefined;
  return row?.id;
}

/** Finds a member by their address index (see memberIndex), for a caller that needs the index anyway. */
export function findMemberByIndex(db: Db, index: Buffer): MemberRow | undefined {
  return db.stmt('SELECT id, lang, status FROM members WHERE address_bidx = ?').get(index) as MemberRow | undefined;
}

/** Returns the sender's member row, creating it (address sealed) if needed. */
export function ensureMember(
  db: Db,
  vault: Vault,
  sender: Sender,
  lang: Lang,
  now: number,
  status: MemberStatus = 'active',
): MemberRow {
  return db.transaction(() => findMember(db, vault, sender) ?? insertMember(db, vault, sender, lang, now, status));
}

/** The index that links a person's Signal and SMS memberships: of its own purpose, never a row's look-up index. */
export function linkIndex(vault: Vault, phone: string): Buffer {
  return vault.index('link', phone);
}

/**
 * Inserts a member row for a sender known to have none (the caller just
 * looked), address sealed; `discreet` per DISCREET_DEFAULT. A caller that
 * looked with memberIndex passes that index (a blind index is a fair share of a JOIN's work).
 */
export function insertMember(
  db: Db,
  vault: Vault,
  sender: Sender,
  lang: Lang,
  now: number,
  status: MemberStatus,
  discreet = false,
  index: Buffer = memberIndex(vault, sender),
): MemberRow {
  return db.transaction(() => {
    // The link between a person's Signal and SMS memberships, when they show
    // the same number: a Signal row carries it whenever its number is
    // visible; an SMS row only once such a Signal twin exists (found through
    // the small index of Signal rows), so a plain SMS line stores no link,
    // and computes none while no Signal row shows a number at all.
    let link: Buffer | null = null;
    if (sender.phone && (sender.channel === 'signal' || anySignalNumber(db))) {
      const candidate = linkIndex(vault, sender.phone);
      if (sender.channel === 'signal') link = candidate;
      else if (db.stmt("SELECT 1 FROM members WHERE channel = 'signal' AND phone_bidx = ?").get(candidate)) link = candidate;
    }
    // The row id is part of the associated data: take it first, then insert the row sealed.
    const id = db.nextId('members');
    db.stmt(
      'INSERT INTO members (id, channel, address_bidx, phone_bidx, address_ct, key_version, lang, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, sender.channel, index, link, vault.seal(sender.address, { ...SLOT, row: id }), vault.keyVersion, lang, status, startOfDay(now));
    // The column's default is off: the insert itself stays the same for every line without DISCREET_DEFAULT.
    if (discreet) setMemberDiscreet(db, id, true);
    if (sender.channel === 'signal' && link) linkSmsTwin(db, vault, sender.phone as string, link);
    return { id, lang, status };
  });
}

/** Whether any Signal member shows a number (through the small index of Signal rows): else no one can be on both channels. */
export function anySignalNumber(db: Db): boolean {
  return db.stmt("SELECT 1 FROM members WHERE channel = 'signal' AND phone_bidx IS NOT NULL LIMIT 1").get() !== undefined;
}

/** Gives the SMS membership of `phone`, if any, the link of its Signal twin. */
function linkSmsTwin(db: Db, vault: Vault, phone: string, link: Buffer): void {
  db.stmt("UPDATE members SET phone_bidx = @link WHERE address_bidx = @sms AND channel = 'sms' AND (phone_bidx IS NULL OR phone_bidx <> @link)").run({
    link,
    sms: memberIndex(vault, { channel: 'sms', address: phone }),
  });
}

/**
 * Links a Signal member to the SMS membership of the number they now show
 * (they may have joined with it hidden, or changed it): fan-out then sends
 * that person one alert, not two. Writes nothing when the link is current.
 * Returns the memberships that were her twin and no longer are (her number
 * changed): a check-in of hers may have lost the buddies asked there.
 */
export function linkSignalPhone(db: Db, vault: Vault, memberId: number, phone: string): number[] {
  const link = linkIndex(vault, phone);
  // Most of her messages show the number linked already: one read by id, and nothing else.
  const current = db.stmt("SELECT phone_bidx FROM members WHERE id = ? AND channel = 'signal'").get(memberId) as { phone_bidx: Buffer | null } | undefined;
  if (!current || current.phone_bidx?.equals(link)) return [];
  const before = personMemberIds(db, memberId);
  db.stmt('UPDATE members SET phone_bidx = ? WHERE id = ?').run(link, memberId);
  linkSmsTwin(db, vault, phone, link);
  const after = personMemberIds(db, memberId);
  return before.filter((id) => !after.includes(id));
}

/**
 * Sets a member's language: this membership only, as STOP acts (a number is
 * not proof enough to change her other channel's: an SMS may be spoofed, or
 * come from the new holder of a recycled number her Signal account still shows).
 */
export function setMemberLang(db: Db, memberId: number, lang: Lang): void {
  db.stmt('UPDATE members SET lang = ? WHERE id = ?').run(lang, memberId);
}

/** A member's reply language. */
export function memberLang(db: Db, memberId: number): Lang {
  const row = db.stmt('SELECT lang FROM members WHERE id = ?').get(memberId) as { lang: Lang } | undefined;
  return row?.lang ?? 'en';
}

// Reach (issue 12)
/** A person's memberships: this one and, when its number links it (see linkIndex), its twin on the other channel. */
export function personMemberIds(db: Db, memberId: number): number[] {
  const rows = db
    .stmt(
      `SELECT id FROM members WHERE id = @id
       UNION SELECT t.id FROM members m JOIN members t ON t.phone_bidx = m.phone_bidx AND t.channel <> m.channel
       WHERE m.id = @id AND m.phone_bidx IS NOT NULL`,
    )
    .all({ id: memberId }) as Array<{ id: number }>;
  return rows.map((r) => r.id);
}

/**
 * Whether a member's alerts arrive as a neutral notice (DISCREET): set on
 * this membership or on its linked twin, as the two are on one phone.
 */
export function memberDiscreet(db: Db, memberId: number): boolean {
  const flag = db.stmt('SELECT discreet FROM members WHERE id = ?');
  return personMemberIds(db, memberId).some((id) => (flag.get(id) as { discreet: number }).discreet === 1);
}

/**
 * Whether what goes unasked to this number, by SMS or over Signal, must be
 * plain: a membership of it (by SMS, or over Signal showing it) asked for
 * DISCREET, as the two are on one phone.
 */
export function numberDiscreet(db: Db, vault: Vault, phone: string): boolean {
  const sms = findMember(db, vault, { channel: 'sms', address: phone })?.id;
  // Its Signal membership's link is computed only on a line where some Signal member shows a number.
  const signal = anySignalNumber(db) ? otherChannelMember(db, vault, { channel: 'sms', address: phone, phone }) : undefined;
  return [sms, signal].some((id) => id !== undefined && memberDiscreet(db, id));
}

/** Whether this one membership asked for discreet alerts (what DISCREET toggles; delivery reads memberDiscreet). */
export function membershipDiscreet(db: Db, memberId: number): boolean {
  return (db.stmt('SELECT discreet FROM members WHERE id = ?').get(memberId) as { discreet: number } | undefined)?.discreet === 1;
}

/** Turns discreet alerts on or off for this one membership (DISCREET, or a new member under DISCREET_DEFAULT). */
export function setMemberDiscreet(db: Db, memberId: number, on: boolean): void {
  db.stmt('UPDATE members SET discreet = ? WHERE id = ?').run(on ? 1 : 0, memberId);
}

/** A member's status, or undefined when the row is gone. */
export function memberStatus(db: Db, memberId: number): MemberStatus | undefined {
  return (db.stmt('SELECT status FROM members WHERE id = ?').get(memberId) as { status: MemberStatus } | undefined)?.status;
}

/** Sets a member's status (active, pending, stopped, invalid). */
export function setMemberStatus(db: Db, memberId: number, status: MemberStatus): void {
  db.stmt('UPDATE members SET status = ? WHERE id = ?').run(status, memberId);
}

/**
 * A moderator's member row, made if she has none: every notice to a moderator
 * goes to it. Over Signal one marked stopped (her STOP before moderators' STOP
 * kept them sendable) is active again: no carrier stopped her, and the line
 * must not drop her notices. Over SMS a stopped row stays: her carrier refuses
 * sends until START.
 */
export function moderatorMember(db: Db, vault: Vault, contact: Sender, now: number): MemberRow {
  const member = ensureMember(db, vault, contact, 'en', now, 'active');
  if (contact.channel !== 'signal' || member.status !== 'stopped') return member;
  setMemberStatus(db, member.id, 'active');
  return { ...member, status: 'active' };
}

/**
 * Erases a member row; subscriptions and queued messages go with it (ON
 * DELETE CASCADE). A Signal row's link goes from the SMS row of its number
 * too, once no Signal row holds it: left there, it would say that number was
 * once on Signal (a plain SMS row stores no link).
 */
export function deleteMember(db: Db, memberId: number): void {
  db.transaction(() => {
    const row = db.stmt('SELECT channel, phone_bidx FROM members WHERE id = ?').get(memberId) as { channel: string; phone_bidx: Buffer | null } | undefined;
    db.stmt('DELETE FROM members WHERE id = ?').run(memberId);
    if (row?.channel !== 'signal' || !row.phone_bidx) return;
    db.stmt(
      "UPDATE members SET phone_bidx = NULL WHERE channel = 'sms' AND phone_bidx = @link AND NOT EXISTS (SELECT 1 FROM members WHERE channel = 'signal' AND phone_bidx = @link)",
    ).run({ link: row.phone_bidx });
  });
}

/** A member's channel and address, opened in memory (BLOCK of a join request derives the applicant's reporter index from it). */
export function memberSender(db: Db, vault: Vault, memberId: number): Pick<Sender, 'channel' | 'address'> | undefined {
  const row = db.stmt('SELECT id, channel, address_ct, key_version FROM members WHERE id = ?').get(memberId) as
    | { id: number; channel: Sender['channel']; address_ct: Buffer; key_version: number }
    | undefined;
  return row ? { channel: row.channel, address: openAddress(vault, row) } : undefined;
}

/**
 * The blind indexes, for `purpose` ('reporter': what BLOCK holds; 'sender':
 * what the limits count under), of each of a person's memberships (SMS and
 * Signal, when one number links them). A row that will not open (a damaged
 * value) gives none: her check-in's escalation must not fail on it.
 */
export function personIndexes(db: Db, vault: Vault, memberId: number, purpose: 'reporter' | 'sender'): Buffer[] {
  return personMemberIds(db, memberId).flatMap((id) => {
    try {
      const sender = memberSender(db, vault, id);
      return sender ? [vault.index(purpose, memberKey(sender))] : [];
    } catch {
      return [];
    }
  });
}

/** Opens a member's sealed address (only ever in memory, to send). */
export function openAddress(vault: Vault, row: { id: number; address_ct: Buffer; key_version: number }): string {
  return vault.open(row.address_ct, { ...SLOT, row: row.id }, row.key_version);
}
