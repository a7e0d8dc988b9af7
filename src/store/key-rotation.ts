/**
 * rotate-key: re-seals every sealed value under a new master key and
 * recomputes every blind index, in batches of rows, each batch one
 * transaction that also moves the saved cursor, so a run killed half-way
 * resumes where it stopped. The key check (and with it the key that opens
 * the line) changes only in the last transaction. A rotation starts only
 * once every value it re-seals opens: one damaged value is refused up front
 * rather than met half-way, where it could neither finish nor be undone.
 *
 * A blind index can only be recomputed from what it indexes. Members'
 * addresses are sealed, so every index of a member is recomputed (their own,
 * their reporter and rate-limit indexes, the Signal link); screening indexes
 * come from the alert's sealed text; a parked message carries its sender.
 * What the database holds only as an index (a reporter or blocked sender who
 * is not a member, a handled provider message id, the number of a Signal
 * member with no SMS twin) cannot be carried over: those links are erased
 * and counted, never left under the old key.
 */
import { memberKey, type Channel } from '../phone/identity';
import { numbersInText, type CountryCode } from '../phone/numbers';
import type { Db } from './db';
import { keyCheckValue, keyOpens, readKeyState, rotationUnderWay, writeKeyState } from './key-state';
import { SEALED_COLUMNS } from './key-rotation-columns';
import { unopenedValues } from './unopened-values';
import { reportIdentifierSlot, screeningSlot, screenPurpose } from './screening';
import { noReporter } from './reports';
import type { IdentifierKind } from '../alerts/identifiers';
import type { Slot, Vault } from './vault';

const STEPS = ['members', 'reports', 'alerts', 'outbox', 'inbound_retry', 'provider_tasks', 'moderator_identities', 'buddies', 'checkins', 'buddy_stops', 'references'] as const;
export type RotationStep = (typeof STEPS)[number];

/** Where a run is, for a progress line. */
export interface RotationProgress {
  step: RotationStep;
  done: number;
  total: number;
}

/** What a completed run changed, in counts. */
export interface RotationSummary {
  toVersion: number;
  resealed: Record<string, number>;
  /** Links that could not be recomputed and were erased. */
  erased: { reporterLinks: number; blocks: number; signalLinks: number; rateLimits: number; handledIds: number; screening: number; conversations: number };
}

export interface RotationOptions {
  /** Rows per transaction. */
  batch?: number;
  onProgress?: (p: RotationProgress) => void;
  now?: () => number;
  /** DEFAULT_COUNTRY: screening indexes are recomputed from the numbers alerts name, read as the line reads them. */
  country?: CountryCode;
  /**
   * Runs once a new rotation has passed its checks, before it writes anything
   * (not when one is resumed): what must be done under the old key first.
   */
  beforeStart?: () => void;
}

/** A rotation cannot start or go on; the message says why and what to do. */
export class RotationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RotationError';
  }
}

interface State {
  to_version: number;
  new_check: Buffer;
  step: RotationStep;
  cursor: number;
}

/**
 * The key version a rotation starts from (the stored one) and goes to. The
 * caller builds the two vaults with these versions.
 */
export function rotationVersions(db: Db): { from: number; to: number } {
  const { version } = readKeyState(db);
  return { from: version, to: version + 1 };
}

/** The unfinished rotation, if any (none before migration 0008 made the table). */
function unfinishedRotation(db: Db): State | undefined {
  if (!rotationUnderWay(db)) return undefined;
  return db.sqlite.prepare('SELECT to_version, new_check, step, cursor FROM key_rotation WHERE id = 1').get() as State;
}

/**
 * The checks a rotation makes before it writes anything: the two keys (the
 * current one read from `keyFile`, if given), and an unfinished rotation to
 * another key. Reads only, on the schema of any version: rotate-key makes
 * them before migrating, so a wrong key changes nothing.
 */
export function checkRotationKeys(db: Db, oldVault: Vault, newVault: Vault, keyFile?: string): void {
  const { version } = readKeyState(db);
  if (oldVault.keyVersion !== version || newVault.keyVersion !== version + 1) throw new Error('rotation vaults must have the stored version and the next');
  const newCheck = keyCheckValue(newVault);
  const existing = unfinishedRotation(db);
  if (newCheck.equals(keyCheckValue(oldVault))) {
    // Both set to the new key while the rotation to it is unfinished: the old key is still needed to finish.
    if (existing?.new_check.equals(newCheck)) {
      // Named where the line reads its key: a line on a key file never had HEADSUP_MASTER_KEY to set back.
      const putBack = keyFile
        ? `put the old key back in ${keyFile} (HEADSUP_MASTER_KEY is not set, so the line reads its key there)`
        : 'set HEADSUP_MASTER_KEY back to the old key';
      throw new RotationError(`the rotation to this key was interrupted and needs the old key to finish: ${putBack}, keep HEADSUP_NEW_MASTER_KEY, and run rotate-key again`);
    }
    throw new RotationError('HEADSUP_NEW_MASTER_KEY is the current key: generate a new one (openssl rand -base64 32)');
  }
  if (existing && !existing.new_check.equals(newCheck)) {
    throw new RotationError('an interrupted rotation to another key is under way: run rotate-key again with the HEADSUP_NEW_MASTER_KEY it started with');
  }
  if (keyOpens(db.sqlite, oldVault, { resuming: true }) === 'mismatch') {
    // Read from a development key file, the key is no HEADSUP_MASTER_KEY the operator could find.
    throw new RotationError(
      keyFile
        ? `HEADSUP_MASTER_KEY is not set, and the development key file ${keyFile} does not open this database: put back the key file it was made with, or set HEADSUP_MASTER_KEY to that key`
        : 'HEADSUP_MASTER_KEY does not open this database: set it to the current key',
    );
  }
}

/** Re-keys the line from `oldVault` to `newVault`; starts a rotation or resumes an interrupted one. */
export class KeyRotation {
  private readonly batch: number;
  private readonly summary: RotationSummary;

  constructor(
    private readonly db: Db,
    private readonly oldVault: Vault,
    private readonly newVault: Vault,
    private readonly opts: RotationOptions = {},
  ) {
    this.batch = opts.batch ?? 1000;
    this.summary = {
      toVersion: newVault.keyVersion,
      resealed: {},
      erased: { reporterLinks: 0, blocks: 0, signalLinks: 0, rateLimits: 0, handledIds: 0, screening: 0, conversations: 0 },
    };
  }

  /** Runs (or resumes) the rotation to the end. */
  run(): RotationSummary {
    let state = this.begin();
    while (state.step !== 'references') state = this.db.transaction(() => this.step(state));
    this.db.transaction(() => this.finish());
    this.db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return this.summary;
  }

  private begin(): State {
    const { db, oldVault, newVault } = this;
    checkRotationKeys(db, oldVault, newVault);
    const existing = unfinishedRotation(db);
    if (existing) return existing;
    // Met half-way, a value that does not open would stop the rotation after its row was written: the line down until a restore.
    const damaged = unopenedValues(db, oldVault);
    if (damaged.count > 0) {
      throw new RotationError(
        `${damaged.count} sealed value(s) do not open with HEADSUP_MASTER_KEY (damaged): ${damaged.named.join('; ')}${damaged.count > damaged.named.length ? '; …' : ''}. ` +
          'Nothing was changed and the line still runs under the current key. To rotate, restore a backup from before the damage (heads-up restore FILE), then run rotate-key again',
      );
    }
    this.opts.beforeStart?.();
    const newCheck = keyCheckValue(newVault);
    const state: State = { to_version: newVault.keyVersion, new_check: newCheck, step: 'members', cursor: 0 };
    db.transaction(() => {
      db.stmt('DELETE FROM key_rotation_map').run();
      db.stmt('INSERT INTO key_rotation (id, to_version, new_check, step, cursor, started_at) VALUES (1, ?, ?, ?, 0, ?)').run(
        state.to_version,
        newCheck,
        state.step,
        (this.opts.now ?? Date.now)(),
      );
    });
    return state;
  }

  /** Opens a value sealed under either key, by the version its row records. */
  private open(sealed: Buffer, slot: Slot, version: number): string {
    const vault = version === this.newVault.keyVersion ? this.newVault : version === this.oldVault.keyVersion ? this.oldVault : null;
    if (!vault) throw new RotationError(`a value in ${slot.table}.${slot.column} is sealed under key version ${version}, which is neither the current nor the new key`);
    try {
      return vault.open(sealed, slot, version);
    } catch {
      // Damaged after begin() checked every value (a rotation started by an earlier version checked none): only a backup from before it helps.
      throw new RotationError(`${slot.table}.${slot.column}, row ${String(slot.row)}, does not open (damaged): the rotation cannot finish; restore a backup made before it (heads-up restore FILE) and start with the old key`);
    }
  }

  private rowsOf(step: RotationStep, upTo?: number): number {
    const where = [step === 'outbox' ? '(body_ct IS NOT NULL OR address_ct IS NOT NULL)' : '', upTo === undefined ? '' : 'id <= ?'].filter(Boolean);
    const sql = `SELECT count(*) AS n FROM ${step}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    return (this.db.stmt(sql).get(...(upTo === undefined ? [] : [upTo])) as { n: number }).n;
  }

  /** Rows done and to do in each step, counted once (a resumed step starts from its cursor). */
  private readonly counts = new Map<RotationStep, { done: number; total: number }>();

  /** One batch of the current step, in the caller's transaction; returns the next state. */
  private step(state: State): State {
    let count = this.counts.get(state.step);
    if (this.opts.onProgress && !count) {
      count = { done: this.rowsOf(state.step, state.cursor), total: this.rowsOf(state.step) };
      this.counts.set(state.step, count);
    }
    const before = this.done;
    const last = this.runBatch(state.step, state.cursor);
    const next: State =
      last === null ? { ...state, step: STEPS[STEPS.indexOf(state.step) + 1] as RotationStep, cursor: 0 } : { ...state, cursor: last };
    this.db.stmt('UPDATE key_rotation SET step = ?, cursor = ? WHERE id = 1').run(next.step, next.cursor);
    if (this.opts.onProgress && count) {
      count.done = last === null ? count.total : count.done + (this.done - before);
      this.opts.onProgress({ step: state.step, ...count });
    }
    return next;
  }

  /** Rows re-keyed by this run. */
  private done = 0;

  /** Re-keys up to `batch` rows after `cursor`; returns the last id done, or null when the step is complete. */
  private runBatch(step: RotationStep, cursor: number): number | null {
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
        return this.buddies(cursor);
      case 'checkins':
        return this.reseal('checkins', 'details', cursor);
      case 'buddy_stops':
        return this.buddyStops(cursor);
      default:
        return null;
    }
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

  /** Buddies (issue 13): the number, the name and the inviter's number re-sealed, the index recomputed from the sealed number. */
  private buddies(cursor: number): number | null {
    const table = 'buddies';
    const rows = this.db
      .stmt(`SELECT id, address_ct, name_ct, inviter_ct, key_version FROM ${table} WHERE id > ? ORDER BY id LIMIT +?`)
      .all(cursor, this.batch) as Array<{ id: number; address_ct: Buffer; name_ct: Buffer; inviter_ct: Buffer | null; key_version: number }>;
    const update = this.db.stmt(`UPDATE ${table} SET buddy_bidx = ?, address_ct = ?, name_ct = ?, inviter_ct = ?, key_version = ? WHERE id = ?`);
    for (const r of rows) {
      const slot = (column: string) => ({ table, column, row: r.id });
      const address = this.open(r.address_ct, slot('address'), r.key_version);
      const name = this.open(r.name_ct, slot('name'), r.key_version);
      const inviter = r.inviter_ct ? this.open(r.inviter_ct, slot('inviter'), r.key_version) : null;
      const nv = this.newVault;
      update.run(nv.index('buddy', address), nv.seal(address, slot('address')), nv.seal(name, slot('name')), inviter === null ? null : nv.seal(inviter, slot('inviter')), nv.keyVersion, r.id);
    }
    this.tally(table, rows.length);
    return rows.length < this.batch ? null : (rows[rows.length - 1] as { id: number }).id;
  }

  /** Buddies' stops: the number re-sealed, the index recomputed from it. */
  private buddyStops(cursor: number): number | null {
    const table = 'buddy_stops';
    const rows = this.db
      .stmt(`SELECT id, address_ct, key_version FROM ${table} WHERE id > ? ORDER BY id LIMIT +?`)
      .all(cursor, this.batch) as Array<{ id: number; address_ct: Buffer; key_version: number }>;
    const update = this.db.stmt(`UPDATE ${table} SET buddy_bidx = ?, address_ct = ?, key_version = ? WHERE id = ?`);
    for (const r of rows) {
      const slot = { table, column: 'address', row: r.id };
      const address = this.open(r.address_ct, slot, r.key_version);
      update.run(this.newVault.index('buddy', address), this.newVault.seal(address, slot), this.newVault.keyVersion, r.id);
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

  /** The last step, in one transaction: links held by other tables, then the new key check. */
  private finish(): void {
    const { db } = this;
    const e = this.summary.erased;
    const mapped = (purpose: string, column: string) => `(SELECT new FROM key_rotation_map WHERE purpose = '${purpose}' AND old = ${column})`;
    const unmapped = (purpose: string, column: string) => `NOT EXISTS (SELECT 1 FROM key_rotation_map WHERE purpose = '${purpose}' AND old = ${column})`;
    e.signalLinks += db.stmt(`UPDATE members SET phone_bidx = NULL WHERE channel = 'signal' AND phone_bidx IS NOT NULL AND ${unmapped('link', 'phone_bidx')}`).run().changes;
    db.stmt(`UPDATE members SET phone_bidx = ${mapped('link', 'phone_bidx')} WHERE channel = 'signal' AND phone_bidx IS NOT NULL`).run();
    e.reporterLinks += db.stmt(`UPDATE reports SET reporter_bidx = NULL WHERE reporter_bidx IS NOT NULL AND ${unmapped('reporter', 'reporter_bidx')}`).run().changes;
    db.stmt(`UPDATE reports SET reporter_bidx = ${mapped('reporter', 'reporter_bidx')} WHERE reporter_bidx IS NOT NULL`).run();
    e.reporterLinks += db
      .stmt(`UPDATE reports SET phone_reporter_bidx = NULL WHERE phone_reporter_bidx IS NOT NULL AND ${unmapped('reporter', 'phone_reporter_bidx')}`)
      .run().changes;
    db.stmt(`UPDATE reports SET phone_reporter_bidx = ${mapped('reporter', 'phone_reporter_bidx')} WHERE phone_reporter_bidx IS NOT NULL`).run();
    e.blocks += db.stmt(`DELETE FROM blocked_senders WHERE ${unmapped('reporter', 'reporter_bidx')}`).run().changes;
    db.stmt(`UPDATE blocked_senders SET reporter_bidx = ${mapped('reporter', 'reporter_bidx')}`).run();
    e.rateLimits += db.stmt(`DELETE FROM sender_limits WHERE ${unmapped('sender', 'sender_bidx')}`).run().changes;
    db.stmt(`UPDATE sender_limits SET sender_bidx = ${mapped('sender', 'sender_bidx')}`).run();
    // Handled provider ids are stored only as indexes: they cannot be recomputed.
    // Every handled id is in inbound_seen; the log holds the replies of some of them.
    db.stmt('DELETE FROM inbound_messages').run();
    e.handledIds += db.stmt('DELETE FROM inbound_seen').run().changes;
    // Open questions are keyed by the old member index (rotate-key settled the report drafts first): a join question is asked again when she writes.
    e.conversations += db.stmt('DELETE FROM conversations').run().changes;
    db.stmt('DELETE FROM key_rotation_map').run();
    for (const { table, column } of SEALED_COLUMNS) {
      const left = db.stmt(`SELECT count(*) AS n FROM ${table} WHERE ${column}_ct IS NOT NULL AND key_version <> ?`).get(this.newVault.keyVersion) as { n: number };
      if (left.n > 0) throw new RotationError(`${left.n === 1 ? '1 value' : `${left.n} values`} in ${table}.${column} ${left.n === 1 ? 'is' : 'are'} still under the old key: run rotate-key again`);
    }
    writeKeyState(db, this.newVault);
    db.stmt('DELETE FROM key_rotation WHERE id = 1').run();
  }
}
