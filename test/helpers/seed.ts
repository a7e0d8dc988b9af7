/** Writes rows straight through the store into a stopped server's data directory: members for tests that need thousands, a parked message. */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { memberKey } from '../../src/phone/identity';
import { senderLogKeys } from '../../src/store/inbound-log';
import { parkItem } from '../../src/store/inbound-retry';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { subscribe } from '../../src/store/subscriptions';
import { cryptoReady, Vault } from '../../src/store/vault';
import { TEST_MASTER_KEY } from './harness';

/** n distinct valid numbers in one area code: +1NPA555xxxx style, but with a real exchange. */
export function numbersIn(npa: string, n: number, exchange = '201'): string[] {
  return Array.from({ length: n }, (_, i) => `+1${npa}${exchange}${String(i).padStart(4, '0')}`);
}

/** Subscribes each number (or, on Signal, each account's UUID) to `npa`, in one transaction, using the test master key. */
export async function seedMembers(dataDir: string, npa: string, numbers: string[], channel: 'sms' | 'signal' = 'sms'): Promise<void> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
  const db = new Db(path.join(dataDir, 'heads-up.db'));
  try {
    migrate(db);
    const now = Date.now();
    db.transaction(() => {
      for (const phone of numbers) {
        const m = ensureMember(db, vault, channel === 'sms' ? { channel, address: phone, phone } : { channel, address: phone }, 'en', now);
        subscribe(db, m.id, [npa], now);
      }
    });
  } finally {
    db.close();
  }
}

/**
 * Parks a received Signal message in a stopped server's data directory, due
 * to be tried again at `dueAt`, as the inbound path parks one whose handling
 * failed (inbound-path.ts): sealed, under the sender's log index.
 */
export async function seedParkedSignal(
  dataDir: string,
  from: { uuid: string; number: string | null },
  text: string,
  at: { sentAt: number; dueAt: number },
): Promise<void> {
  await cryptoReady();
  const vault = new Vault(new Uint8Array(Buffer.from(TEST_MASTER_KEY, 'base64')));
  const db = new Db(path.join(dataDir, 'heads-up.db'));
  try {
    const sender = from.number ? { channel: 'signal' as const, address: from.uuid, phone: from.number } : { channel: 'signal' as const, address: from.uuid };
    const item = JSON.stringify({ sender, text, providerId: `${from.uuid}:${at.sentAt}`, serverReceivedAt: at.sentAt });
    parkItem(db, vault, 'signal', item, at.sentAt, at.dueAt, senderLogKeys(vault, memberKey(sender)).current);
  } finally {
    db.close();
  }
}
