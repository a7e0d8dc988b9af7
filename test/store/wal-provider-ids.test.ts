/**
 * A Twilio message id (Twilio maps it to the recipient's number) is dropped
 * from the outbox at the message's final status, but the WAL keeps the
 * frames that held it until the WAL is truncated, which an erase used to be
 * the only thing to do. The server's checkpoint timer truncates it on a
 * bounded schedule too, so the ids go from the -wal file as well.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Db } from '../../src/store/db';
import { ensureMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane } from '../../src/store/outbox-claims';
import { enqueueMessage, recordTaken, settleReported } from '../../src/store/outbox';
import { WAL_SCRUB_EVERY_MS } from '../../src/store/wal-upkeep';
import { cryptoReady, Vault } from '../../src/store/vault';
import { newSid } from '../helpers/provider-ids';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait-for';

/** How many of `ids` the file's bytes hold. */
function held(file: string, ids: string[]): number {
  const bytes = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
  return ids.filter((id) => bytes.includes(id)).length;
}

describe("the WAL after the messages' final status", () => {
  it('holds none of their Twilio ids once the checkpoint timer has run past its truncation interval', async () => {
    await cryptoReady();
    const file = path.join(tempDir(), 'heads-up.db');
    const db = new Db(file);
    migrate(db);
    const vault = new Vault(new Uint8Array(32).fill(9));
    const clock = { now: 1_800_000_000_000 };
    const ids: string[] = [];
    // The truncation the opening owes (a kill may have left an erase) is done before the messages are written.
    const stopFirst = db.checkpointEvery(1, () => clock.now);
    // The migrations' frames gone (a frame or two may follow: the erase's marker cleared).
    await waitFor(() => fs.statSync(`${file}-wal`).size < 3 * 4_096, 5_000, 'the opening truncation');
    stopFirst();
    for (let i = 0; i < 8; i++) {
      const member = ensureMember(db, vault, { channel: 'sms', address: `+1415555010${i}`, phone: `+1415555010${i}` }, 'en', clock.now).id;
      enqueueMessage(db, vault, member, `notice ${i}`, clock.now);
    }
    for (const row of claimLane(db, 'sms', clock.now, 8, clock.now + 60_000)) {
      const sid = newSid();
      ids.push(sid);
      db.transaction(() => recordTaken(db, row.id, row.attempts, sid, clock.now));
      db.transaction(() => settleReported(db, row.id, sid, { state: 'delivered' }, clock.now));
    }
    expect(held(file, ids)).toBe(0);
    expect(held(`${file}-wal`, ids)).toBe(8);

    clock.now += WAL_SCRUB_EVERY_MS;
    const stop = db.checkpointEvery(1, () => clock.now);
    try {
      await waitFor(() => held(`${file}-wal`, ids) === 0, 5_000, 'the ids gone from the WAL');
      expect(held(file, ids)).toBe(0);
    } finally {
      stop();
      db.close();
    }
  });
});
