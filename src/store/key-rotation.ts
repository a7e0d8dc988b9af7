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
 * A block keeps the identity it silences sealed beside it, once known
 * (key-rotation-blocks.ts). What the database holds only as an index (a
 * reporter who is not a member, a block from before migration 0044 or of a
 * reporter not heard from since, a handled provider message id, the number
 * of a Signal member with no SMS twin) cannot be carried over: those links
 * are erased and counted, never left under the old key.
 */
import type { Db } from './db';
import { keyCheckValue, keyOpens, readKeyState, rotationUnderWay } from './key-state';
import { rekeyBlocks } from './key-rotation-blocks';
import { resealCheckinRefs } from './key-rotation-checkins';
import { finishRotation } from './key-rotation-finish';
import { RotationError } from './key-rotation-error';
import { RowResealer } from './key-rotation-rows';
import { unopenedValues } from './unopened-values';
import type { CountryCode } from '../phone/numbers';
import type { Vault } from './vault';
import { adminCommand } from '../util/admin-command';

export { RotationError } from './key-rotation-error';

const STEPS = ['members', 'reports', 'alerts', 'outbox', 'inbound_retry', 'provider_tasks', 'moderator_identities', 'buddies', 'checkins', 'buddy_stops', 'buddy_declines', 'buddy_numbers', 'references'] as const;
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
  private readonly summary: RotationSummary;
  private readonly rows: RowResealer;

  constructor(
    private readonly db: Db,
    private readonly oldVault: Vault,
    private readonly newVault: Vault,
    private readonly opts: RotationOptions = {},
  ) {
    this.summary = {
      toVersion: newVault.keyVersion,
      resealed: {},
      erased: { reporterLinks: 0, blocks: 0, signalLinks: 0, rateLimits: 0, handledIds: 0, screening: 0, conversations: 0 },
    };
    this.rows = new RowResealer(db, oldVault, newVault, opts.batch ?? 1000, { country: opts.country }, this.summary);
  }

  /** Runs (or resumes) the rotation to the end. */
  run(): RotationSummary {
    let state = this.begin();
    while (state.step !== 'references') state = this.db.transaction(() => this.step(state));
    this.db.transaction(() => {
      this.summary.resealed.blocked_senders = rekeyBlocks(this.db, this.oldVault, this.newVault);
      this.summary.resealed.checkin_refs = resealCheckinRefs(this.db, (ct, slot, v) => this.rows.open(ct, slot, v), this.newVault);
      finishRotation(this.db, this.newVault, this.summary.erased);
    });
    // Before the caller replaces a key file: the checkpoint writes (and syncs) the line under the new key into the
    // database file, so a power cut cannot leave the new key file beside a line still under the old key.
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
        // "The current key": a line on a development key file has no HEADSUP_MASTER_KEY.
        `${damaged.count === 1 ? '1 sealed value does' : `${damaged.count} sealed values do`} not open with the current key (damaged): ${damaged.named.join('; ')}${damaged.count > damaged.named.length ? '; …' : ''}. ` +
          `Nothing was changed and the line still runs under the current key. To rotate, restore a backup from before the damage (${adminCommand('restore FILE')}), then run rotate-key again`,
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
    const before = this.rows.done;
    const last = this.rows.runBatch(state.step, state.cursor);
    const next: State =
      last === null ? { ...state, step: STEPS[STEPS.indexOf(state.step) + 1] as RotationStep, cursor: 0 } : { ...state, cursor: last };
    this.db.stmt('UPDATE key_rotation SET step = ?, cursor = ? WHERE id = 1').run(next.step, next.cursor);
    if (this.opts.onProgress && count) {
      count.done = last === null ? count.total : count.done + (this.rows.done - before);
      this.opts.onProgress({ step: state.step, ...count });
    }
    return next;
  }
}
