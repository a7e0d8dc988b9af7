/**
 * The member store over a real SQLite file and real crypto: a member is
 * found by the index of the members' own purpose and by nothing else; a
 * new row is plain (not discreet) unless asked; status, language and
 * discreet are kept; DELETE takes the row. A person on SMS and on Signal
 * showing the same number is linked, so an alert reaches them once (over
 * Signal); a plain SMS line keeps no link at all. Fan-out is read as the
 * dispatcher would send it: planned, claimed, each address opened.
 */
import path from 'node:path';
import { memberKey, type Sender } from '../../src/phone/identity';
import { createAlert, planNextRange } from '../../src/store/alerts';
import { Db } from '../../src/store/db';
import {
  deleteMember,
  ensureMember,
  findMember,
  findMemberByIndex,
  insertMember,
  linkIndex,
  linkSignalPhone,
  memberDiscreet,
  memberIndex,
  memberLang,
  openAddress,
  setMemberDiscreet,
  setMemberLang,
  setMemberStatus,
} from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane } from '../../src/store/outbox';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { findNeedlesInFile, numberForms } from '../helpers/needles';
import { tempDir } from '../helpers/temp-dir';

const NOW = Date.UTC(2026, 11, 2, 4, 0, 0);
const ROSA = '+14155550110';
const LENA = '+14155550111';
const UUID_ROSA = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601';
const UUID_LENA = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
const UUID_HIDDEN = 'c0ffee00-1234-4abc-8def-0123456789ab';

const sms = (phone: string): Sender => ({ channel: 'sms', address: phone, phone });
const signal = (uuid: string, phone?: string): Sender => (phone ? { channel: 'signal', address: uuid, phone } : { channel: 'signal', address: uuid });

async function store(): Promise<{ db: Db; vault: Vault; file: string }> {
  await cryptoReady();
  const file = path.join(tempDir(), 'heads-up.db');
  const db = new Db(file);
  migrate(db);
  return { db, vault: new Vault(new Uint8Array(32).fill(7)), file };
}

/** A member subscribed to 415. */
function joined(db: Db, vault: Vault, sender: Sender): number {
  const { id } = insertMember(db, vault, sender, 'en', NOW, 'active');
  subscribe(db, id, ['415'], NOW);
  return id;
}

/** Where an alert for 415 goes, as the dispatcher would send it: `channel:address`, sorted. */
function alertRecipients(db: Db, vault: Vault): string[] {
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van, took the phone' }, NOW);
  for (let i = 0; i < 5 && !planNextRange(db, alert, NOW).done; i++);
  const rows = [...claimLane(db, 'sms', NOW + 1, 100, NOW + 60_000), ...claimLane(db, 'signal', NOW + 1, 100, NOW + 60_000)].filter((r) => r.alert_id === alert);
  return rows.map((r) => `${r.channel}:${openAddress(vault, { id: r.member_id as number, address_ct: r.address_ct as Buffer, key_version: r.address_kv })}`).sort();
}

describe('finding a member', () => {
  it('finds a member by the index of the members’ purpose, and not by the reporter’s or the rate limit’s index of the same sender', async () => {
    const { db, vault } = await store();
    const rosa = sms(ROSA);
    const row = insertMember(db, vault, rosa, 'es', NOW, 'pending');
    expect(findMember(db, vault, rosa)).toEqual({ id: row.id, lang: 'es', status: 'pending' });
    expect(findMemberByIndex(db, memberIndex(vault, rosa))).toEqual(row);
    expect(findMemberByIndex(db, vault.index('reporter', memberKey(rosa)))).toBeUndefined();
    expect(findMemberByIndex(db, vault.index('sender', memberKey(rosa)))).toBeUndefined();
    // The same address on the other channel is another membership.
    expect(findMember(db, vault, { channel: 'signal', address: ROSA })).toBeUndefined();
    expect(findMember(db, vault, sms(LENA))).toBeUndefined();
  });

  it('ensureMember returns the row a sender has, and creates one (plain, not discreet) only when they have none', async () => {
    const { db, vault } = await store();
    const made = ensureMember(db, vault, sms(ROSA), 'es', NOW);
    expect(made.status).toBe('active');
    expect(memberDiscreet(db, made.id)).toBe(false);
    expect(ensureMember(db, vault, sms(ROSA), 'en', NOW, 'pending')).toEqual({ id: made.id, lang: 'es', status: 'active' });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 1 });
  });
});

describe('a member’s settings', () => {
  it('starts plain unless the line makes new members discreet', async () => {
    const { db, vault } = await store();
    const plain = insertMember(db, vault, sms(ROSA), 'en', NOW, 'active');
    const discreet = insertMember(db, vault, sms(LENA), 'en', NOW, 'active', true);
    expect(memberDiscreet(db, plain.id)).toBe(false);
    expect(memberDiscreet(db, discreet.id)).toBe(true);
  });

  it('turns discreet on and off for that member only', async () => {
    const { db, vault } = await store();
    const rosa = insertMember(db, vault, sms(ROSA), 'en', NOW, 'active');
    const lena = insertMember(db, vault, sms(LENA), 'en', NOW, 'active');
    setMemberDiscreet(db, rosa.id, true);
    expect([memberDiscreet(db, rosa.id), memberDiscreet(db, lena.id)]).toEqual([true, false]);
    setMemberDiscreet(db, rosa.id, false);
    expect(memberDiscreet(db, rosa.id)).toBe(false);
    // A member who is gone is not discreet.
    deleteMember(db, rosa.id);
    expect(memberDiscreet(db, rosa.id)).toBe(false);
  });

  it('keeps a member’s language and status, for that member only', async () => {
    const { db, vault } = await store();
    const rosa = insertMember(db, vault, sms(ROSA), 'en', NOW, 'pending');
    const lena = insertMember(db, vault, sms(LENA), 'en', NOW, 'active');
    setMemberLang(db, rosa.id, 'es');
    setMemberStatus(db, rosa.id, 'active');
    expect(findMember(db, vault, sms(ROSA))).toEqual({ id: rosa.id, lang: 'es', status: 'active' });
    expect(memberLang(db, rosa.id)).toBe('es');
    setMemberStatus(db, rosa.id, 'stopped');
    expect(findMember(db, vault, sms(ROSA))?.status).toBe('stopped');
    expect(findMember(db, vault, sms(LENA))).toEqual({ id: lena.id, lang: 'en', status: 'active' });
  });

  it('erases a member row, which then finds nothing', async () => {
    const { db, vault } = await store();
    const rosa = joined(db, vault, sms(ROSA));
    joined(db, vault, sms(LENA));
    setMemberLang(db, rosa, 'es');
    deleteMember(db, rosa);
    expect(findMember(db, vault, sms(ROSA))).toBeUndefined();
    expect(memberLang(db, rosa)).toBe('en');
    expect(alertRecipients(db, vault)).toEqual([`sms:${LENA}`]);
  });

  it('keeps the address sealed under the row: the key opens it, and the file holds no number or UUID in plain', async () => {
    const { db, vault, file } = await store();
    joined(db, vault, sms(ROSA));
    joined(db, vault, signal(UUID_LENA, LENA));
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_LENA}`, `sms:${ROSA}`]);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(findNeedlesInFile(file, [...numberForms(ROSA), ...numberForms(LENA), UUID_LENA])).toEqual([]);
  });
});

describe('one person on SMS and on Signal', () => {
  it('gets an alert once, over Signal, when they joined by SMS first and Signal shows the same number', async () => {
    const { db, vault } = await store();
    joined(db, vault, sms(ROSA));
    joined(db, vault, signal(UUID_ROSA, ROSA));
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_ROSA}`]);
  });

  it('gets an alert once, over Signal, when they joined over Signal first and then by SMS', async () => {
    const { db, vault } = await store();
    joined(db, vault, signal(UUID_ROSA, ROSA));
    joined(db, vault, sms(ROSA));
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_ROSA}`]);
  });

  it('is linked once a Signal member who joined with a hidden number shows it', async () => {
    const { db, vault } = await store();
    const rosaSignal = joined(db, vault, signal(UUID_ROSA));
    joined(db, vault, sms(ROSA));
    // Hidden: no link can be made, so both memberships get the alert.
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_ROSA}`, `sms:${ROSA}`]);
    linkSignalPhone(db, vault, rosaSignal, ROSA);
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_ROSA}`]);
    // Shown again, nothing changes.
    linkSignalPhone(db, vault, rosaSignal, ROSA);
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_ROSA}`]);
  });

  it('links nobody else: two people each get their own copy', async () => {
    const { db, vault } = await store();
    joined(db, vault, sms(ROSA));
    joined(db, vault, signal(UUID_LENA, LENA));
    const hidden = joined(db, vault, signal(UUID_HIDDEN));
    // A Signal member showing someone else's number is linked to that number only, and never to an SMS row of another number.
    linkSignalPhone(db, vault, hidden, '+14155550199');
    expect(alertRecipients(db, vault)).toEqual([`signal:${UUID_LENA}`, `signal:${UUID_HIDDEN}`, `sms:${ROSA}`]);
  });

  it('stores no link for a plain SMS line: only a Signal twin brings one', async () => {
    const { db, vault } = await store();
    joined(db, vault, sms(ROSA));
    joined(db, vault, sms(LENA));
    const linked = (phone: string) => (db.sqlite.prepare('SELECT count(*) AS n FROM members WHERE phone_bidx = ?').get(linkIndex(vault, phone)) as { n: number }).n;
    expect([linked(ROSA), linked(LENA)]).toEqual([0, 0]);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM members WHERE phone_bidx IS NOT NULL').get()).toEqual({ n: 0 });
    joined(db, vault, signal(UUID_ROSA, ROSA));
    expect([linked(ROSA), linked(LENA)]).toEqual([2, 0]);
    // Once a Signal member shows a number, an SMS member who joins with another one still stores none.
    const noTwin = '+14155550177';
    joined(db, vault, sms(noTwin));
    expect(linked(noTwin)).toBe(0);
  });
});
