/**
 * What the status poller's test files share: a Twilio on loopback for the file, and for each test a fresh line
 * (its own database file) with one SMS member. Each file keeps its own key, account and member apart.
 */
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';
import { twilioLoopback, type TwilioLoopback } from './twilio-loopback';

export interface PollerLine {
  twilio: TwilioLoopback;
  vault: Vault;
  db: Db;
  /** The member's id: she joined an hour before `joinedBefore`. */
  member: number;
}

/**
 * Registers the file's hooks; `use` receives the line before each test (the file's own beforeEach runs after).
 * After each test a fetch held or failing is let go, and the database closed.
 */
export function pollerLine(opts: { key: number; account: string; token: string; member: string; joinedBefore: number }, use: (line: PollerLine) => void): void {
  let twilio: TwilioLoopback;
  let vault: Vault;
  let db: Db;
  beforeAll(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(opts.key));
    twilio = await twilioLoopback(opts.account, opts.token);
  });
  afterAll(async () => twilio.close());
  beforeEach(() => {
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db);
    const member = ensureMember(db, vault, { channel: 'sms', address: opts.member, phone: opts.member }, 'en', opts.joinedBefore - 3_600_000).id;
    use({ twilio, vault, db, member });
  });
  afterEach(() => {
    twilio.fake.fetches.failWith = null;
    twilio.fake.fetches.release();
    db.close();
  });
}
