/**
 * Migration 0049: an unreachable handset's redeliveries count the sends the
 * provider took, no longer every try. A message of before the upgrade gets
 * its three sends in all: one sent, or undelivered and waiting for its next
 * send, counts its tries less its 429s (what the code of before counted,
 * so none gets more sends than it would have); tries of an outage before
 * it, still waiting, count none.
 */
import fs from 'node:fs';
import path from 'node:path';
import { applyDeliveryReport } from '../../src/outbox/delivery-status';
import { Db } from '../../src/store/db';
import { findProjectDir } from '../../src/store/find-up';
import { insertMember } from '../../src/store/members';
import { migrate } from '../../src/store/migrate';
import { claimLane, enqueueMessage, recordOutcomes } from '../../src/store/outbox';
import { cryptoReady, Vault } from '../../src/store/vault';
import { tempDir } from '../helpers/temp-dir';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const unreachable = { kind: 'unreachable', code: 'undelivered:30003' } as const;

describe('migration 0049 on a line with messages on their way', () => {
  let db: Db;
  let vault: Vault;

  beforeEach(async () => {
    await cryptoReady();
    vault = new Vault(new Uint8Array(32).fill(5));
    const oldDir = tempDir();
    for (const f of fs.readdirSync(findProjectDir('migrations')).filter((f) => f < '0049')) {
      fs.copyFileSync(path.join(findProjectDir('migrations'), f), path.join(oldDir, f));
    }
    db = new Db(path.join(tempDir(), 'heads-up.db'));
    migrate(db, oldDir);
  });
  afterEach(() => db.close());

  /** A message queued before the upgrade, its row then as `set` says (as the server of before left it). */
  function before(set: string): number {
    const member = insertMember(db, vault, { channel: 'sms', address: '+14155550101', phone: '+14155550101' }, 'en', T0, 'active');
    const id = enqueueMessage(db, vault, member.id, 'hello', T0);
    db.sqlite.prepare(`UPDATE outbox SET ${set} WHERE id = ?`).run(id);
    return id;
  }
  /** Claims row `id` at `t` and records Twilio taking it as `sid`; then Twilio reports it undelivered a minute on. */
  function sendUndelivered(id: number, t: number, sid: string) {
    expect(claimLane(db, 'sms', t, 10, t + MIN).map((r) => r.id)).toEqual([id]);
    recordOutcomes(db, [{ id, kind: 'sent', providerId: sid }], t);
    return applyDeliveryReport(db, vault, { providerId: sid, delivery: unreachable }, t + MIN);
  }
  const dueAt = (id: number) => (db.sqlite.prepare('SELECT due_at FROM outbox WHERE id = ?').get(id) as { due_at: number }).due_at;

  it('counts the send of a message undelivered before it: two more, not three', () => {
    const id = before(`state = 'pending', attempts = 1, provider_id = 'SM0', error = 'unreachable:undelivered:30003', due_at = ${T0 + 10 * MIN}`);
    expect(migrate(db)).toContain('0049_outbox_sends.sql');
    expect(sendUndelivered(id, dueAt(id), 'SM1')).toEqual({ matched: true, kind: 'retry' });
    expect(sendUndelivered(id, dueAt(id), 'SM2')).toEqual({ matched: true, kind: 'unreachable' });
  });

  it('counts every send of a message on its third send at the upgrade, as the code of before did: none more', () => {
    before(`state = 'sent', attempts = 3, provider_id = 'SM2', due_at = ${T0}`);
    expect(migrate(db)).toContain('0049_outbox_sends.sql');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM2', delivery: unreachable }, T0 + MIN)).toEqual({ matched: true, kind: 'unreachable' });
  });

  it('counts a message sent at the upgrade by its tries less its 429s, as the code of before did: one more after two sends and a 429', () => {
    const id = before(`state = 'sent', attempts = 3, throttles = 1, provider_id = 'SM2', due_at = ${T0}`);
    expect(migrate(db)).toContain('0049_outbox_sends.sql');
    expect(applyDeliveryReport(db, vault, { providerId: 'SM2', delivery: unreachable }, T0 + MIN)).toEqual({ matched: true, kind: 'retry' });
    expect(sendUndelivered(id, dueAt(id), 'SM3')).toEqual({ matched: true, kind: 'unreachable' });
  });

  it('counts none of the tries of an outage before it: the message still gets its three sends', () => {
    const id = before(`state = 'pending', attempts = 3, error = 'server:20500', due_at = ${T0 + MIN}`);
    expect(migrate(db)).toContain('0049_outbox_sends.sql');
    expect(sendUndelivered(id, dueAt(id), 'SM1')).toEqual({ matched: true, kind: 'retry' });
    expect(sendUndelivered(id, dueAt(id), 'SM2')).toEqual({ matched: true, kind: 'retry' });
    expect(sendUndelivered(id, dueAt(id), 'SM3')).toEqual({ matched: true, kind: 'unreachable' });
  });
});
