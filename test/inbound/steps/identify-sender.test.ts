/**
 * Step 2, identify the sender, over a real SQLite file and real crypto: who
 * moderates (listed in MODERATORS, over Signal by UUID only, and only while
 * their identity is trusted), the member row, the blind indexes of each
 * purpose, and a Signal member linked to the SMS membership of the number
 * they now show (so an alert reaches that person once, over Signal).
 */
import path from 'node:path';
import { memberKey, type Sender } from '../../../src/phone/identity';
import { identifySender, isTrustedModerator } from '../../../src/inbound/steps/identify-sender';
import { createAlert, planNextRange } from '../../../src/store/alerts';
import { Db } from '../../../src/store/db';
import { findMember, insertMember, memberIndex, openAddress } from '../../../src/store/members';
import { migrate } from '../../../src/store/migrate';
import { claimLane } from '../../../src/store/outbox';
import { subscribe } from '../../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../../src/store/vault';
import { tempDir } from '../../helpers/temp-dir';

const NOW = Date.UTC(2026, 11, 2, 4, 0, 0);
const MOD = '+14155550199';
const MOD_UUID = '0b5c6a1e-2f43-4d7e-9a55-6f1e2d3c4b5a';
const ROSA = '+14155550110';
const ROSA_UUID = '3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f601';
const STRANGER_UUID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
const MODERATORS: ReadonlySet<string> = new Set([MOD, MOD_UUID]);

const sms = (phone: string): Sender => ({ channel: 'sms', address: phone, phone });

async function store(): Promise<{ db: Db; vault: Vault }> {
  await cryptoReady();
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  migrate(db);
  return { db, vault: new Vault(new Uint8Array(32).fill(11)) };
}

/** Where an alert for 415 goes, as the dispatcher would send it: `channel:address`, sorted. */
function alertRecipients(db: Db, vault: Vault): string[] {
  const alert = createAlert(db, vault, { npas: ['415'], reach: ['415'], text: 'grey van' }, NOW);
  for (let i = 0; i < 5 && !planNextRange(db, alert, NOW).done; i++);
  const rows = [...claimLane(db, 'sms', NOW + 1, 100, NOW + 60_000), ...claimLane(db, 'signal', NOW + 1, 100, NOW + 60_000)].filter((r) => r.alert_id === alert);
  return rows.map((r) => `${r.channel}:${openAddress(vault, { id: r.member_id as number, address_ct: r.address_ct as Buffer, key_version: r.address_kv })}`).sort();
}

describe('who moderates', () => {
  it('recognises a sender listed in MODERATORS, and no one else', async () => {
    const { db, vault } = await store();
    expect(identifySender(db, vault, MODERATORS, sms(MOD), NOW).moderator).toBe(true);
    expect(identifySender(db, vault, MODERATORS, sms(ROSA), NOW).moderator).toBe(false);
    expect(identifySender(db, vault, new Set(), sms(MOD), NOW).moderator).toBe(false);
  });

  it('over Signal, recognises a moderator by UUID only, never by the number an envelope shows', async () => {
    const { db, vault } = await store();
    expect(identifySender(db, vault, MODERATORS, { channel: 'signal', address: MOD_UUID }, NOW).moderator).toBe(true);
    expect(identifySender(db, vault, MODERATORS, { channel: 'signal', address: STRANGER_UUID, phone: MOD }, NOW).moderator).toBe(false);
  });

  it('treats a listed moderator whose identity is no longer trusted as a member, and trusts no one unlisted', async () => {
    const { db, vault } = await store();
    const modOverSignal: Sender = { channel: 'signal', address: MOD_UUID };
    const stranger: Sender = { channel: 'signal', address: STRANGER_UUID };
    expect(identifySender(db, vault, MODERATORS, modOverSignal, NOW, () => false).moderator).toBe(false);
    expect(identifySender(db, vault, MODERATORS, modOverSignal, NOW, () => true).moderator).toBe(true);
    expect(identifySender(db, vault, MODERATORS, stranger, NOW, () => true).moderator).toBe(false);
    expect(isTrustedModerator(MODERATORS, undefined, sms(MOD))).toBe(true);
    expect(isTrustedModerator(MODERATORS, (s) => s.address !== MOD, sms(MOD))).toBe(false);
  });
});

describe('the member and their indexes', () => {
  it('finds the sender’s member row, and keeps the member’s, the reporter’s, the rate limit’s and the inbound log’s indexes apart', async () => {
    const { db, vault } = await store();
    const rosa = sms(ROSA);
    const row = insertMember(db, vault, rosa, 'es', NOW, 'active');
    const who = identifySender(db, vault, MODERATORS, rosa, NOW);
    expect(who.member).toEqual(row);
    expect(who.memberKey.equals(memberIndex(vault, rosa))).toBe(true);
    expect(who.reporterKey.equals(vault.index('reporter', memberKey(rosa)))).toBe(true);
    expect(who.limitKey.equals(vault.index('sender', memberKey(rosa)))).toBe(true);
    expect(who.senderKey.equals(vault.index('replies', memberKey(rosa)))).toBe(true);
    const keys = [who.memberKey, who.reporterKey, who.limitKey, who.senderKey].map((k) => k.toString('hex'));
    expect(new Set(keys).size).toBe(4);
    expect(identifySender(db, vault, MODERATORS, sms(MOD), NOW).member).toBeUndefined();
  });

  it('links a Signal member to the SMS membership of the number they now show: the person gets one alert, over Signal', async () => {
    const { db, vault } = await store();
    const hidden: Sender = { channel: 'signal', address: ROSA_UUID };
    subscribe(db, insertMember(db, vault, hidden, 'en', NOW, 'active').id, ['415'], NOW);
    subscribe(db, insertMember(db, vault, sms(ROSA), 'en', NOW, 'active').id, ['415'], NOW);
    // Still hidden: nothing to link, so both memberships get it.
    identifySender(db, vault, MODERATORS, hidden, NOW);
    identifySender(db, vault, MODERATORS, sms(ROSA), NOW);
    expect(alertRecipients(db, vault)).toEqual([`signal:${ROSA_UUID}`, `sms:${ROSA}`]);

    const who = identifySender(db, vault, MODERATORS, { channel: 'signal', address: ROSA_UUID, phone: ROSA }, NOW);
    expect(who.member).toEqual(findMember(db, vault, hidden));
    expect(alertRecipients(db, vault)).toEqual([`signal:${ROSA_UUID}`]);
  });
});
