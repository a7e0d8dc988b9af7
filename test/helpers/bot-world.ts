/**
 * A bot over a real SQLite file and real crypto with a clock the test
 * moves, for rules that play out over hours and days (notice periods,
 * replay protection, retention). No HTTP: the bot is what decides.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { Bot, type BotResult } from '../../src/bot/bot';
import { DEFAULT_LIMITS, type BotDeps } from '../../src/bot/context';
import { DeadlineClocks } from '../../src/jobs/deadline-clocks';
import { createLogger } from '../../src/log/logger';
import type { Sender } from '../../src/phone/identity';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { findMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { openBody, openRowAddress } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { migratedDb } from './migrated-db';

export interface BotWorld {
  bot: Bot;
  db: Db;
  vault: Vault;
  file: string;
  clock: { now: number };
  /** The wall clock's followers the bot reads before each message: a job built over this world shares them (clock: clocks.checkins), as the server's do. */
  clocks: DeadlineClocks;
  /** An SMS message from `from`; `sid` defaults to a fresh one. */
  sms(from: string, text: string, sid?: string): BotResult;
  /** The sealed one-off messages queued for a sender, opened, oldest first, with when they are due and their state (one whose body was erased is left out). */
  queued(to: Sender): Array<{ text: string; dueAt: number; state: string }>;
  /** The messages queued straight to an address with no member row (a buddy, an applicant's reply), opened, oldest first. */
  direct(address: string): string[];
}

let sids = 0;

/** The areas of a shipped example line (config/areas.uk.example.json, read with DEFAULT_COUNTRY GB; mx with MX). */
export function exampleLine(line: 'uk' | 'mx'): Regions {
  return Regions.forLine(path.join(findProjectDir('config'), `areas.${line}.example.json`), line === 'uk' ? 'GB' : 'MX');
}


/** A bot over a database with botWorld's defaults: also a second bot over the same file (a restart, other settings). */
export function newBot(db: Db, vault: Vault, clock: { now: number }, deps: Partial<BotDeps> = {}): Bot {
  return new Bot({
    db,
    vault,
    regions: Regions.load(),
    moderators: new Set(),
    moderatorContacts: [],
    subscribeMode: 'open',
    retentionDays: 90,
    limits: DEFAULT_LIMITS,
    now: () => clock.now,
    onQueued: () => undefined,
    onAlert: () => undefined,
    ...deps,
  });
}

/** `restored`: a line's database to open (a restored one), else a new one. */
export async function botWorld(deps: Partial<BotDeps> = {}, start = Date.UTC(2026, 11, 2, 4, 0, 0, 123), restored?: string): Promise<BotWorld> {
  await cryptoReady();
  const { db, file } = restored === undefined ? migratedDb() : { db: new Db(restored), file: restored };
  if (restored !== undefined) migrate(db);
  const vault = new Vault(new Uint8Array(32).fill(5));
  const clock = { now: start };
  const clocks = new DeadlineClocks(db, createLogger('silent'));
  const bot = newBot(db, vault, clock, { clocks, ...deps });
  return {
    bot,
    db,
    vault,
    file,
    clock,
    clocks,
    sms: (from, text, sid) => bot.handle({ sender: { channel: 'sms', address: from, phone: from }, text, providerId: sid ?? `SMtest${++sids}` }),
    queued: (to) => {
      const member = findMember(db, vault, to);
      if (!member) return [];
      const rows = db.sqlite
        .prepare('SELECT id, body_ct, key_version, due_at, state FROM outbox WHERE member_id = ? AND alert_id IS NULL AND body_ct IS NOT NULL ORDER BY id')
        .all(member.id) as Array<{ id: number; body_ct: Buffer; key_version: number; due_at: number; state: string }>;
      return rows.map((r) => ({ text: openBody(vault, r), dueAt: r.due_at, state: r.state }));
    },
    direct: (address) => {
      const rows = db.sqlite.prepare('SELECT id, address_ct, body_ct, key_version FROM outbox WHERE member_id IS NULL AND address_ct IS NOT NULL ORDER BY id').all() as Array<{
        id: number;
        address_ct: Buffer;
        body_ct: Buffer;
        key_version: number;
      }>;
      return rows.filter((r) => openRowAddress(vault, r) === address).map((r) => openBody(vault, r));
    },
  };
}
