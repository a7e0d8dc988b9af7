/**
 * BUDDY OFF and DECLINE erase a buddy link (the buddy's sealed number and
 * the name the member chose): like DELETE, nothing of it may survive in the
 * database file or its WAL (threat model, "Erasure").
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTwilioLine, waitFor, type Harness, type TwilioLine } from '../helpers/harness';

describe('a removed buddy leaves nothing in the database or its WAL', () => {
  let line: TwilioLine;
  let h: Harness;
  beforeAll(async () => {
    line = await startTwilioLine();
    h = line.h;
    // A database truncates its WAL once after opening (a kill may have interrupted an erase): let that pass first.
    await new Promise((r) => setTimeout(r, 1_500));
  });
  afterAll(() => line.stop());

  async function removeBuddy(member: string, buddy: string, how: (member: string, buddy: string) => Promise<unknown>): Promise<void> {
    expect((await h.sms(member, 'JOIN 415')).message).toContain('415');
    expect((await h.sms(member, `BUDDY ${buddy} Sam`)).message).toMatch(/buddy/i);
    const sqlite = h.server.db.sqlite;
    // The invitation went out: nothing waiting to erase but the link itself.
    await waitFor(() => (sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n === 0, 5_000, 'the invitation sent');
    const row = sqlite.prepare('SELECT id, address_ct FROM buddies ORDER BY id DESC LIMIT 1').get() as { id: number; address_ct: Buffer };
    // A distinctive slice of the ciphertext: the nonce and the first sealed bytes.
    const sealed = row.address_ct.subarray(0, 32);
    const db = path.join(h.dataDir, 'heads-up.db');
    const wal = `${db}-wal`;
    const holds = (file: string) => fs.existsSync(file) && fs.readFileSync(file).includes(sealed);
    // The search can fail: right after BUDDY the files hold the sealed link.
    expect(holds(wal) || holds(db)).toBe(true);

    await how(member, buddy);
    expect(sqlite.prepare('SELECT 1 FROM buddies WHERE id = ?').get(row.id)).toBeUndefined();
    await waitFor(() => !holds(wal) && !holds(db), 5_000, 'the removed buddy’s sealed link to leave the files').catch(() => undefined);
    expect({ db: holds(db), wal: holds(wal) }).toEqual({ db: false, wal: false });
  }

  it('after the member’s BUDDY OFF', async () => {
    await removeBuddy('+14155550171', '+14155550172', (member, buddy) => h.sms(member, `BUDDY OFF ${buddy}`));
  });

  it('after the buddy’s DECLINE', async () => {
    await removeBuddy('+14155550173', '+14155550174', (_member, buddy) => h.sms(buddy, 'DECLINE'));
  });
});
