/**
 * A number's record (buddy_numbers) that no longer opens must not hide her
 * links: her STOP still stops them, her DELETE still erases them, and a new
 * invitation rewrites the record with every link, not only its own.
 */
import path from 'node:path';
import { catalog } from '../../src/bot/catalog';
import { runDoctor } from '../../src/cli/doctor';
import { linksOfBuddy } from '../../src/store/buddies';
import { buddyStopped } from '../../src/store/buddy-stops';
import { mendBuddiesAtStart } from '../../src/store/buddy-numbers-mend';
import { KeyRotation, rotationVersions } from '../../src/store/key-rotation';
import { Vault } from '../../src/store/vault';
import type { BotWorld } from '../helpers/bot-world';
import { acceptLine, FRIEND, HER, STRANGER } from './accept-line';

const ANA = '+14155550181';
const t = catalog('en');

/** One byte of her number's sealed record flipped: it no longer opens. */
function damageRecord(w: BotWorld): void {
  const { record_ct: ct } = w.db.sqlite.prepare('SELECT record_ct FROM buddy_numbers').get() as { record_ct: Buffer };
  const bad = Buffer.from(ct);
  bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
  w.db.sqlite.prepare('UPDATE buddy_numbers SET record_ct = ?').run(bad);
}

const statuses = (w: BotWorld) => w.db.sqlite.prepare('SELECT status FROM buddies ORDER BY id').all().map((r) => (r as { status: string }).status);

describe("a buddy number's record that no longer opens", () => {
  it('still lets her STOP stop her links and her DELETE erase them', async () => {
    const w = await acceptLine([STRANGER, FRIEND]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect(w.sms(HER, 'ACCEPT').reply).toBe(t.buddyAccepted());
    damageRecord(w);
    w.sms(HER, 'STOP');
    expect(statuses(w)).toEqual(['stopped']);
    expect(w.queued({ channel: 'sms', address: FRIEND, phone: FRIEND }).map((m) => m.text)).toContain(t.buddyStoppedMember('0173'));
    w.sms(HER, 'DELETE');
    expect(statuses(w)).toEqual([]);
    expect(buddyStopped(w.db, w.vault, HER, 'sms')).toBe(false);
  });

  it('is rewritten with every link at the next invitation, not only the new one', async () => {
    const w = await acceptLine([STRANGER, FRIEND, ANA]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    expect(w.sms(HER, 'ACCEPT').reply).toBe(t.buddyAccepted());
    damageRecord(w);
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    w.sms(ANA, `BUDDY ${HER} Ana`);
    expect(linksOfBuddy(w.db, w.vault, HER).map((b) => b.name)).toEqual(['Rose', 'Mike', 'Ana']);
    // Her STOP reaches Rose's member, whose link was made before the damage (the invitations wait on).
    w.sms(HER, 'STOP');
    expect(statuses(w)).toEqual(['stopped', 'invited', 'invited']);
    expect(w.queued({ channel: 'sms', address: FRIEND, phone: FRIEND }).map((m) => m.text)).toContain(t.buddyStoppedMember('0173'));
  });
});

describe('doctor, on a line with a damaged buddy number record', () => {
  it('warns of it', async () => {
    const w = await acceptLine([FRIEND]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    const key = { DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: Buffer.from(new Uint8Array(32).fill(5)).toString('base64') };
    expect((await runDoctor(key)).find((c) => c.name === 'buddies')).toBeUndefined();
    damageRecord(w);
    expect((await runDoctor(key)).find((c) => c.name === 'buddies')).toEqual({
      name: 'buddies',
      ok: true,
      warn: true,
      detail: "1 buddy number record does not open (damaged): the server finds her links without it, and rebuilds it from them at its next start",
    });
  });
});

describe('a damaged buddy number record, at the next start or rotate-key', () => {
  it('is rebuilt from the links as the server starts: doctor finds it whole', async () => {
    const w = await acceptLine([STRANGER, FRIEND]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    damageRecord(w);
    mendBuddiesAtStart(w.db, w.vault);
    const checks = await runDoctor({ DATA_DIR: path.dirname(w.file), HEADSUP_MASTER_KEY: Buffer.from(new Uint8Array(32).fill(5)).toString('base64') });
    expect(checks.find((c) => c.name === 'key')?.detail).toBe('the master key opens this database');
    expect(checks.find((c) => c.name === 'buddies')).toBeUndefined();
    expect(linksOfBuddy(w.db, w.vault, HER).map((b) => b.name)).toEqual(['Rose', 'Mike']);
  });

  it('is rebuilt by rotate-key, which finishes: her links are found under the new key', async () => {
    const w = await acceptLine([STRANGER, FRIEND]);
    w.sms(FRIEND, `BUDDY ${HER} Rose`);
    w.sms(STRANGER, `BUDDY ${HER} Mike`);
    damageRecord(w);
    const { from, to } = rotationVersions(w.db);
    const newVault = new Vault(new Uint8Array(32).fill(6), to);
    new KeyRotation(w.db, new Vault(new Uint8Array(32).fill(5), from), newVault).run();
    expect(linksOfBuddy(w.db, newVault, HER).map((b) => b.name)).toEqual(['Rose', 'Mike']);
  });
});
