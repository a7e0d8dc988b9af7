import fs from 'node:fs';
import path from 'node:path';
import { startHarness, waitFor, type Harness } from '../helpers/harness';
import { findNeedles } from '../helpers/needles';

const LEAVER = '+17135550142';

describe('DELETE', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('leaves neither the database file nor its WAL holding the erased member’s sealed address', async () => {
    await h.sms(LEAVER, 'JOIN 713');
    const row = h.server.db.sqlite.prepare('SELECT address_ct FROM members ORDER BY id DESC LIMIT 1').get() as { address_ct: Buffer };
    // A distinctive slice of the ciphertext: the nonce and the first sealed bytes.
    const sealed = row.address_ct.subarray(0, 32);
    const db = path.join(h.dataDir, 'heads-up.db');
    const wal = `${db}-wal`;
    const holds = (file: string) => fs.existsSync(file) && fs.readFileSync(file).includes(sealed);
    // The search can fail: right after JOIN the WAL holds the sealed address.
    expect(holds(wal) || holds(db)).toBe(true);

    expect((await h.sms(LEAVER, 'DELETE')).message).toContain('erased');
    await waitFor(() => !holds(wal) && !holds(db), 5_000, 'the erased row to leave the files');
    expect(holds(db)).toBe(false);
    expect(holds(wal)).toBe(false);
    expect(findNeedles(fs.readFileSync(db), ['+17135550142', '7135550142'])).toEqual([]);
  });
});
