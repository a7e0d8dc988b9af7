/**
 * One outbox lane over a real SQLite file and real crypto, with a fake
 * sender in place of the provider's adapter and a clock the test moves: the
 * world of most lane tests in test/outbox. laneOn() makes a lane on a test's
 * own parts instead (real time, its own database or log, two lanes sharing a writer).
 *
 * The lane is driven a step at a time: it only polls once an hour here, so
 * it moves when something wakes it (an answer, an outcome written, the test),
 * and `settle()` lets it run until it has nothing left to do now. A lane that
 * stalls fails an assertion at once rather than a wait.
 *
 * useLaneWorld(), called in a describe, makes a fresh database, clock and
 * member (NUMBER, in 415) before each test and stops the lane after it. The
 * parts exported below are live bindings set by it: read them inside a test.
 */
import { AlertRenderer } from '../../src/alerts/render-alert';
import type { ChannelSender } from '../../src/channels/types';
import { runCheckinTimers } from '../../src/jobs/checkin-timers';
import { createLogger, type Logger } from '../../src/log/logger';
import { DEFAULT_DISPATCHER, type DispatcherOptions } from '../../src/outbox/dispatcher';
import { Lane, type LaneDeps } from '../../src/outbox/lane';
import { OutcomeWriter } from '../../src/outbox/outcome-writer';
import { inviteBuddy, setBuddyStatus } from '../../src/store/buddies';
import { startCheckin } from '../../src/store/checkins';
import type { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { FakeSender, settle } from './fake-sender';
import { migratedDb } from './migrated-db';

export const T0 = 1_800_000_000_000;
export const NUMBER = '+14155550100';
export const HOUR = 3_600_000;
/** The member's buddy in missedWithLily(). */
export const LILY = '+14155550188';

export interface Row {
  state: string;
  attempts: number;
  due_at: number;
  error: string | null;
  provider_id: string | null;
}

export let db: Db;
export let vault: Vault;
export let clock: { t: number };
/** The member's id: NUMBER on SMS, subscribed to 415. */
export let member: number;
export let logs: string[];
/** The sender and writer of the lane the test made last (stopped after each test). */
export let sender: FakeSender | null = null;
export let writer: OutcomeWriter | null = null;
let lane: Lane | null = null;

export function useLaneWorld(): void {
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
  });
  beforeEach(() => {
    ({ db } = migratedDb());
    clock = { t: T0 };
    logs = [];
    member = ensureMember(db, vault, { channel: 'sms', address: NUMBER, phone: NUMBER }, 'en', T0).id;
    subscribe(db, member, ['415'], T0);
  });
  afterEach(async () => {
    sender?.release();
    await lane?.stop();
    writer?.flush();
    lane = sender = writer = null;
    db.close();
  });
}

/** What a lane made outside the world is given: a database, a clock (real time, or one the test moves), a log and an outcome writer of the test's. */
export interface LaneParts {
  db: Db;
  vault: Vault;
  log: Logger;
  now: () => number;
  writer: OutcomeWriter;
}

/** A lane over `s` on the test's own parts, with the production options but for `opts`; not started, not stopped for the test. */
export function laneOn(parts: LaneParts, s: ChannelSender, opts: Partial<DispatcherOptions> = {}, extra: Partial<LaneDeps> = {}): Lane {
  return new Lane(s, { ...parts, opts: { ...DEFAULT_DISPATCHER, ...opts }, renderer: new AlertRenderer(parts.db, parts.vault), ...extra });
}

export function makeLane(s: FakeSender, opts: Partial<DispatcherOptions> = {}, extra: Partial<LaneDeps> = {}): Lane {
  const log = createLogger('debug', { write: (l: string) => void logs.push(l) });
  const now = () => clock.t;
  sender = s;
  writer = new OutcomeWriter(db, log, now);
  lane = laneOn({ db, vault, log, now, writer }, s, { pollMs: HOUR, ...opts }, extra);
  return lane;
}

export function startLane(s: FakeSender, opts: Partial<DispatcherOptions> = {}, extra: Partial<LaneDeps> = {}): Lane {
  const l = makeLane(s, opts, extra);
  l.start();
  return l;
}

/** Moves the clock and has the lane look for work, as its own timer would. */
export async function later(ms: number, l: Lane): Promise<void> {
  clock.t += ms;
  l.wake();
  await settle();
}

export const row = (id: number) => db.sqlite.prepare('SELECT state, attempts, due_at, error, provider_id FROM outbox WHERE id = ?').get(id) as Row;
export const memberStatus = () => (db.sqlite.prepare('SELECT status FROM members WHERE id = ?').get(member) as { status: string }).status;
export const logged = (text: string) => logs.filter((l) => l.includes(text));

/**
 * Lily (LILY, by SMS), the member's buddy, accepted; the member's check-in
 * ("blue Honda", due 30 minutes after T0) ran out and the timers ran at its
 * end, the clock then a moment past it: Lily's link, and how many check-ins
 * the timers escalated (queued to her).
 */
export function missedWithLily(): { lily: number; escalated: number } {
  const lily = db.transaction(() => inviteBuddy(db, vault, member, { channel: 'sms', address: LILY }, 'Lily', 'en', T0));
  db.transaction(() => setBuddyStatus(db, lily, 'accepted'));
  const due = T0 + 30 * 60_000;
  db.transaction(() => startCheckin(db, vault, member, due, null, 'blue Honda', T0));
  const { escalated } = runCheckinTimers({ db, vault, fallback: 'none', moderatorContacts: [] }, due);
  clock.t = due + 1;
  return { lily, escalated };
}
