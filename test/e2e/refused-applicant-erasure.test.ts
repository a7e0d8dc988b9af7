/**
 * Under SUBSCRIBE_MODE=approval, REJECT (and BLOCK) of a join request erases
 * the applicant ("REJECT of an applicant erases them"): like DELETE, nothing
 * of theirs may survive in the database file or its WAL (threat model,
 * "Erasure": deleted rows are overwritten and the WAL truncated).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, waitFor, type Harness } from '../helpers/harness';

const MOD = '+13125550177';

describe('a refused applicant leaves nothing in the database or its WAL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { SUBSCRIBE_MODE: 'approval', MODERATORS: MOD } });
    // A database truncates its WAL once after opening (a kill may have interrupted an erase): let that pass first.
    await new Promise((r) => setTimeout(r, 1_500));
  });
  afterAll(async () => {
    await h.close();
  });

  async function refuseApplicant(applicant: string, word: 'REJECT' | 'BLOCK'): Promise<void> {
    expect((await h.sms(applicant, 'JOIN 713')).message).toContain('moderator');
    const sqlite = h.server.db.sqlite;
    const row = sqlite.prepare("SELECT id, address_ct FROM members WHERE status = 'pending' ORDER BY id DESC LIMIT 1").get() as { id: number; address_ct: Buffer };
    const { ref } = sqlite.prepare('SELECT ref FROM member_requests WHERE member_id = ?').get(row.id) as { ref: string };
    // A distinctive slice of the ciphertext: the nonce and the first sealed bytes.
    const sealed = row.address_ct.subarray(0, 32);
    const db = path.join(h.dataDir, 'heads-up.db');
    const wal = `${db}-wal`;
    const holds = (file: string) => fs.existsSync(file) && fs.readFileSync(file).includes(sealed);
    // The search can fail: right after JOIN the files hold the sealed address.
    expect(holds(wal) || holds(db)).toBe(true);

    const answer = await h.sms(MOD, `${word} ${ref}`);
    expect(answer.message).toContain(`#${ref}`);
    // The applicant is gone from the tables…
    expect(sqlite.prepare('SELECT 1 FROM members WHERE id = ?').get(row.id)).toBeUndefined();
    // …and, as after DELETE, from the files (DELETE passes this within a few hundred milliseconds).
    await waitFor(() => !holds(wal) && !holds(db), 5_000, 'the refused applicant’s sealed address to leave the files').catch(() => undefined);
    expect({ db: holds(db), wal: holds(wal) }).toEqual({ db: false, wal: false });
  }

  it('after REJECT', async () => {
    await refuseApplicant('+17135550142', 'REJECT');
  });

  it('after BLOCK', async () => {
    await refuseApplicant('+17135550143', 'BLOCK');
  });
});
