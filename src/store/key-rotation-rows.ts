/**
 * rotate-key's row work, one table's batch in the caller's transaction: values re-sealed, blind
 * indexes recomputed, and the indexes other tables hold of a member mapped old → new for the last step.
 */
import { memberKey, type Channel } from '../phone/identity';
import { numbersInText, type CountryCode } from '../phone/numbers';
import type { IdentifierKind } from '../alerts/identifiers';
import { rekeyBuddies, rekeyBuddyNumbers, rekeyBuddyRecords, type RekeyBuddies } from './key-rotation-buddies';
import type { Db } from './db';
import { resealCheckins } from './key-rotation-checkins';
import { RotationError } from './key-rotation-error';
import type { RotationStep, RotationSummary } from './key-rotation';
import { noReporter } from './reports';
import { reportIdentifierSlot, screeningSlot, screenPurpose } from './screening';
import type { Slot, Vault } from './vault';
import { adminCommand } from '../util/admin-command';

/** Re-keys the rows of each step, batch by batch; counts what it re-sealed (and the screening entries it erased) in `summary`. */
export class RowResealer {
  constructor(
    private readonly db: Db,
    private readonly oldVault: Vault,
    private readonly newVault: Vault,
    private readonly batch: number,
    private readonly opts: { country?: CountryCode },
    private readonly summary: RotationSummary,
  ) {}

  /** Opens a value sealed under either key, by the version its row records (the last step's check-in references too). */
  open(sealed: Buffer, slot: Slot, version: number): string {
    const vault = version === this.newVault.keyVersion ? this.newVault : version === this.oldVault.keyVersion ? this.oldVault : null;
    if (!vault) throw new RotationError(`a value in ${slot.table}.${slot.column} is sealed under key version ${version}, which is neither the current nor the new key`);
    try {
      return vault.open(sealed, slot, version);
    } catch {
      // Damaged after begin() checked every value (a rotation started by an earlier version checked none): only a backup from before it helps.
      throw new RotationError(`${slot.table}.${slot.column}, row ${String(slot.row)}, does not open (damaged): the rotation cannot finish; restore a backup made before it (${adminCommand('restore FILE')}) and start with the old key`);
    }
  }

  /** Rows re-keyed by this run. */
  done = 0;

  /** Re-keys up to `batch` rows after `cursor`; returns the last id done, or null when the step is complete. */
  runBatch(step: RotationStep, cursor: number): number | null {
    switch (step) {
      case 'members':
        return this.members(cursor);
      case 'alerts':
        return this.alerts(cursor);
      case 'reports':
        return this.reports(cursor);
      case 'outbox':
        return this.outbox(cursor);
      case 'inbound_retry':
        return this.parked(cursor);
      case 'provider_tasks':
        return this.reseal('provider_tasks', 'sid', cursor);
      case 'moderator_identities':
        return this.moderatorIdentities(cursor);
      // Check-ins (issue 13)
      case 'buddies':
        return rekeyBuddies(this.db, this.keys(), cursor, this.batch, (n) => this.tally('buddies', n));
      case 'checkins':
        return resealCheckins(this.db, (ct, slot, v) => this.open(ct, slot, v), this.newVault, cursor, this.batch, (n) => this.tally('checkins', n));
      case 'buddy_stops':
      case 'buddy_declines':
        return rekeyBuddyNumbers(this.db, this.keys(), step, cursor, this.batch, (n) => this.tally(step, n));
      case 'buddy_numbers':
        return rekeyBuddyRecords(this.db, this.keys(), cursor, this.batch, (n) => this.tally('buddy_numbers', n));
      default:
        return null;
    }
  }

  /** What the buddies' rows are re-keyed with (key-rotation-buddies.ts). */
  private keys(): RekeyBuddies {
    return { open: (ct, slot, v) => this.open(ct, slot, v), oldVault: this.oldVault, newVault: this.newVault };
  }

  private tally(table: string, n: number): void {
    this.done += n;
    this.summary.resealed[table] = (this.summary.resealed[table] ?? 0) + n;
  }

  /**
   * Re-seals the outbox's body and its own address (a direct reply) together:
   * both share the row's key version.
   */
  private outbox(cursor: number): number | null {
    const rows = this.db
      .stmt('SELECT id, body_ct, address_ct, key_version FROM outbox WHERE id > ? AND (body_ct IS NOT NULL OR address_ct IS NOT NULL) ORDER BY id LIMIT +?')
      .all(cursor, this.batch) as Array<{ id: number; body_ct: Buffer | null; address_ct: Buffer | null; key_version: number }>;
    const update = this.db.stmt('UPDATE outbox SET body_ct = ?, address_ct = ?, key_version = ? WHERE id = ?');
    const reseal = (ct: Buffer | null, column: string, r: { id: number; key_version: number }) => {
      if (ct === null) return null;
      const slot = { table: 'outbox', column, row: r.id };
      return this.newVault.seal(this.open(ct, slot, r.key_version), slot);
    };
    for (const r of rows) update.run(reseal(r.body_ct, 'body', r), reseal(r.address_ct, 'address', r), this.newVault.keyVersion, r.id);
    this.tally('outbox', rows.length);
    return rows.length < this.batch ? null : (rows[rows.length - 1] as { id: number }).id;
  }

  /** Re-seals one column of the next batch of rows; `each` sees each row's plaintext. */
  private reseal(table: string, column: string, cursor: number, each?: (id: number, plain: string) => void): number | null {
    const rows = this.db
      .stmt(`SELECT id, ${column}_ct AS ct, key_version FROM ${table} WHERE id > ? AND ${column}_ct IS NOT NULL ORDER BY id LIMIT +?`)
      .all(cursor, this.batch) as Array<{ id: number; ct: Buffer; key_version: number }>;
    const update = this.db.stmt(`UPDATE ${table} SET ${column}_ct = ?, key_version = ? WHERE id = ?`);
    for (const r of rows) {
      const slot = { table, column, row: r.id };
      const plain = this.open(r.ct, slot, r.key_version);
      update.run(this.newVault.seal(plain, slot), this.newVault.keyVersion, r.id);
      each?.(r.id, plain);
    }
    this.tally(table, rows.length);
    return rows.length < this.batch ? null : (rows[rows.length - 1] as { id: number }).id;
  }

  private map(purpose: string, oldIndex: Buffer, newIndex: Buffer): void {
    this.db.stmt('INSERT OR IGNORE INTO key_rotation_map (purpose, old, new) VALUES (?, ?, ?)').run(purpose, oldIndex, newIndex);
  }

  /**
   * Members: the address re-sealed and its index recomputed; the indexes other
   * tables hold of this member (as reporter, as rate-limited sender, as the
   * SMS twin of a Signal member) are mapped old → new for the last step.
   */
  private members(cursor: number): number | null {
    const { db, oldVault, newVault } = this;
    const rows = db
      .stmt('SELECT id, channel, address_ct, key_version, phone_bidx FROM members WHERE id > ? ORDER BY id LIMIT +?')
      .all(cursor, this.batch) as Array<{ id: number; channel: Channel; address_ct: Buffer | null; key_version: number; phone_bidx: Buffer | null }>;
    const update = db.stmt('UPDATE members SET address_ct = ?, key_version = ?, address_bidx = ? WHERE id = ?');
    const relink = db.stmt('UPDATE members SET phone_bidx = ? WHERE id = ?');
    const reporter = db.stmt(
      'SELECT 1 FROM reports WHERE reporter_bidx = @k UNION ALL SELECT 1 FROM reports WHERE phone_reporter_bidx = @k UNION ALL SELECT 1 FROM blocked_senders WHERE reporter_bidx = @k LIMIT 1',
    );
    const limited = db.stmt('SELECT 1 FROM sender_limits WHERE sender_bidx = ? LIMIT 1');
    for (const r of rows) {
      if (!r.address_ct) throw new RotationError(`member ${r.id} has no sealed address to re-key`);
      const slot = { table: 'members', column: 'address', row: r.id };
      const address = this.open(r.address_ct, slot, r.key_version);
      const key = memberKey({ channel: r.channel, address });
      update.run(newVault.seal(address, slot), newVault.keyVersion, newVault.index('member', key), r.id);
      // An SMS row's address is the number its link is an index of; its Signal twin shares the old value.
      if (r.channel === 'sms' && r.phone_bidx) {
        const link = newVault.index('link', address);
        relink.run(link, r.id);
        this.map('link', r.phone_bidx, link);
      }
      const oldReporter = oldVault.index('reporter', key);
      if (reporter.get({ k: oldReporter })) this.map('reporter', oldReporter, newVault.index('reporter', key));
      const oldSender = oldVault.index('sender', key);
      if (limited.get(oldSender)) this.map('sender', oldSender, newVault.index('sender', key));
    }
    this.tally('members', rows.length);
    return rows.length < this.batch ? null : (rows[rows.length - 1] as { id: number }).id;
  }

  /** Parked messages: re-sealed, and their sender index recomputed from the sender they carry. */
  private parked(cursor: number): number | null {
    const { db, newVault } = this;
    const sender = db.stmt('UPDATE inbound_retry SET sender_bidx = ? WHERE id = ?');
    return this.reseal('inbound_retry', 'item', cursor, (id, item) => {
      const parsed = JSON.parse(item) as { sender?: { channel?: Channel; address?: string } };
      const from = parsed.sender;
      sender.run(from?.channel && from.address ? newVault.index('replies', memberKey({ channel: from.channel, address: from.address })) : null, id);
    });
  }

  /** Moderators' recorded identities: both values re-sealed, the index recomputed from the sealed UUID. */
  private moderatorIdentities(cursor: number): number | null {
    const table = 'moderator_identities';
    const rows = this.db
      .stmt(`SELECT id, moderator_ct, identity_ct, key_version FROM ${table} WHERE id > ? ORDER BY id LIMIT +?`)
      .all(cursor, this.batch) as Array<{ id: number; moderator_ct: Buffer; identity_ct: Buffer; key_version: number }>;
    const update = this.db.stmt(`UPDATE ${table} SET moderator_bidx = ?, moderator_ct = ?, identity_ct = ?, key_version = ? WHERE id = ?`);
    for (const r of rows) {
      const slot = (column: string) => ({ table, column, row: r.id });
      const uuid = this.open(r.moderator_ct, slot('moderator'), r.key_version);
      const identity = this.open(r.identity_ct, slot('identity'), r.key_version);
      const nv = this.newVault;
      update.run(nv.index('moderator', uuid), nv.seal(uuid, slot('moderator')), nv.seal(identity, slot('identity')), nv.keyVersion, r.id);
    }
    this.tally(table, rows.length);
    return rows.length < this.batch ? null : (rows[rows.length - 1] as { id: number }).id;
  }

  /**
   * Reports: the text and the fields re-sealed together (they share the
   * row's key version), and the indexes of the identifiers each names
   * recomputed from their sealed values.
   */
  private reports(cursor: number): number | null {
    const { db, newVault } = this;
    const rows = db
      .stmt('SELECT id, text_ct, fields_ct, key_version, reporter_bidx, phone_reporter_bidx FROM reports WHERE id > ? ORDER BY id LIMIT +?')
      .all(cursor, this.batch) as Array<{
      id: number;
      text_ct: Buffer | null;
      fields_ct: Buffer | null;
      key_version: number;
      reporter_bidx: Buffer | null;
      phone_reporter_bidx: Buffer | null;
    }>;
    const update = db.stmt('UPDATE reports SET text_ct = ?, fields_ct = ?, key_version = ? WHERE id = ?');
    const ids = db.stmt('SELECT kind, id_bidx, value_ct, key_version FROM report_identifiers WHERE report_id = ?');
    const rekey = db.stmt('UPDATE report_identifiers SET id_bidx = ?, value_ct = ?, key_version = ? WHERE report_id = ? AND id_bidx = ?');
    for (const r of rows) {
      const reseal = (ct: Buffer | null, column: string) => {
        if (ct === null) return null;
        const slot = { table: 'reports', column, row: r.id };
        return newVault.seal(this.open(ct, slot, r.key_version), slot);
      };
      update.run(reseal(r.text_ct, 'text'), reseal(r.fields_ct, 'fields'), newVault.keyVersion, r.id);
      // An erased reporter's link stays one no one has (NULL would single her report out).
      for (const [column, link] of [['reporter', r.reporter_bidx], ['phone_reporter', r.phone_reporter_bidx]] as const) {
        const gone = noReporter(this.oldVault, r.id, column);
        if (link?.equals(gone)) this.map('reporter', gone, noReporter(newVault, r.id, column));
      }
      for (const i of ids.all(r.id) as Array<{ kind: IdentifierKind; id_bidx: Buffer; value_ct: Buffer; key_version: number }>) {
        const value = this.open(i.value_ct, reportIdentifierSlot(r.id, i.id_bidx), i.key_version);
        const bidx = newVault.index(screenPurpose(i.kind), value);
        rekey.run(bidx, newVault.seal(value, reportIdentifierSlot(r.id, bidx)), newVault.keyVersion, r.id, i.id_bidx);
      }
    }
    this.tally('reports', rows.length);
    return rows.length < this.batch ? null : (rows[rows.length - 1] as { id: number }).id;
  }

  /**
   * Alerts: the text and fields re-sealed, and the screening indexes
   * recomputed: from each entry's sealed value, or (entries written before
   * values were kept) from the numbers in the alert's text.
   */
  private alerts(cursor: number): number | null {
    const { db, oldVault, newVault } = this;
    const rekey = db.stmt('UPDATE screening SET number_bidx = ? WHERE alert_id = ? AND number_bidx = ? AND value_ct IS NULL');
    const valued = db.stmt('SELECT kind, number_bidx, value_ct, key_version FROM screening WHERE alert_id = ? AND value_ct IS NOT NULL');
    const rekeyValued = db.stmt('UPDATE screening SET number_bidx = ?, value_ct = ?, key_version = ? WHERE alert_id = ? AND number_bidx = ?');
    const setFields = db.stmt('UPDATE alerts SET fields_ct = ? WHERE id = ?');
    // The fields of the batch reseal() takes are read first: re-sealing the text moves the row's key version.
    const batchFields = new Map<number, { ct: Buffer; kv: number }>();
    const rows = db.stmt('SELECT id, fields_ct, key_version FROM alerts WHERE id > ? AND text_ct IS NOT NULL ORDER BY id LIMIT +?').all(cursor, this.batch) as Array<{
      id: number;
      fields_ct: Buffer | null;
      key_version: number;
    }>;
    for (const r of rows) if (r.fields_ct) batchFields.set(r.id, { ct: r.fields_ct, kv: r.key_version });
    return this.reseal('alerts', 'text', cursor, (id, text) => {
      const f = batchFields.get(id);
      if (f) {
        const slot = { table: 'alerts', column: 'fields', row: id };
        setFields.run(newVault.seal(this.open(f.ct, slot, f.kv), slot), id);
      }
      for (const e of valued.all(id) as Array<{ kind: IdentifierKind; number_bidx: Buffer; value_ct: Buffer; key_version: number }>) {
        const value = this.open(e.value_ct, screeningSlot(id, e.number_bidx), e.key_version);
        const bidx = newVault.index(screenPurpose(e.kind), value);
        rekeyValued.run(bidx, newVault.seal(value, screeningSlot(id, bidx)), newVault.keyVersion, id, e.number_bidx);
      }
      let kept = 0;
      for (const n of numbersInText(text, this.opts.country)) kept += rekey.run(newVault.index('screen', n), id, oldVault.index('screen', n)).changes;
      const all = (db.stmt('SELECT count(*) AS n FROM screening WHERE alert_id = ? AND value_ct IS NULL').get(id) as { n: number }).n;
      if (all > kept) {
        // Entries the text no longer yields cannot be recomputed: erase them rather than keep them under the old key.
        const fresh = numbersInText(text, this.opts.country).map((n) => newVault.index('screen', n));
        const old = db.stmt('SELECT number_bidx FROM screening WHERE alert_id = ? AND value_ct IS NULL').all(id) as Array<{ number_bidx: Buffer }>;
        const drop = db.stmt('DELETE FROM screening WHERE alert_id = ? AND number_bidx = ?');
        for (const r of old) if (!fresh.some((f2) => f2.equals(r.number_bidx))) this.summary.erased.screening += drop.run(id, r.number_bidx).changes;
      }
    });
  }
}
