/** A line restored from a backup with check-ins running in it (test/jobs/checkin-restored*.test.ts). */
import path from 'node:path';
import { latestMigration } from '../../src/cli/line';
import type { BotDeps } from '../../src/bot/context';
import { runCheckinTimers, type TimerRun, type TimerStore } from '../../src/jobs/checkin-timers';
import { backupDatabase } from '../../src/store/backup';
import { restoreDatabase } from '../../src/store/restore';
import { botWorld, type BotWorld } from './bot-world';
import { tempDir } from './temp-dir';

export const ROSE = '+14155550100';
export const ROSA = '+14155550111';
export const BUD = '+12125550143';
export const AMIGA = '+12125550144';
export const MIN = 60_000;
export const LINE = { checkins: { fallback: 'none' as const, minMinutes: 10, maxMinutes: 720, buddyChannels: ['sms' as const] } };
export const none = { fallback: 'none' as const, moderatorContacts: [] };
export const sms = (phone: string) => ({ channel: 'sms' as const, address: phone, phone });

/** What is queued for each of these numbers from now on (to her member row, or straight to a buddy's number). */
export function fromNow(w: BotWorld, numbers: string[]): (phone: string) => string[] {
  const all = (phone: string) => [...w.queued(sms(phone)).map((m) => m.text), ...w.direct(phone)];
  const before = new Map(numbers.map((n) => [n, all(n).length]));
  return (phone) => all(phone).slice(before.get(phone));
}

/** Rose joins 415 and her buddy accepts. */
export function roseWithBuddy(w: BotWorld): void {
  w.sms(ROSE, 'JOIN 415');
  w.sms(ROSE, `BUDDY ${BUD} Rose`);
  w.sms(BUD, 'ACCEPT');
}

/** A backup of the line as it is now. */
export async function backedUp(w: BotWorld): Promise<string> {
  const backup = path.join(tempDir(), 'nightly.db');
  await backupDatabase(w.file, backup);
  return backup;
}

/** `backup` restored into a new DATA_DIR (with `w`'s key), its server started at `at`. */
export async function restoredFrom(w: BotWorld, backup: string, deps: Partial<BotDeps>, at: number): Promise<{ restored: BotWorld; running: number }> {
  const target = path.join(tempDir(), 'heads-up.db');
  const { runningCheckins } = await restoreDatabase(backup, target, w.vault, latestMigration());
  return { restored: await botWorld(deps, at, target), running: runningCheckins };
}

/** One run of the check-in timers on `r` at `at`, telling no fallback unless `fallback` says. */
export function timers(r: BotWorld, at: number, fallback: Omit<TimerStore, 'db' | 'vault'> = none): TimerRun {
  return runCheckinTimers({ db: r.db, vault: r.vault, ...fallback }, at);
}
