/**
 * STOP drops a sender's parked messages so that a parked JOIN, tried again
 * after it, does not subscribe her again. Messages parked before migration
 * 0030 carry the limit counts' index ('sender'), not the log's ('replies').
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { dueItems, parkItem } from '../../src/store/inbound-retry';
import { migrate } from '../../src/store/migrate';
import { findMember } from '../../src/store/members';
import { memberKey } from '../../src/phone/identity';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { newBot } from '../helpers/bot-world';

const ALICE = '+14155550100';

it('STOP after migration 0030 drops a JOIN parked before it', async () => {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(32).fill(5));
  const oldDir = tempDir();
  for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0030')) fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
  const db = new Db(path.join(tempDir(), 'heads-up.db'));
  const clock = { now: Date.UTC(2026, 11, 5, 20) };
  try {
    migrate(db, oldDir);
    const sender = { channel: 'sms' as const, address: ALICE, phone: ALICE };
    // As the code before 0030 parked it: under her rate-limit index.
    parkItem(db, vault, 'sms', JSON.stringify({ sender, text: 'JOIN 415', providerId: 'SMparked1' }), clock.now, clock.now + 60_000, vault.index('sender', memberKey(sender)));
    migrate(db);
    const bot = newBot(db, vault, clock);
    bot.handle({ sender, text: 'STOP', providerId: 'SMstop1' });
    clock.now += 120_000;
    // What the inbound path's retry does with what is still parked.
    for (const i of dueItems(db, vault, clock.now, 10)) bot.handle(JSON.parse(i.item), 'outbox');
    expect(findMember(db, vault, sender)?.status).not.toBe('active');
  } finally {
    db.close();
  }
});
